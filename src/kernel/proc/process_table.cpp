#include "proc/process_table.h"

#include <secure_exec/open_flags.h>

namespace secure_exec::kernel {

ErrorOr<std::shared_ptr<Process>> ProcessTable::find(Pid pid) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(pid);
    if (!entry)
        return Errno::esrch;
    return entry->process;
}

ProcessTable::Entry* ProcessTable::entry_locked(Pid pid) {
    auto it = m_entries.find(pid);
    return it == m_entries.end() ? nullptr : &it->second;
}

const ProcessTable::Entry* ProcessTable::entry_locked(Pid pid) const {
    auto it = m_entries.find(pid);
    return it == m_entries.end() ? nullptr : &it->second;
}

Pid ProcessTable::allocate_pid() {
    MutexLocker lock(m_mutex);
    return m_next_pid++;
}

ErrorOr<void> ProcessTable::add(std::shared_ptr<Process> process, Pid ppid, bool host_waitable) {
    MutexLocker lock(m_mutex);
    if (m_live_count >= m_max_processes)
        return Errno::eagain;
    Entry entry;
    Pid pid = process->pid();
    entry.process = std::move(process);
    entry.ppid = ppid;
    entry.host_waitable = host_waitable;
    entry.pgid = entry.sid = pid;
    if (const Entry* parent = entry_locked(ppid)) {
        entry.pgid = parent->pgid;
        entry.sid = parent->sid;
        entry.blocked = parent->blocked;
        for (int signal = 1; signal <= signals::k_max_signal; ++signal) {
            if (parent->actions[signal].disposition == Disposition::ignore)
                entry.actions[signal].disposition = Disposition::ignore;
        }
    }
    m_entries.emplace(pid, std::move(entry));
    ++m_live_count;
    return {};
}

void ProcessTable::remove(Pid pid) {
    std::vector<std::shared_ptr<Process>> released;
    MutexLocker lock(m_mutex);
    if (Entry* entry = entry_locked(pid)) {
        if (entry->state != ProcessState::zombie)
            --m_live_count;
        reap_locked(pid, released);
    }
}

void ProcessTable::reap_locked(Pid pid, std::vector<std::shared_ptr<Process>>& released) {
    auto it = m_entries.find(pid);
    if (it == m_entries.end())
        return;
    released.push_back(std::move(it->second.process));
    m_entries.erase(it);
}

void ProcessTable::exited(Pid pid, int exit_code) {
    std::shared_ptr<Process> process;
    {
        MutexLocker lock(m_mutex);
        Entry* entry = entry_locked(pid);
        if (!entry || entry->state == ProcessState::zombie)
            return;
        process = entry->process;
    }
    // Closing descriptors wakes pipe peers; do it before the parent can see the zombie, so a
    // parent that waits and then reads the pipe sees EOF.
    process->fds().close_all();
    std::vector<std::shared_ptr<Process>> released;
    Notifications notifications;
    {
        MutexLocker lock(m_mutex);
        Entry* entry = entry_locked(pid);
        if (!entry || entry->state == ProcessState::zombie)
            return;
        int fatal = process->fatal_signal();
        entry->state = ProcessState::zombie;
        entry->wait_status = fatal ? wait_status::signaled(fatal) : wait_status::exited(exit_code);
        entry->pending = 0;
        process->set_stopped(false);
        --m_live_count;
        std::vector<Pid> affected_groups{entry->pgid};
        for (auto& [child_pid, child] : m_entries) {
            if (child.ppid != pid)
                continue;
            affected_groups.push_back(child.pgid);
            child.ppid = 0;
            if (child.state == ProcessState::zombie && !child.host_waitable)
                released.push_back(child.process);  // reaped below: the kernel is their init
        }
        for (auto& orphan : released)
            m_entries.erase(orphan->pid());
        Entry* parent = entry_locked(entry->ppid);
        bool parent_ignores_children =
            parent && parent->actions[signals::sigchld].disposition == Disposition::ignore;
        if (parent)
            post_locked(*parent, signals::sigchld, notifications);
        if ((!parent && !entry->host_waitable) || parent_ignores_children)
            reap_locked(pid, released);  // nobody will wait: POSIX lets SIG_IGN'd SIGCHLD reap
        hang_up_orphaned_groups_locked(affected_groups, notifications);
        m_state_changes.wake_all();
    }
    send(notifications);
}

