// KernelInterface: terminal calls (openpty, termios, foreground group, window size).
#include <secure_exec/kernel_interface.h>
#include <secure_exec/open_flags.h>

#include "syscalls/syscall_entry.h"
#include "tty/pty.h"

namespace secure_exec {

using namespace kernel;

namespace {

struct TerminalCall {
    std::shared_ptr<Process> process;
    std::shared_ptr<Pty> pty;
};

ErrorOr<TerminalCall> begin(KernelState& state, const Driver& driver, Pid pid, int fd) {
    auto process = TRY(enter_syscall(state, driver, pid));
    auto pty = TRY(terminal_at(*process, fd));
    return TerminalCall{std::move(process), std::move(pty)};
}

}  // namespace

ErrorOr<PtyPair> KernelInterface::openpty(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto master = TRY(m_state.terminals().open_master());
    auto pty = static_cast<PtyMaster&>(*master).pty();
    pty->set_owner(process->credentials());
    auto replica = TRY(m_state.terminals().open_replica(pty->index()));
    auto master_fd = TRY(process->fds().install(
        std::make_shared<OpenFileDescription>(master, flags::o_rdwr, master->link_text())));
    auto replica_fd = process->fds().install(
        std::make_shared<OpenFileDescription>(replica, flags::o_rdwr, replica->link_text()));
    if (replica_fd.is_error()) {
        (void)process->fds().close(master_fd);
        return replica_fd.error();
    }
    return PtyPair{master_fd, replica_fd.value(), pty->replica_path()};
}

ErrorOr<Termios> KernelInterface::tcgetattr(Pid pid, int fd) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    return call.pty->termios();
}

ErrorOr<void> KernelInterface::tcsetattr(Pid pid, int fd, int action, const Termios& termios) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    // Changing a terminal from a background group stops the group (Linux tty_check_change()).
    TRY(m_state.terminals().check_background_access(call.process.get(), *call.pty, signals::sigttou));
    IoContext context{call.process->waiter(), false, call.process.get()};
    return call.pty->set_termios(context, action, termios);
}

ErrorOr<Pid> KernelInterface::tcgetpgrp(Pid pid, int fd) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    return m_state.terminals().foreground(*call.process, *call.pty);
}

ErrorOr<void> KernelInterface::tcsetpgrp(Pid pid, int fd, Pid pgid) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    return m_state.terminals().set_foreground(*call.process, *call.pty, pgid);
}

ErrorOr<WindowSize> KernelInterface::get_window_size(Pid pid, int fd) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    return call.pty->window_size();
}

ErrorOr<void> KernelInterface::set_window_size(Pid pid, int fd, const WindowSize& size) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    call.pty->set_window_size(size);
    return {};
}

ErrorOr<void> KernelInterface::tcflush(Pid pid, int fd, int queue) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    TRY(m_state.terminals().check_background_access(call.process.get(), *call.pty, signals::sigttou));
    return call.pty->flush(queue);
}

ErrorOr<void> KernelInterface::tcdrain(Pid pid, int fd) {
    auto call = TRY(begin(m_state, m_driver, pid, fd));
    TRY(m_state.terminals().check_background_access(call.process.get(), *call.pty, signals::sigttou));
    IoContext context{call.process->waiter(), false, call.process.get()};
    return call.pty->drain(context);
}

}  // namespace secure_exec
