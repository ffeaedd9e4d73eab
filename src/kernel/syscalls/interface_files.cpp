// KernelInterface: descriptor calls (open, read, write, seek, dup, fcntl, pipe, poll, ...).
#include <secure_exec/kernel_interface.h>
#include <secure_exec/open_flags.h>

#include <chrono>

#include "file/poll_files.h"
#include "pipe/pipe.h"
#include "syscalls/fs_calls.h"
#include "syscalls/syscall_entry.h"

namespace secure_exec {

using namespace kernel;

namespace {

// Timeouts past about a century wait without limit, so the deadline cannot overflow the clock.
std::optional<Waiter::Clock::time_point> deadline_after(std::optional<uint64_t> timeout_ns) {
    constexpr uint64_t k_century_ns = 100ull * 365 * 24 * 3600 * 1'000'000'000ull;
    if (!timeout_ns || *timeout_ns > k_century_ns)
        return std::nullopt;
    return Waiter::Clock::now() + std::chrono::nanoseconds(*timeout_ns);
}

}  // namespace

ErrorOr<int> KernelInterface::open(Pid pid, std::string_view path, int flags, uint32_t mode, int dirfd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    Caller caller = m_state.caller_for(*process);
    Location base = TRY(m_state.base_directory(caller, dirfd));
    auto description = TRY(fs_calls::open(m_state, caller, base, path, flags, mode));
    return process->fds().install(std::move(description), (flags & flags::o_cloexec) != 0);
}

ErrorOr<void> KernelInterface::close(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return process->fds().close(fd);
}

ErrorOr<size_t> KernelInterface::read(Pid pid, int fd, std::span<std::byte> buffer) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    IoContext context{process->waiter(), false, process.get()};
    return description->read(context, buffer);
}

ErrorOr<size_t> KernelInterface::write(Pid pid, int fd, std::span<const std::byte> data) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    IoContext context{process->waiter(), false, process.get()};
    auto result = description->write(context, data);
    return finish_write(m_state, *process, context, std::move(result));
}

ErrorOr<size_t> KernelInterface::pread(Pid pid, int fd, std::span<std::byte> buffer, int64_t offset) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    IoContext context{process->waiter(), false, process.get()};
    return description->pread(context, buffer, offset);
}

ErrorOr<size_t> KernelInterface::pwrite(Pid pid, int fd, std::span<const std::byte> data, int64_t offset) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    IoContext context{process->waiter(), false, process.get()};
    auto result = description->pwrite(context, data, offset);
    return finish_write(m_state, *process, context, std::move(result));
}

ErrorOr<uint64_t> KernelInterface::seek(Pid pid, int fd, int64_t offset, int whence) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return description->seek(offset, whence);
}

ErrorOr<int> KernelInterface::dup(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return process->fds().install(std::move(description));
}

ErrorOr<int> KernelInterface::dup2(Pid pid, int fd, int new_fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    if (fd == new_fd)
        return new_fd;
    TRY(process->fds().install_at(new_fd, std::move(description)));
    return new_fd;
}

ErrorOr<int> KernelInterface::fcntl(Pid pid, int fd, int command, int argument) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    switch (command) {
    case flags::f_dupfd:
    case flags::f_dupfd_cloexec:
        return process->fds().install(std::move(description), command == flags::f_dupfd_cloexec, argument);
    case flags::f_getfd:
        return TRY(process->fds().cloexec(fd)) ? flags::fd_cloexec : 0;
    case flags::f_setfd:
        TRY(process->fds().set_cloexec(fd, (argument & flags::fd_cloexec) != 0));
        return 0;
    case flags::f_getfl:
        return description->flags();
    case flags::f_setfl:
        description->set_status_flags(argument);
        return 0;
    default:
        return Errno::einval;
    }
}

ErrorOr<Stat> KernelInterface::fstat(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return description->file().stat();
}

ErrorOr<void> KernelInterface::ftruncate(Pid pid, int fd, int64_t size) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    if (size < 0 || !description->can_write())
        return Errno::einval;
    return description->file().truncate(static_cast<uint64_t>(size));
}

ErrorOr<std::vector<DirEntry>> KernelInterface::read_directory(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return fs_calls::read_directory(m_state, *description);
}

ErrorOr<std::pair<int, int>> KernelInterface::pipe(Pid pid, int pipe_flags) {
    if (pipe_flags & ~(flags::o_cloexec | flags::o_nonblock))
        return Errno::einval;
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto [reader, writer] = Pipe::create_ends(m_state.limits().pipe_capacity_bytes);
    int status_flags = pipe_flags & flags::o_nonblock;
    bool cloexec = (pipe_flags & flags::o_cloexec) != 0;
    auto read_end = std::make_shared<OpenFileDescription>(reader, flags::o_rdonly | status_flags, reader->link_text());
    auto write_end = std::make_shared<OpenFileDescription>(writer, flags::o_wronly | status_flags, writer->link_text());
    int read_fd = TRY(process->fds().install(std::move(read_end), cloexec));
    auto write_fd = process->fds().install(std::move(write_end), cloexec);
    if (write_fd.is_error()) {
        (void)process->fds().close(read_fd);  // undo: no half-made pipe is left behind
        return write_fd.error();
    }
    return std::pair{read_fd, write_fd.value()};
}

ErrorOr<PollState> KernelInterface::poll_state(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return description->file().poll();
}

ErrorOr<size_t> KernelInterface::poll(Pid pid, std::span<PollFd> fds, std::optional<uint64_t> timeout_ns) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    if (fds.size() > process->fds().max_fds())
        return Errno::einval;  // Linux: nfds over RLIMIT_NOFILE
    std::vector<std::shared_ptr<File>> files(fds.size());
    for (size_t i = 0; i < fds.size(); ++i) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;  // skipped, as poll(2) does
        auto description = process->fds().get(fds[i].fd);
        if (description.is_error())
            fds[i].revents = poll_events::pollnval;
        else
            files[i] = description.value()->file_ptr();
    }
    return poll_files(process->waiter(), fds, files, deadline_after(timeout_ns));
}

ErrorOr<bool> KernelInterface::isatty(Pid pid, int fd) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    return description->file().is_terminal();
}

ErrorOr<std::vector<int>> KernelInterface::open_fds(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    return process->fds().open_fds();
}

}  // namespace secure_exec
