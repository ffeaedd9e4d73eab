// isolate_pool.h — V8 isolates kept between processes, because creating one costs more than the
// rest of a short program's spawn (about 1.5 ms of ~2.5 ms). Each keeps its context and import
// object too (warm_isolate.h); nothing a guest can reach carries over: its instance and memory
// are garbage once it is gone. An isolate is not reused after it was terminated (a
// signal, the CPU limit) or hit its heap limit, and is retired after max_uses processes.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "wasm/warm_isolate.h"

namespace secure_exec::wasm {

class IsolatePool {
public:
    struct Lease {
        std::unique_ptr<WarmIsolate> isolate;
        uint32_t uses{0};
    };

    explicit IsolatePool(v8_layer::IsolateOptions options, size_t max_idle = 4, uint32_t max_uses = 64)
        : m_options(options), m_max_idle(max_idle), m_max_uses(max_uses) {}

    // An idle isolate, or a new one.
    Lease acquire();
    // Takes the isolate back after its process has exited. `reusable` is the caller's verdict on
    // how the process ended; the pool adds its own (heap limit, use count, room).
    void release(Lease lease, bool reusable);
    // Disposes the idle isolates (the driver's dispose).
    void clear();

private:
    const v8_layer::IsolateOptions m_options;
    const size_t m_max_idle;
    const uint32_t m_max_uses;
    std::mutex m_mutex;
    std::vector<Lease> m_idle;  // guarded by m_mutex
};

}  // namespace secure_exec::wasm
