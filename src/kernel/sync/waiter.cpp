#include "sync/waiter.h"

#include <algorithm>

namespace secure_exec::kernel {

WakeReason Waiter::sleep(std::optional<Clock::time_point> deadline) {
    std::unique_lock lock(m_mutex);
    while (!m_woken) {
        if (interrupted())
            return WakeReason::interrupted;
        if (deadline) {
            if (m_condition.wait_until(lock, *deadline) == std::cv_status::timeout && !m_woken)
                return interrupted() ? WakeReason::interrupted : WakeReason::timed_out;
        } else {
            m_condition.wait(lock);
        }
    }
    m_woken = false;
    return WakeReason::woken;
}

void Waiter::prepare() {
    std::lock_guard lock(m_mutex);
    m_woken = false;
}

void Waiter::wake() {
    std::lock_guard lock(m_mutex);
    m_woken = true;
    m_condition.notify_all();
}

void Waiter::kick() {
    // Taking the mutex orders this after a sleeper's check of interrupted(), so it cannot be lost.
    std::lock_guard lock(m_mutex);
    m_condition.notify_all();
}

void WaitQueue::add(Waiter& waiter) {
    waiter.prepare();
    m_waiters.push_back(&waiter);
}

void WaitQueue::add_prepared(Waiter& waiter) { m_waiters.push_back(&waiter); }

void WaitQueue::remove(Waiter& waiter) {
    auto it = std::find(m_waiters.begin(), m_waiters.end(), &waiter);
    if (it != m_waiters.end())
        m_waiters.erase(it);
}

void WaitQueue::wake_all() {
    for (Waiter* waiter : m_waiters)
        waiter->wake();
}

}  // namespace secure_exec::kernel
