// process_table.h — pids, parent/child links, process groups, sessions, wait and signals.
//
// One lock guards every process's lifecycle and signal state, so that kill(-pgid), waitpid and
// exit see one consistent world without lock ordering between processes. The hot path (read,
// write) never takes it. Lock order: this lock, then a Process's own lock. Driver notifications
// are mostly collected and sent after the lock is released; a fatal signal is told at once, so
// the driver knows before its blocked call returns EINTR (DriverProcess::notify never calls back
// into the kernel).
//
// Pids increase from 1 and are never reused while the table holds them. A process stays in the
// table as a zombie until its parent waits for it; orphans are reparented to the kernel (ppid 0),
// which reaps them as they exit unless the host holds a handle to wait on them.
// Signals follow signal(7): per-process dispositions, blocked and pending sets; SIGKILL and
// SIGSTOP cannot be caught or blocked; a stop discards a pending SIGCONT and vice versa; SIGCHLD
// goes to the parent on exit, stop and continue.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/kernel_interface.h>
#include <secure_exec/process_info.h>
#include <secure_exec/signals.h>

#include "proc/process.h"
#include "sync/mutex.h"
#include "sync/waiter.h"

namespace secure_exec::kernel {

class ProcessTable {
public:
    explicit ProcessTable(uint32_t max_processes) : m_max_processes(max_processes) {}

    ErrorOr<std::shared_ptr<Process>> find(Pid pid) const;

    Pid allocate_pid();
    // Adds a new running process. pgid and sid come from the parent (ppid 0: a new session).
    // Signal dispositions are inherited as exec(2) leaves them: handlers reset, ignores kept.
    ErrorOr<void> add(std::shared_ptr<Process> process, Pid ppid, bool host_waitable);
    // Undoes add() when the driver could not start the program.
    void remove(Pid pid);
    // The driver's thread ended. Closes descriptors, makes a zombie, tells the parent.
    void exited(Pid pid, int exit_code);
    // The host dropped its handle: reap now if a zombie, else reap at exit.
    void release_host_handle(Pid pid);
    // Host wait: blocks until `pid` is a zombie and returns its status (keeps the zombie).
    std::optional<int> wait_host(Pid pid, std::optional<Waiter::Clock::time_point> deadline);

    ErrorOr<WaitResult> wait(Process& caller, Pid target, int options);

    ErrorOr<void> setpgid(Process& caller, Pid target, Pid pgid);
    ErrorOr<Pid> getpgid(Pid target) const;
    ErrorOr<Pid> setsid(Process& caller);
    ErrorOr<Pid> getsid(Pid target) const;
    ErrorOr<Pid> getppid(Pid target) const;

    // ^Signals (process_signals.cpp). sender is null for the host.
    ErrorOr<void> kill(Process* sender, Pid target, int signal);
    // killpg(3) for the kernel's own use (terminals): group 1 means group 1, never "everyone".
    ErrorOr<void> kill_group(Pid pgid, int signal);
    ErrorOr<SignalAction> sigaction(Process& process, int signal, std::optional<SignalAction> action);
    ErrorOr<SignalSet> sigprocmask(Process& process, int how, std::optional<SignalSet> set);
    SignalSet sigpending(Process& process);
    std::optional<PendingSignal> take_signal(Process& process);
    // Parks the caller while it is stopped. EINTR once a fatal signal arrived.
    ErrorOr<void> wait_while_stopped(Process& process);

    // What terminal job control needs to know about a process (tty_check_change()).
    struct JobControlInfo {
        Pid pgid{0};
        Pid sid{0};
        bool session_leader{false};
        bool signal_ignored_or_blocked{false};  // for the signal asked about
        bool group_orphaned{false};
    };
    std::optional<JobControlInfo> job_control_info(Pid pid, int signal) const;
    bool group_in_session(Pid pgid, Pid sid) const;

    std::optional<ProcessInfo> info(Pid pid) const;
    std::vector<ProcessInfo> snapshot() const;
    std::vector<Pid> live_pids() const;
    size_t size() const;
    // Drops every zombie (kernel dispose).
    void reap_all();

private:
    struct Entry {
        std::shared_ptr<Process> process;
        Pid ppid{0};
        Pid pgid{0};
        Pid sid{0};
        ProcessState state{ProcessState::running};
        int wait_status{0};
        bool host_waitable{false};
        // waitpid(WUNTRACED/WCONTINUED) reports each stop or continue once.
        int stop_signal{0};
        bool stop_unreported{false};
        bool continue_unreported{false};
        std::array<SignalAction, signals::k_max_signal + 1> actions{};
        SignalSet blocked{0};
        SignalSet pending{0};
    };
    struct Notification {
        std::shared_ptr<Process> process;
        ProcessEvent event;
        int signal;
    };
    using Notifications = std::vector<Notification>;

    Entry* entry_locked(Pid pid) REQUIRES(m_mutex);
    const Entry* entry_locked(Pid pid) const REQUIRES(m_mutex);
    bool group_exists_in_session_locked(Pid pgid, Pid sid) const REQUIRES(m_mutex);
    // POSIX orphaned process group: no member has a parent in another group of the same session.
    bool group_orphaned_locked(Pid pgid) const REQUIRES(m_mutex);
    void hang_up_orphaned_groups_locked(const std::vector<Pid>& groups, Notifications& out) REQUIRES(m_mutex);
    void reap_locked(Pid pid, std::vector<std::shared_ptr<Process>>& released) REQUIRES(m_mutex);
    static ProcessInfo info_of(const Entry& entry);

    void post_locked(Entry& entry, int signal, Notifications& out) REQUIRES(m_mutex);
    void act_locked(Entry& entry, int signal, Notifications& out) REQUIRES(m_mutex);
    void make_fatal_locked(Entry& entry, int signal, Notifications& out) REQUIRES(m_mutex);
    void stop_locked(Entry& entry, int signal, Notifications& out) REQUIRES(m_mutex);
    void resume_locked(Entry& entry, Notifications& out) REQUIRES(m_mutex);
    void notify_parent_locked(Entry& child, Notifications& out) REQUIRES(m_mutex);
    void deliver_unblocked_locked(Entry& entry, Notifications& out) REQUIRES(m_mutex);
    static void update_interrupt(Entry& entry);
    static void send(Notifications& notifications);

    const uint32_t m_max_processes;
    mutable Mutex m_mutex;
    std::map<Pid, Entry> m_entries GUARDED_BY(m_mutex);
    Pid m_next_pid GUARDED_BY(m_mutex){1};
    uint32_t m_live_count GUARDED_BY(m_mutex){0};
    // Woken on every state change: exit, stop, continue. waitpid and host waits sleep here.
    WaitQueue m_state_changes GUARDED_BY(m_mutex);
    // Statuses of host-held zombies reaped at dispose, so ManagedProcess::wait still reports them.
    std::map<Pid, int> m_disposed_statuses GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
