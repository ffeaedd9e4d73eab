#include "v8/isolate.h"

#include <cstdlib>
#include <cstring>

#include "v8/platform.h"

namespace secure_exec::v8_layer {

// ArrayBuffer backing stores, counted against a cap; allocation past it fails (JS sees a
// RangeError), never the process.
class Isolate::CappedAllocator final : public v8::ArrayBuffer::Allocator {
public:
    explicit CappedAllocator(size_t limit) : m_limit(limit) {}

    void* Allocate(size_t length) override {
        if (!reserve(length))
            return nullptr;
        void* data = std::calloc(length ? length : 1, 1);
        if (!data)
            m_used.fetch_sub(length);
        return data;
    }
    void* AllocateUninitialized(size_t length) override {
        if (!reserve(length))
            return nullptr;
        void* data = std::malloc(length ? length : 1);
        if (!data)
            m_used.fetch_sub(length);
        return data;
    }
    void Free(void* data, size_t length) override {
        std::free(data);
        m_used.fetch_sub(length);
    }
    size_t used() const { return m_used.load(); }

private:
    bool reserve(size_t length) {
        size_t used = m_used.fetch_add(length);
        if (used + length > m_limit) {
            m_used.fetch_sub(length);
            return false;
        }
        return true;
    }

    const size_t m_limit;
    std::atomic<size_t> m_used{0};
};

Isolate::Isolate(const IsolateOptions& options)
    : m_allocator(std::make_unique<CappedAllocator>(options.array_buffer_limit_bytes)) {
    initialise_platform();
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = m_allocator.get();
    params.constraints.ConfigureDefaultsFromHeapSize(0, options.heap_limit_bytes);
    m_isolate = v8::Isolate::New(params);
    m_isolate->AddNearHeapLimitCallback(&Isolate::near_heap_limit, this);
}

Isolate::~Isolate() {
    if (m_isolate)
        m_isolate->Dispose();
}

void Isolate::terminate() { m_isolate->TerminateExecution(); }

size_t Isolate::array_buffer_bytes() const { return m_allocator->used(); }

size_t Isolate::near_heap_limit(void* data, size_t current_limit, size_t) {
    auto* self = static_cast<Isolate*>(data);
    self->m_heap_limit_reached = true;
    self->m_isolate->TerminateExecution();
    // Headroom so the termination can unwind; the isolate is disposed afterwards.
    return current_limit + (64u << 20);
}

}  // namespace secure_exec::v8_layer
