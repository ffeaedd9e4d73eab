// process.h — one kernel process: identity, descriptors, working directory, and the thread's
// sleep/interrupt state.
//
// Lifecycle and signal state (ppid, pgid, sid, state, pending signals) live in ProcessTable under
// its lock; this object holds what the process's own syscalls touch. The interrupt flags are
// atomics so a sleeping thread can test them without the table lock.
// Thread safety: identity fields are immutable after construction; cwd, umask and the driver
// handle are guarded by m_mutex; the descriptor table guards itself.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/driver.h>
#include <secure_exec/fs_types.h>

#include "proc/fd_table.h"
#include "sync/mutex.h"
#include "sync/waiter.h"
#include "vfs/vfs.h"

namespace secure_exec::kernel {

class Process;

// The process thread's Waiter: a sleep ends early when a signal needs the thread.
class ProcessWaiter final : public Waiter {
public:
    explicit ProcessWaiter(const Process& process) : m_process(process) {}
    bool interrupted() const override;

private:
    const Process& m_process;
};

struct ProcessIdentity {
    Pid pid{0};
    Driver* driver{nullptr};
    std::string command;
    std::vector<std::string> argv;
    std::vector<std::string> environ;
    Credentials credentials;
};

class Process {
public:
    Process(ProcessIdentity identity, std::unique_ptr<FdTable> fds, Location cwd, uint32_t umask);

    Pid pid() const { return m_identity.pid; }
    Driver* driver() const { return m_identity.driver; }
    const std::string& command() const { return m_identity.command; }
    const std::vector<std::string>& argv() const { return m_identity.argv; }
    const std::vector<std::string>& environ() const { return m_identity.environ; }
    const Credentials& credentials() const { return m_identity.credentials; }

    FdTable& fds() { return *m_fds; }
    const FdTable& fds() const { return *m_fds; }
    Waiter& waiter() { return m_waiter; }

    Location cwd() const;
    void set_cwd(Location cwd);
    uint32_t umask() const;
    uint32_t exchange_umask(uint32_t mask);

    // Attaches the driver's handle and replays what happened before it existed (the program may
    // start, and be signalled, before Driver::spawn returns).
    void set_driver_process(std::unique_ptr<DriverProcess> handle);
    // Calls DriverProcess::notify, or keeps the event until the handle is attached.
    void notify_driver(ProcessEvent event, int signal);

    // Set by ProcessTable (under its lock) and read lock-free by the sleeping thread.
    void set_interrupt(bool pending) { m_interrupt.store(pending, std::memory_order_release); }
    bool interrupt_pending() const { return m_interrupt.load(std::memory_order_acquire); }
    void set_fatal_signal(int signal) { m_fatal_signal.store(signal, std::memory_order_release); }
    int fatal_signal() const { return m_fatal_signal.load(std::memory_order_acquire); }
    bool stopped() const { return m_stopped.load(std::memory_order_acquire); }
    void set_stopped(bool stopped) { m_stopped.store(stopped, std::memory_order_release); }

private:
    const ProcessIdentity m_identity;
    const std::unique_ptr<FdTable> m_fds;
    ProcessWaiter m_waiter{*this};
    mutable Mutex m_mutex;
    Location m_cwd GUARDED_BY(m_mutex);
    uint32_t m_umask GUARDED_BY(m_mutex);
    std::unique_ptr<DriverProcess> m_driver_process GUARDED_BY(m_mutex);
    std::vector<std::pair<ProcessEvent, int>> m_early_events GUARDED_BY(m_mutex);
    std::atomic<bool> m_interrupt{false};
    std::atomic<int> m_fatal_signal{0};
    std::atomic<bool> m_stopped{false};
};

}  // namespace secure_exec::kernel
