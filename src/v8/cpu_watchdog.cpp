#include "v8/cpu_watchdog.h"

#include <pthread.h>

#include <algorithm>

namespace secure_exec::v8_layer {

CpuWatchdog::CpuWatchdog(std::chrono::milliseconds period) : m_period(period), m_thread(&CpuWatchdog::run, this) {}

CpuWatchdog::~CpuWatchdog() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

std::chrono::nanoseconds CpuWatchdog::read_clock(clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

std::unique_ptr<CpuWatchdog::Guard> CpuWatchdog::watch(std::chrono::nanoseconds budget,
                                                       std::function<void()> on_exceeded) {
    clockid_t clock{};
    pthread_getcpuclockid(pthread_self(), &clock);
    std::unique_ptr<Guard> guard(new Guard(*this, clock, budget, std::move(on_exceeded)));
    {
        std::lock_guard lock(m_mutex);
        m_guards.push_back(guard.get());
    }
    m_changed.notify_all();
    return guard;
}

void CpuWatchdog::remove(Guard* guard) {
    std::lock_guard lock(m_mutex);
    m_guards.remove(guard);
}

void CpuWatchdog::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_guards.empty()) {
            m_changed.wait(lock, [&] { return m_stopping || !m_guards.empty(); });
            continue;
        }
        // The guard list is locked while clocks are read, so a guard (and its thread) cannot go
        // away under us: ~Guard removes itself under the same lock before the thread exits.
        for (Guard* guard : m_guards) {
            if (guard->m_exceeded || read_clock(guard->m_clock) - guard->m_start < guard->m_budget)
                continue;
            guard->m_exceeded = true;
            guard->m_on_exceeded();
        }
        m_changed.wait_for(lock, m_period, [&] { return m_stopping; });
    }
}

CpuWatchdog::Guard::Guard(CpuWatchdog& watchdog, clockid_t clock, std::chrono::nanoseconds budget,
                          std::function<void()> on_exceeded)
    : m_watchdog(watchdog),
      m_clock(clock),
      m_start(read_clock(clock)),
      m_budget(budget),
      m_on_exceeded(std::move(on_exceeded)) {}

CpuWatchdog::Guard::~Guard() { m_watchdog.remove(this); }

std::chrono::nanoseconds CpuWatchdog::Guard::used() const { return read_clock(m_clock) - m_start; }

}  // namespace secure_exec::v8_layer
