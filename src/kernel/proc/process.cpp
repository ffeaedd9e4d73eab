#include "proc/process.h"

namespace secure_exec::kernel {

bool ProcessWaiter::interrupted() const { return m_process.interrupt_pending(); }

Process::Process(ProcessIdentity identity, std::unique_ptr<FdTable> fds, Location cwd, uint32_t umask)
    : m_identity(std::move(identity)), m_fds(std::move(fds)), m_cwd(std::move(cwd)), m_umask(umask) {}

Location Process::cwd() const {
    MutexLocker lock(m_mutex);
    return m_cwd;
}

void Process::set_cwd(Location cwd) {
    MutexLocker lock(m_mutex);
    m_cwd = std::move(cwd);
}

uint32_t Process::umask() const {
    MutexLocker lock(m_mutex);
    return m_umask;
}

uint32_t Process::exchange_umask(uint32_t mask) {
    MutexLocker lock(m_mutex);
    uint32_t old = m_umask;
    m_umask = mask & 0777;
    return old;
}

void Process::set_driver_process(std::unique_ptr<DriverProcess> handle) {
    MutexLocker lock(m_mutex);
    m_driver_process = std::move(handle);
    if (!m_driver_process)
        return;
    for (auto [event, signal] : m_early_events)
        m_driver_process->notify(event, signal);
    m_early_events.clear();
}

void Process::notify_driver(ProcessEvent event, int signal) {
    MutexLocker lock(m_mutex);
    if (m_driver_process)
        m_driver_process->notify(event, signal);
    else
        m_early_events.emplace_back(event, signal);
}

}  // namespace secure_exec::kernel
