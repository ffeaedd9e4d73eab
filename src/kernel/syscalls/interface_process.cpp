// KernelInterface: process, group, session and signal calls.
#include <chrono>

#include <secure_exec/kernel_interface.h>

#include "syscalls/syscall_entry.h"

namespace secure_exec {

using namespace kernel;

namespace {

ErrorOr<void> wire_stdio(Process& parent, FdTable& child, int child_fd, int parent_fd) {
    if (parent_fd < 0)
        return {};
    auto description = TRY(parent.fds().get(parent_fd));
    return child.install_at(child_fd, std::move(description));
}

ErrorOr<void> apply_fd_actions(Process& parent, FdTable& child, const std::vector<SpawnFdAction>& actions) {
    for (const auto& action : actions) {
        if (action.child_fd < 0)
            return Errno::ebadf;
        if (action.parent_fd < 0)
            (void)child.close(action.child_fd);
        else
            TRY(wire_stdio(parent, child, action.child_fd, action.parent_fd));
    }
    return {};
}

// Group and terminal setup for a job-control shell's child, before the child runs.
std::function<ErrorOr<void>(Process&)> job_setup(KernelState& state, Process& parent, const SpawnRequest& request) {
    if (!request.process_group)
        return {};
    Pid group = *request.process_group;
    int terminal_fd = request.foreground_terminal_fd;
    return [&state, &parent, group, terminal_fd](Process& child) -> ErrorOr<void> {
        TRY(state.processes().setpgid(parent, child.pid(), group));
        if (terminal_fd < 0)
            return {};
        auto pty = TRY(terminal_at(parent, terminal_fd));
        return state.terminals().set_foreground(parent, *pty, group == 0 ? child.pid() : group);
    };
}

}  // namespace

ErrorOr<Pid> KernelInterface::spawn(Pid pid, const SpawnRequest& request) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto fds = process->fds().clone_for_spawn();
    TRY(wire_stdio(*process, *fds, 0, request.stdin_fd));
    TRY(wire_stdio(*process, *fds, 1, request.stdout_fd));
    TRY(wire_stdio(*process, *fds, 2, request.stderr_fd));
    TRY(apply_fd_actions(*process, *fds, request.fd_actions));
    SpawnParams params{.parent = process.get(),
                       .command = request.command,
                       .args = request.args,
                       .environ = request.environ,
                       .cwd = request.cwd,
                       .fds = std::move(fds),
                       .host_waitable = false,
                       .before_start = job_setup(m_state, *process, request)};
    return m_state.spawn(std::move(params));
}

ErrorOr<WaitResult> KernelInterface::waitpid(Pid pid, Pid target, int options) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().wait(*process, target, options);
}

ErrorOr<void> KernelInterface::kill(Pid pid, Pid target, int signal) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    TRY(m_state.processes().kill(process.get(), target, signal));
    // A process that stopped itself (kill(getpid(), SIGSTOP)) does not return until continued.
    (void)m_state.processes().wait_while_stopped(*process);
    return {};
}

ErrorOr<Pid> KernelInterface::getppid(Pid pid) {
    TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().getppid(pid);
}

ErrorOr<void> KernelInterface::setpgid(Pid pid, Pid target, Pid pgid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().setpgid(*process, target, pgid);
}

ErrorOr<Pid> KernelInterface::getpgid(Pid pid, Pid target) {
    TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().getpgid(target == 0 ? pid : target);
}

ErrorOr<Pid> KernelInterface::setsid(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().setsid(*process);
}

ErrorOr<Pid> KernelInterface::getsid(Pid pid, Pid target) {
    TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().getsid(target == 0 ? pid : target);
}

ErrorOr<Credentials> KernelInterface::credentials(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return process->credentials();
}

ErrorOr<ProcessInfo> KernelInterface::process_info(Pid pid, Pid target) {
    TRY(enter_syscall(m_state, m_driver, pid));
    auto info = m_state.processes().info(target == 0 ? pid : target);
    if (!info)
        return Errno::esrch;
    return *info;
}

ErrorOr<std::vector<std::string>> KernelInterface::environ(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return process->environ();
}

void KernelInterface::exit(Pid pid, int exit_code) {
    if (m_state.owned_process(m_driver, pid).is_error())
        return;
    m_state.processes().exited(pid, exit_code);
    m_state.terminals().process_exiting(pid);  // a session leader releases its terminal
}

ErrorOr<SignalAction> KernelInterface::sigaction(Pid pid, int signal, std::optional<SignalAction> action) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().sigaction(*process, signal, action);
}

ErrorOr<SignalSet> KernelInterface::sigprocmask(Pid pid, int how, std::optional<SignalSet> set) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().sigprocmask(*process, how, set);
}

ErrorOr<SignalSet> KernelInterface::sigpending(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().sigpending(*process);
}

ErrorOr<std::optional<PendingSignal>> KernelInterface::take_signal(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return m_state.processes().take_signal(*process);
}

ErrorOr<void> KernelInterface::checkpoint(Pid pid) {
    TRY(enter_syscall(m_state, m_driver, pid));
    return {};
}

ErrorOr<void> KernelInterface::sleep(Pid pid, uint64_t nanoseconds) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto deadline = Waiter::Clock::now() + std::chrono::nanoseconds(nanoseconds);
    Waiter& waiter = process->waiter();
    while (Waiter::Clock::now() < deadline) {
        waiter.prepare();
        if (waiter.sleep(deadline) == WakeReason::interrupted)
            return Errno::eintr;
    }
    return {};
}

}  // namespace secure_exec
