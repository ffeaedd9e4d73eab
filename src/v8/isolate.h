// isolate.h — one V8 isolate with hard memory limits, owned RAII-style.
//
// The JS heap is capped through ResourceConstraints; when it nears the cap, a near-heap-limit
// callback terminates execution and grants headroom to unwind, so the process survives (without
// it V8 aborts the whole process). ArrayBuffer memory is capped by our allocator. The isolate can
// be terminated from any thread (CPU watchdog, signals).
// Thread safety: an Isolate is used by one thread at a time (V8's rule); terminate() and the
// accessors of the atomics may be called from any thread.
#pragma once

#include <v8.h>

#include <atomic>
#include <cstddef>
#include <memory>

namespace secure_exec::v8_layer {

struct IsolateOptions {
    size_t heap_limit_bytes{256u << 20};
    size_t array_buffer_limit_bytes{256u << 20};
};

class Isolate {
public:
    explicit Isolate(const IsolateOptions& options = {});
    ~Isolate();
    Isolate(const Isolate&) = delete;
    Isolate& operator=(const Isolate&) = delete;

    v8::Isolate* get() const { return m_isolate; }
    // Stops running JS/wasm on this isolate as soon as possible, from any thread.
    void terminate();
    // Whether the heap limit ended execution (the isolate should then be disposed).
    bool heap_limit_reached() const { return m_heap_limit_reached.load(); }
    size_t array_buffer_bytes() const;

private:
    class CappedAllocator;
    static size_t near_heap_limit(void* data, size_t current_limit, size_t initial_limit);

    std::unique_ptr<CappedAllocator> m_allocator;
    v8::Isolate* m_isolate{nullptr};
    std::atomic<bool> m_heap_limit_reached{false};
};

}  // namespace secure_exec::v8_layer
