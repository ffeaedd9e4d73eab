// terminals.h — the kernel's terminals: PTY allocation, controlling terminals of sessions, and
// the job-control rules that join ttys to the process table (tcsetpgrp, SIGTTIN/SIGTTOU).
//
// A session acquires its controlling terminal when its leader opens a replica without O_NOCTTY
// and neither has one yet (Linux tty_open_proc_set_tty()). When the leader exits, the terminal
// is released and its foreground group gets SIGHUP and SIGCONT (disassociate_ctty()).
// Thread safety: m_mutex guards the tables; Ptys guard themselves. Lock order: this lock, then a
// Pty's, then the process table's is never taken while holding it.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "proc/process_table.h"
#include "sync/mutex.h"
#include "tty/pty.h"
#include "tty/terminal_devices.h"

namespace secure_exec::kernel {

class Terminals final : public TerminalJobControl, public TerminalDevices {
public:
    explicit Terminals(ProcessTable& processes) : m_processes(processes) {}

    std::shared_ptr<Pty> find(int index) const;
    // The terminal `process`'s session controls, if any.
    std::shared_ptr<Pty> controlling_terminal(const Process& process) const;
    // Makes `pty` the controlling terminal of the caller's session if the rules allow it.
    void maybe_acquire(Process& process, const std::shared_ptr<Pty>& pty);
    // Sets the controlling terminal of a fresh session directly (open_shell).
    void attach(Pid sid, Pid foreground, const std::shared_ptr<Pty>& pty);
    void process_exiting(Pid pid);

    // tcsetpgrp(3)/tcgetpgrp(3): ENOTTY unless `pty` is the caller's controlling terminal;
    // tcsetpgrp: EINVAL for pgid < 0, EPERM when no group `pgid` exists in the session.
    ErrorOr<void> set_foreground(Process& caller, Pty& pty, Pid pgid);
    ErrorOr<Pid> foreground(Process& caller, Pty& pty);

    // ^TerminalJobControl
    void signal_group(Pid pgid, int signal) override;
    ErrorOr<void> check_background_access(Process* process, const Pty& pty, int signal) override;

    // ^TerminalDevices
    ErrorOr<std::shared_ptr<File>> open_master() override;
    ErrorOr<std::shared_ptr<File>> open_replica(int index) override;
    std::vector<int> replica_indices() const override;
    Credentials replica_owner(int index) const override;

private:
    ProcessTable& m_processes;
    mutable Mutex m_mutex;
    std::map<int, std::weak_ptr<Pty>> m_ptys GUARDED_BY(m_mutex);
    std::map<Pid, std::weak_ptr<Pty>> m_controlling GUARDED_BY(m_mutex);  // session → terminal
};

}  // namespace secure_exec::kernel