void ProcessTable::release_host_handle(Pid pid) {
    std::vector<std::shared_ptr<Process>> released;
    MutexLocker lock(m_mutex);
    m_disposed_statuses.erase(pid);
    Entry* entry = entry_locked(pid);
    if (!entry)
        return;
    entry->host_waitable = false;
    if (entry->state == ProcessState::zombie && entry_locked(entry->ppid) == nullptr)
        reap_locked(pid, released);
}

std::optional<int> ProcessTable::wait_host(Pid pid, std::optional<Waiter::Clock::time_point> deadline) {
    Waiter waiter;
    MutexLocker lock(m_mutex);
    std::optional<int> status;
    auto ready = [&]() REQUIRES(m_mutex) {
        const Entry* entry = entry_locked(pid);
        if (entry && entry->state != ProcessState::zombie)
            return false;
        auto disposed = m_disposed_statuses.find(pid);
        status = entry ? entry->wait_status : disposed != m_disposed_statuses.end() ? disposed->second : 0;
        return true;
    };
    wait_until(lock, m_state_changes, waiter, ready, deadline);
    return status;
}

ErrorOr<WaitResult> ProcessTable::wait(Process& caller, Pid target, int options) {
    if (options & ~(flags::wnohang | flags::wuntraced | flags::wcontinued))
        return Errno::einval;
    std::vector<std::shared_ptr<Process>> released;
    MutexLocker lock(m_mutex);
    const Pid caller_pid = caller.pid();
    const Pid caller_pgid = entry_locked(caller_pid)->pgid;
    auto matches = [&](const Entry& child) {
        if (target > 0)
            return child.process->pid() == target;
        if (target == -1)
            return true;
        return child.pgid == (target == 0 ? caller_pgid : -target);
    };
    std::optional<WaitResult> result;
    bool any_child = false;
    auto ready = [&]() REQUIRES(m_mutex) {
        any_child = false;
        for (auto& [pid, child] : m_entries) {
            if (child.ppid != caller_pid || !matches(child))
                continue;
            any_child = true;
            if (child.state == ProcessState::zombie) {
                result = WaitResult{pid, child.wait_status};
                reap_locked(pid, released);
                return true;
            }
            if ((options & flags::wuntraced) && child.state == ProcessState::stopped && child.stop_unreported) {
                child.stop_unreported = false;
                result = WaitResult{pid, wait_status::stopped(child.stop_signal)};
                return true;
            }
            if ((options & flags::wcontinued) && child.continue_unreported) {
                child.continue_unreported = false;
                result = WaitResult{pid, wait_status::continued()};
                return true;
            }
        }
        return !any_child || (options & flags::wnohang);
    };
    WakeReason reason = wait_until(lock, m_state_changes, caller.waiter(), ready);
    if (result)
        return *result;
    if (!any_child)
        return Errno::echild;
    if (reason == WakeReason::interrupted)
        return Errno::eintr;
    return WaitResult{0, 0};  // WNOHANG and nothing to report
}

bool ProcessTable::group_exists_in_session_locked(Pid pgid, Pid sid) const {
    for (const auto& [pid, entry] : m_entries)
        if (entry.pgid == pgid && entry.sid == sid && entry.state != ProcessState::zombie)
            return true;
    return false;
}

bool ProcessTable::group_orphaned_locked(Pid pgid) const {
    for (const auto& [pid, member] : m_entries) {
        if (member.pgid != pgid || member.state == ProcessState::zombie)
            continue;
        const Entry* parent = entry_locked(member.ppid);
        if (parent && parent->state != ProcessState::zombie && parent->pgid != pgid && parent->sid == member.sid)
            return false;
    }
    return true;
}

void ProcessTable::hang_up_orphaned_groups_locked(const std::vector<Pid>& groups, Notifications& out) {
    // POSIX _exit(): a group orphaned by this exit that has a stopped member gets SIGHUP then
    // SIGCONT, so its jobs do not stay stopped forever with nobody to continue them.
    for (Pid pgid : groups) {
        bool any_stopped = false;
        for (const auto& [pid, member] : m_entries)
            any_stopped |= member.pgid == pgid && member.state == ProcessState::stopped;
        if (!any_stopped || !group_orphaned_locked(pgid))
            continue;
        for (auto& [pid, member] : m_entries) {
            if (member.pgid != pgid)
                continue;
            post_locked(member, signals::sighup, out);
            post_locked(member, signals::sigcont, out);
        }
    }
}

