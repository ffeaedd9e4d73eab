#include "wasm/isolate_pool.h"

namespace secure_exec::wasm {

IsolatePool::Lease IsolatePool::acquire() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            Lease lease = std::move(m_idle.back());
            m_idle.pop_back();
            ++lease.uses;
            return lease;
        }
    }
    return Lease{std::make_unique<WarmIsolate>(m_options), 1};
}

void IsolatePool::release(Lease lease, bool reusable) {
    if (!lease.isolate)
        return;
    reusable = reusable && !lease.isolate->isolate().heap_limit_reached() && lease.uses < m_max_uses;
    if (reusable) {
        // A termination requested after the program finished must not hit the next one.
        lease.isolate->get()->CancelTerminateExecution();
        std::lock_guard lock(m_mutex);
        if (m_idle.size() < m_max_idle) {
            m_idle.push_back(std::move(lease));
            return;
        }
    }
    lease.isolate.reset();  // outside the lock: disposing an isolate takes a while
}

void IsolatePool::clear() {
    std::vector<Lease> idle;
    {
        std::lock_guard lock(m_mutex);
        idle.swap(m_idle);
    }
}

}  // namespace secure_exec::wasm
