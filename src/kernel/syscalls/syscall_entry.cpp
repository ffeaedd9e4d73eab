#include "syscalls/syscall_entry.h"

namespace secure_exec::kernel {

ErrorOr<std::shared_ptr<Process>> enter_syscall(KernelState& state, const Driver& driver, Pid pid) {
    auto process = TRY(state.owned_process(driver, pid));
    TRY(state.processes().wait_while_stopped(*process));
    return process;
}

ErrorOr<size_t> finish_write(KernelState& state, Process& process, const IoContext& context, ErrorOr<size_t> result) {
    if (context.broken_pipe)
        (void)state.processes().kill(&process, process.pid(), signals::sigpipe);
    return result;
}

ErrorOr<std::shared_ptr<Pty>> terminal_at(Process& process, int fd) {
    auto description = TRY(process.fds().get(fd));
    if (auto* replica = dynamic_cast<PtyReplica*>(&description->file()))
        return replica->pty();
    if (auto* master = dynamic_cast<PtyMaster*>(&description->file()))
        return master->pty();
    return Errno::enotty;
}

}  // namespace secure_exec::kernel
