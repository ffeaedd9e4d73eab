// toolbox_image.h — the toolbox binary as the driver runs it: read from disk, its memory cap
// written in, its command list taken from its custom section. Loaded once per host process for
// each (path, memory cap) and shared by every kernel: a service that creates a sandbox per request
// should not re-read and re-patch a megabyte-sized binary each time. A changed file (size, mtime
// or inode) is read again.
// Thread safety: load() is safe to call from any thread; images are immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/error_or.h>

namespace secure_exec::wasm {

struct ToolboxImage {
    std::shared_ptr<const std::string> bytes;  // the module, memory cap applied
    std::vector<std::string> commands;         // from the "secure_exec_commands" section
};

// ENOENT when the file can't be read, ENOEXEC when it is not wasm, ENOMEM when its minimum memory
// is above the cap.
ErrorOr<std::shared_ptr<const ToolboxImage>> load_toolbox_image(const std::string& path, uint32_t memory_limit_pages);

}  // namespace secure_exec::wasm
