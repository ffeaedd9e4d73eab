// ProcessTable's signal half: generation (kill), disposition (sigaction), masks and delivery.
// Mirrors Linux kernel/signal.c: prepare_signal() (stop/continue side effects), sig_ignored(),
// and complete_signal() (fatal signals end the process at once).
#include <secure_exec/signals.h>

#include "proc/process_table.h"

namespace secure_exec::kernel {

namespace {

bool is_stop_signal(int signal) {
    return signal == signals::sigstop || signal == signals::sigtstp || signal == signals::sigttin ||
           signal == signals::sigttou;
}

constexpr SignalSet k_stop_set = signal_bit(signals::sigstop) | signal_bit(signals::sigtstp) |
                                 signal_bit(signals::sigttin) | signal_bit(signals::sigttou);
constexpr SignalSet k_unblockable = signal_bit(signals::sigkill) | signal_bit(signals::sigstop);

bool is_ignored(const SignalAction& action, int signal) {
    if (signal == signals::sigstop)
        return false;
    if (action.disposition == Disposition::ignore)
        return true;
    DefaultAction fallback = default_action(signal);
    return action.disposition == Disposition::default_action &&
           (fallback == DefaultAction::ignore || fallback == DefaultAction::resume);
}

bool valid_signal(int signal) { return signal >= 1 && signal <= signals::k_max_signal; }

}  // namespace

void ProcessTable::update_interrupt(Entry& entry) {
    SignalSet handled = 0;
    SignalSet deliverable = entry.pending & ~entry.blocked;
    for (int signal = 1; deliverable && signal <= signals::k_max_signal; ++signal)
        if ((deliverable & signal_bit(signal)) && entry.actions[signal].disposition == Disposition::handler)
            handled |= signal_bit(signal);
    bool interrupt = handled != 0 || entry.process->fatal_signal() != 0;
    entry.process->set_interrupt(interrupt);
    if (interrupt)
        entry.process->waiter().kick();
}

void ProcessTable::send(Notifications& notifications) {
    for (auto& notification : notifications)
        notification.process->notify_driver(notification.event, notification.signal);
}

void ProcessTable::post_locked(Entry& entry, int signal, Notifications& out) {
    if (entry.state == ProcessState::zombie)
        return;
    if (signal == signals::sigkill) {
        make_fatal_locked(entry, signal, out);
        return;
    }
    if (signal == signals::sigcont) {
        entry.pending &= ~k_stop_set;
        if (entry.state == ProcessState::stopped)
            resume_locked(entry, out);
    } else if (is_stop_signal(signal)) {
        entry.pending &= ~signal_bit(signals::sigcont);
    }
    // Linux sig_ignored(): blocked signals are never ignored at generation (the handler may
    // change before they are unblocked); unblocked ignored ones are dropped at once.
    bool blocked = (entry.blocked & signal_bit(signal)) && !(k_unblockable & signal_bit(signal));
    if (!blocked && is_ignored(entry.actions[signal], signal))
        return;
    // A stopped process acts on nothing but SIGKILL and SIGCONT (wants_signal()); the rest waits.
    if (blocked || (entry.state == ProcessState::stopped && signal != signals::sigcont)) {
        entry.pending |= signal_bit(signal);
        update_interrupt(entry);
        return;
    }
    act_locked(entry, signal, out);
}

void ProcessTable::act_locked(Entry& entry, int signal, Notifications& out) {
    const SignalAction& action = entry.actions[signal];
    if (action.disposition == Disposition::handler && signal != signals::sigstop) {
        entry.pending |= signal_bit(signal);
        update_interrupt(entry);
        out.push_back({entry.process, ProcessEvent::signal_pending, signal});
        return;
    }
    switch (default_action(signal)) {
    case DefaultAction::terminate:
    case DefaultAction::core:
        make_fatal_locked(entry, signal, out);
        break;
    case DefaultAction::stop:
        stop_locked(entry, signal, out);
        break;
    case DefaultAction::ignore:
    case DefaultAction::resume:
        break;
    }
}

void ProcessTable::make_fatal_locked(Entry& entry, int signal, Notifications& out) {
    if (entry.process->fatal_signal() != 0)
        return;
    entry.process->set_fatal_signal(signal);
    if (entry.state == ProcessState::stopped) {
        // A stopped process must run again to unwind; no SIGCHLD for this continue.
        entry.state = ProcessState::running;
        entry.process->set_stopped(false);
        m_state_changes.wake_all();
    }
    // Told before the sleeper is woken, so a driver that sees EINTR also sees that it is ending.
    entry.process->notify_driver(ProcessEvent::terminate, signal);
    update_interrupt(entry);
    (void)out;
}

void ProcessTable::stop_locked(Entry& entry, int signal, Notifications& out) {
    if (entry.state != ProcessState::running || entry.process->fatal_signal() != 0)
        return;
    entry.state = ProcessState::stopped;
    entry.stop_signal = signal;
    entry.stop_unreported = true;
    entry.continue_unreported = false;
    entry.process->set_stopped(true);
    notify_parent_locked(entry, out);
    m_state_changes.wake_all();
    out.push_back({entry.process, ProcessEvent::stop, signal});
}

void ProcessTable::resume_locked(Entry& entry, Notifications& out) {
    entry.state = ProcessState::running;
    entry.stop_unreported = false;
    entry.continue_unreported = true;
    entry.process->set_stopped(false);
    notify_parent_locked(entry, out);
    m_state_changes.wake_all();
    out.push_back({entry.process, ProcessEvent::resume, signals::sigcont});
    deliver_unblocked_locked(entry, out);  // what arrived while stopped acts now
}

void ProcessTable::notify_parent_locked(Entry& child, Notifications& out) {
    Entry* parent = entry_locked(child.ppid);
    if (!parent)
        return;
    if (parent->actions[signals::sigchld].flags & signals::sa_nocldstop)
        return;
    post_locked(*parent, signals::sigchld, out);
}

void ProcessTable::deliver_unblocked_locked(Entry& entry, Notifications& out) {
    SignalSet deliverable = entry.pending & ~entry.blocked;
    for (int signal = 1; deliverable && signal <= signals::k_max_signal; ++signal) {
        if (!(deliverable & signal_bit(signal)) || entry.actions[signal].disposition == Disposition::handler)
            continue;
        entry.pending &= ~signal_bit(signal);
        if (!is_ignored(entry.actions[signal], signal))
            act_locked(entry, signal, out);
    }
    update_interrupt(entry);
}

ErrorOr<void> ProcessTable::kill(Process* sender, Pid target, int signal) {
    if (signal < 0 || signal > signals::k_max_signal)
        return Errno::einval;
    Notifications notifications;
    {
        MutexLocker lock(m_mutex);
        std::vector<Entry*> targets;
        if (target > 0) {
            if (Entry* entry = entry_locked(target))
                targets.push_back(entry);
        } else {
            Pid group = target == 0 ? (sender ? entry_locked(sender->pid())->pgid : 0) : -target;
            for (auto& [pid, entry] : m_entries) {
                bool selected = target == -1 ? (pid != 1 && (!sender || pid != sender->pid()))
                                             : entry.pgid == group;
                if (selected)
                    targets.push_back(&entry);  // zombies count: kill(2) succeeds on them
            }
        }
        if (targets.empty())
            return Errno::esrch;
        if (signal == 0)
            return {};  // existence check only
        for (Entry* entry : targets)
            post_locked(*entry, signal, notifications);
    }
    send(notifications);
    return {};
}

ErrorOr<void> ProcessTable::kill_group(Pid pgid, int signal) {
    if (pgid <= 0 || signal < 1 || signal > signals::k_max_signal)
        return Errno::einval;
    Notifications notifications;
    {
        MutexLocker lock(m_mutex);
        bool found = false;
        for (auto& [pid, entry] : m_entries) {
            if (entry.pgid != pgid)
                continue;
            found = true;
            post_locked(entry, signal, notifications);
        }
        if (!found)
            return Errno::esrch;
    }
    send(notifications);
    return {};
}

ErrorOr<SignalAction> ProcessTable::sigaction(Process& process, int signal, std::optional<SignalAction> action) {
    if (!valid_signal(signal))
        return Errno::einval;
    if (action && (signal == signals::sigkill || signal == signals::sigstop))
        return Errno::einval;
    Notifications notifications;
    SignalAction old;
    {
        MutexLocker lock(m_mutex);
        Entry& entry = *entry_locked(process.pid());
        old = entry.actions[signal];
        if (action) {
            entry.actions[signal] = *action;
            entry.actions[signal].mask &= ~k_unblockable;
            bool now_ignored = action->disposition == Disposition::ignore ||
                               (action->disposition == Disposition::default_action &&
                                default_action(signal) == DefaultAction::ignore);
            if (now_ignored)
                entry.pending &= ~signal_bit(signal);  // POSIX: setting SIG_IGN discards pending
            deliver_unblocked_locked(entry, notifications);
        }
    }
    send(notifications);
    return old;
}

ErrorOr<SignalSet> ProcessTable::sigprocmask(Process& process, int how, std::optional<SignalSet> set) {
    if (set && how != signals::sig_block && how != signals::sig_unblock && how != signals::sig_setmask)
        return Errno::einval;
    Notifications notifications;
    SignalSet old;
    {
        MutexLocker lock(m_mutex);
        Entry& entry = *entry_locked(process.pid());
        old = entry.blocked;
        if (set) {
            if (how == signals::sig_block)
                entry.blocked |= *set;
            else if (how == signals::sig_unblock)
                entry.blocked &= ~*set;
            else
                entry.blocked = *set;
            entry.blocked &= ~k_unblockable;
            deliver_unblocked_locked(entry, notifications);
        }
    }
    send(notifications);
    return old;
}

SignalSet ProcessTable::sigpending(Process& process) {
    MutexLocker lock(m_mutex);
    const Entry& entry = *entry_locked(process.pid());
    return entry.pending;
}

std::optional<PendingSignal> ProcessTable::take_signal(Process& process) {
    MutexLocker lock(m_mutex);
    Entry& entry = *entry_locked(process.pid());
    SignalSet deliverable = entry.pending & ~entry.blocked;
    for (int signal = 1; deliverable && signal <= signals::k_max_signal; ++signal) {
        if (!(deliverable & signal_bit(signal)) || entry.actions[signal].disposition != Disposition::handler)
            continue;
        entry.pending &= ~signal_bit(signal);
        PendingSignal result{signal, entry.actions[signal]};
        if (entry.actions[signal].flags & signals::sa_resethand)
            entry.actions[signal] = SignalAction{};
        update_interrupt(entry);
        return result;
    }
    return std::nullopt;
}

ErrorOr<void> ProcessTable::wait_while_stopped(Process& process) {
    if (process.fatal_signal())
        return Errno::eintr;
    if (!process.stopped())
        return {};
    // A plain Waiter: while stopped, pending handled signals wait for SIGCONT too.
    Waiter waiter;
    MutexLocker lock(m_mutex);
    wait_until(lock, m_state_changes, waiter, [&] { return !process.stopped() || process.fatal_signal() != 0; });
    if (process.fatal_signal())
        return Errno::eintr;
    return {};
}

}  // namespace secure_exec::kernel
