// memory_limit.h — a per-process cap on a module's linear memory, written into the module.
// V8 10.2 has no per-isolate limit on wasm memory (it is not ArrayBuffer-allocator memory), so
// the driver rewrites the memory section's maximum: memory.grow then fails past the cap (malloc
// returns NULL) exactly as it would at the declared maximum.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <secure_exec/error_or.h>

namespace secure_exec::wasm {

constexpr uint64_t k_wasm_page_bytes = 65536;

// `module` with every defined memory's maximum lowered to `max_pages` (kept if already lower).
// ENOMEM when a memory's minimum is above the cap. A binary this does not understand (malformed,
// or memory64) comes back unchanged, for V8 to accept or reject.
ErrorOr<std::string> with_memory_limit(std::string_view module, uint32_t max_pages);

}  // namespace secure_exec::wasm