ErrorOr<void> ProcessTable::setpgid(Process& caller, Pid target, Pid pgid) {
    if (pgid < 0)
        return Errno::einval;
    MutexLocker lock(m_mutex);
    Entry* self = entry_locked(caller.pid());
    if (target == 0)
        target = caller.pid();
    Entry* entry = entry_locked(target);
    // POSIX: the target must be the caller or one of its children.
    if (!entry || (target != caller.pid() && entry->ppid != caller.pid()))
        return Errno::esrch;
    if (pgid == 0)
        pgid = target;
    if (entry->sid == target)
        return Errno::eperm;  // a session leader cannot change its group
    if (entry->sid != self->sid)
        return Errno::eperm;  // a child in another session
    if (pgid != target && !group_exists_in_session_locked(pgid, self->sid))
        return Errno::eperm;  // no such group in the caller's session
    entry->pgid = pgid;
    return {};
}

ErrorOr<Pid> ProcessTable::getpgid(Pid target) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(target);
    if (!entry)
        return Errno::esrch;
    return entry->pgid;
}

ErrorOr<Pid> ProcessTable::setsid(Process& caller) {
    MutexLocker lock(m_mutex);
    Pid pid = caller.pid();
    for (const auto& [other, entry] : m_entries)
        if (entry.pgid == pid)
            return Errno::eperm;  // already a process group leader
    Entry* self = entry_locked(pid);
    self->sid = self->pgid = pid;
    return pid;
}

ErrorOr<Pid> ProcessTable::getsid(Pid target) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(target);
    if (!entry)
        return Errno::esrch;
    return entry->sid;
}

ErrorOr<Pid> ProcessTable::getppid(Pid target) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(target);
    if (!entry)
        return Errno::esrch;
    return entry->ppid;
}

std::optional<ProcessTable::JobControlInfo> ProcessTable::job_control_info(Pid pid, int signal) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(pid);
    if (!entry)
        return std::nullopt;
    JobControlInfo info;
    info.pgid = entry->pgid;
    info.sid = entry->sid;
    info.session_leader = entry->sid == pid;
    if (signal >= 1 && signal <= signals::k_max_signal)
        info.signal_ignored_or_blocked = entry->actions[signal].disposition == Disposition::ignore ||
                                         (entry->blocked & signal_bit(signal)) != 0;
    info.group_orphaned = group_orphaned_locked(entry->pgid);
    return info;
}

bool ProcessTable::group_in_session(Pid pgid, Pid sid) const {
    MutexLocker lock(m_mutex);
    return group_exists_in_session_locked(pgid, sid);
}

ProcessInfo ProcessTable::info_of(const Entry& entry) {
    ProcessInfo info;
    info.pid = entry.process->pid();
    info.ppid = entry.ppid;
    info.pgid = entry.pgid;
    info.sid = entry.sid;
    info.driver = entry.process->driver() ? std::string(entry.process->driver()->name()) : "";
    info.command = entry.process->command();
    info.argv = entry.process->argv();
    info.cwd = entry.process->cwd().path;
    info.state = entry.state;
    if (entry.state == ProcessState::zombie)
        info.wait_status = entry.wait_status;
    return info;
}

std::optional<ProcessInfo> ProcessTable::info(Pid pid) const {
    MutexLocker lock(m_mutex);
    const Entry* entry = entry_locked(pid);
    if (!entry)
        return std::nullopt;
    return info_of(*entry);
}

std::vector<ProcessInfo> ProcessTable::snapshot() const {
    std::vector<ProcessInfo> result;
    MutexLocker lock(m_mutex);
    for (const auto& [pid, entry] : m_entries)
        result.push_back(info_of(entry));
    return result;
}

std::vector<Pid> ProcessTable::live_pids() const {
    std::vector<Pid> result;
    MutexLocker lock(m_mutex);
    for (const auto& [pid, entry] : m_entries)
        if (entry.state != ProcessState::zombie)
            result.push_back(pid);
    return result;
}

size_t ProcessTable::size() const {
    MutexLocker lock(m_mutex);
    return m_entries.size();
}

void ProcessTable::reap_all() {
    std::map<Pid, Entry> zombies;
    MutexLocker lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.state == ProcessState::zombie) {
            // A host handle may still ask how the process ended.
            if (it->second.host_waitable)
                m_disposed_statuses[it->first] = it->second.wait_status;
            zombies.insert(m_entries.extract(it++));
        } else {
            ++it;
        }
    }
    lock.unlock();
}

}  // namespace secure_exec::kernel
