#include "terminals.h"

#include <secure_exec/signals.h>

namespace secure_exec::kernel {

std::shared_ptr<Pty> Terminals::find(int index) const {
    MutexLocker lock(m_mutex);
    auto it = m_ptys.find(index);
    return it == m_ptys.end() ? nullptr : it->second.lock();
}

std::shared_ptr<Pty> Terminals::controlling_terminal(const Process& process) const {
    auto info = m_processes.job_control_info(process.pid(), 0);
    if (!info)
        return nullptr;
    MutexLocker lock(m_mutex);
    auto it = m_controlling.find(info->sid);
    return it == m_controlling.end() ? nullptr : it->second.lock();
}

void Terminals::maybe_acquire(Process& process, const std::shared_ptr<Pty>& pty) {
    auto info = m_processes.job_control_info(process.pid(), 0);
    if (!info || !info->session_leader || pty->session() != 0)
        return;
    MutexLocker lock(m_mutex);
    auto it = m_controlling.find(info->sid);
    if (it != m_controlling.end() && it->second.lock())
        return;  // the session already has one
    m_controlling[info->sid] = pty;
    pty->set_session(info->sid, info->pgid);
}

void Terminals::attach(Pid sid, Pid foreground, const std::shared_ptr<Pty>& pty) {
    MutexLocker lock(m_mutex);
    m_controlling[sid] = pty;
    pty->set_session(sid, foreground);
}

void Terminals::process_exiting(Pid pid) {
    std::shared_ptr<Pty> pty;
    {
        MutexLocker lock(m_mutex);
        auto it = m_controlling.find(pid);  // only a session leader's pid names a session
        if (it == m_controlling.end())
            return;
        pty = it->second.lock();
        m_controlling.erase(it);
    }
    if (!pty || pty->session() != pid)
        return;
    Pid group = pty->foreground_group();
    pty->set_session(0, 0);
    if (group > 0) {
        signal_group(group, signals::sighup);
        signal_group(group, signals::sigcont);
    }
}

ErrorOr<void> Terminals::set_foreground(Process& caller, Pty& pty, Pid pgid) {
    if (pgid < 0)
        return Errno::einval;
    auto info = m_processes.job_control_info(caller.pid(), signals::sigttou);
    if (!info || pty.session() != info->sid || info->sid == 0)
        return Errno::enotty;
    if (!m_processes.group_in_session(pgid, info->sid))
        return Errno::eperm;
    // A background caller asking for the terminal gets SIGTTOU, unless it ignores or blocks it
    // (which is how shells hand the terminal to a job: Linux tcsetpgrp via tty_check_change()).
    if (pty.foreground_group() != info->pgid && !info->signal_ignored_or_blocked) {
        signal_group(info->pgid, signals::sigttou);
        return Errno::eintr;
    }
    pty.set_foreground_group(pgid);
    return {};
}

ErrorOr<Pid> Terminals::foreground(Process& caller, Pty& pty) {
    auto info = m_processes.job_control_info(caller.pid(), 0);
    if (!info || pty.session() != info->sid || info->sid == 0)
        return Errno::enotty;
    return pty.foreground_group();
}

void Terminals::signal_group(Pid pgid, int signal) { (void)m_processes.kill_group(pgid, signal); }

ErrorOr<void> Terminals::check_background_access(Process* process, const Pty& pty, int signal) {
    if (!process)
        return {};
    auto info = m_processes.job_control_info(process->pid(), signal);
    if (!info || pty.session() != info->sid || pty.foreground_group() == info->pgid || pty.foreground_group() == 0)
        return {};
    if (info->signal_ignored_or_blocked)
        return signal == signals::sigttin ? ErrorOr<void>(Errno::eio) : ErrorOr<void>{};
    if (info->group_orphaned)
        return Errno::eio;
    signal_group(info->pgid, signal);
    return Errno::eintr;
}

ErrorOr<std::shared_ptr<File>> Terminals::open_master() {
    std::shared_ptr<Pty> pty;
    {
        MutexLocker lock(m_mutex);
        int index = 0;
        for (auto it = m_ptys.begin(); it != m_ptys.end(); ++it) {
            if (it->first != index || !it->second.lock())
                break;
            ++index;
        }
        pty = std::make_shared<Pty>(index, *this);
        m_ptys[index] = pty;
    }
    return std::static_pointer_cast<File>(std::make_shared<PtyMaster>(std::move(pty)));
}

ErrorOr<std::shared_ptr<File>> Terminals::open_replica(int index) {
    auto pty = find(index);
    if (!pty)
        return Errno::enoent;
    if (!pty->master_open())
        return Errno::eio;  // the pair is being torn down
    return std::static_pointer_cast<File>(std::make_shared<PtyReplica>(std::move(pty)));
}

Credentials Terminals::replica_owner(int index) const {
    auto pty = find(index);
    return pty ? pty->owner() : Credentials{0, 0};
}

std::vector<int> Terminals::replica_indices() const {
    std::vector<int> indices;
    MutexLocker lock(m_mutex);
    for (const auto& [index, pty] : m_ptys)
        if (!pty.expired())
            indices.push_back(index);
    return indices;
}

}  // namespace secure_exec::kernel
