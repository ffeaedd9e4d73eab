// wasi_process.h — one running WASI program's view of the world: its kernel process, its
// argv/environ, its preopened root, and the guest memory the imports read and write.
// Thread safety: confined to the process's thread (V8 isolates are single-threaded).
#pragma once

#include <v8.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/kernel_interface.h>

namespace secure_exec::wasm {

struct WasiProcess {
    KernelInterface& kernel;
    Pid pid;
    std::vector<std::string> argv;
    std::vector<std::string> environ;
    int preopen_fd{-1};  // "/" as the WASI preopened directory
    v8::Isolate* isolate{nullptr};
    v8::Global<v8::WasmMemoryObject> memory;
    std::optional<int> exit_code;  // set by proc_exit
};

// Bounds-checked access to guest linear memory. The buffer is looked up on every call because
// memory.grow replaces it.
class GuestMemory {
public:
    explicit GuestMemory(WasiProcess& process);
    bool valid(uint64_t offset, uint64_t length) const { return offset <= m_size && length <= m_size - offset; }
    uint8_t* at(uint32_t offset) const { return m_base + offset; }
    std::span<std::byte> bytes(uint32_t offset, uint32_t length) const {
        return {reinterpret_cast<std::byte*>(m_base + offset), length};
    }
    std::string_view text(uint32_t offset, uint32_t length) const {
        return {reinterpret_cast<const char*>(m_base + offset), length};
    }
    // The NUL-terminated string at `offset`; nullopt when it runs past the end of memory.
    std::optional<std::string_view> c_string(uint32_t offset) const {
        if (offset >= m_size)
            return std::nullopt;
        const void* end = std::memchr(m_base + offset, 0, m_size - offset);
        if (!end)
            return std::nullopt;
        return std::string_view(reinterpret_cast<const char*>(m_base + offset),
                                static_cast<const uint8_t*>(end) - (m_base + offset));
    }
    template <typename T>
    void store(uint32_t offset, T value) const { std::memcpy(m_base + offset, &value, sizeof value); }
    template <typename T>
    T load(uint32_t offset) const {
        T value;
        std::memcpy(&value, m_base + offset, sizeof value);
        return value;
    }

private:
    uint8_t* m_base{nullptr};
    size_t m_size{0};
};

// Adds the `secure_exec` import module's functions (wasm_abi.h) to `namespace_object`.
void install_secure_exec_imports(v8::Isolate* isolate, v8::Local<v8::Context> context,
                                 v8::Local<v8::Object> namespace_object);

// Adds every wasi_snapshot_preview1 function to `namespace_object`: this driver's, and ENOSYS
// for the few it lacks, so that any module importing preview1 links.
void install_preview1(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> namespace_object);

}  // namespace secure_exec::wasm
