// syscall_entry.h — what every KernelInterface call does first, and the partial-I/O rule.
#pragma once

#include <memory>

#include <secure_exec/driver.h>

#include "kernel_state.h"
#include "tty/pty.h"

namespace secure_exec::kernel {

// Finds the caller, checks that `driver` owns it, and parks it while it is stopped. A process
// that a fatal signal has hit gets EINTR from every call, so its thread unwinds.
ErrorOr<std::shared_ptr<Process>> enter_syscall(KernelState& state, const Driver& driver, Pid pid);

// A write that hit a pipe with no reader also raises SIGPIPE in the writer (pipe(7)), whether
// it failed with EPIPE or returned the bytes it moved before the last reader left.
ErrorOr<size_t> finish_write(KernelState& state, Process& process, const IoContext& context, ErrorOr<size_t> result);

// The pseudo-terminal open at `fd` (either end); ENOTTY for any other file.
ErrorOr<std::shared_ptr<Pty>> terminal_at(Process& process, int fd);

}  // namespace secure_exec::kernel
