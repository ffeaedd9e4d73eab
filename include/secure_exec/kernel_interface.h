// kernel_interface.h — the syscall interface a driver uses for the processes it runs.
//
// Every call names the calling process first. The kernel checks that the process belongs to the
// driver holding this interface (EPERM when another driver owns it, ESRCH when no such process
// exists) before anything else, and reports failure as an Errno. Calls may block the calling
// thread (a read on an empty pipe); a blocked call returns EINTR when a handled or fatal signal
// arrives. Thread safety: every method may be called from any thread.
//
//   auto fd = TRY(kernel.open(pid, "/tmp/out", flags::o_wronly | flags::o_creat, 0644));
//   TRY(kernel.write(pid, fd, as_bytes("hello\n")));
//   TRY(kernel.close(pid, fd));
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>
#include <secure_exec/process_info.h>
#include <secure_exec/signals.h>
#include <secure_exec/termios.h>

namespace secure_exec {

namespace kernel {
class KernelState;
}
class Driver;

// Resolve relative paths against the process's working directory (openat's AT_FDCWD).
constexpr int at_fdcwd = -100;

// A descriptor for the child, like posix_spawn_file_actions: child_fd becomes a copy of the
// caller's parent_fd (close-on-exec cleared), or is closed when parent_fd is -1. Applied in order,
// after the stdio fields.
struct SpawnFdAction {
    int child_fd{-1};
    int parent_fd{-1};
};

// A child to start. stdio fds name descriptors in the caller's table; -1 keeps the inherited one.
struct SpawnRequest {
    std::string command;             // a registered name, a name to look up in PATH, or a path
    std::vector<std::string> args;   // without argv[0]
    std::vector<std::string> environ;  // "NAME=value"; the child's whole environment
    std::optional<std::string> cwd;  // default: the caller's
    int stdin_fd{-1};
    int stdout_fd{-1};
    int stderr_fd{-1};
    std::vector<SpawnFdAction> fd_actions;
    // Like POSIX_SPAWN_SETPGROUP: 0 puts the child in a new group of its own, N in group N (of
    // the caller's session). Done before the child runs, so a job never runs outside its group.
    std::optional<Pid> process_group;
    // With process_group: also make the child's group the foreground group of the terminal open
    // at this fd in the caller's table (what a job-control shell does for a foreground job).
    int foreground_terminal_fd{-1};
};

struct PtyPair {
    int master_fd{-1};
    int replica_fd{-1};
    std::string replica_path;  // "/dev/pts/N"
};

struct PendingSignal {
    int signal{0};
    SignalAction action;
};

class KernelInterface {
public:
    KernelInterface(kernel::KernelState& state, Driver& driver) : m_state(state), m_driver(driver) {}

    // ^Files and descriptors
    ErrorOr<int> open(Pid pid, std::string_view path, int flags, uint32_t mode = 0666, int dirfd = at_fdcwd);
    ErrorOr<void> close(Pid pid, int fd);
    ErrorOr<size_t> read(Pid pid, int fd, std::span<std::byte> buffer);
    ErrorOr<size_t> write(Pid pid, int fd, std::span<const std::byte> data);
    ErrorOr<size_t> pread(Pid pid, int fd, std::span<std::byte> buffer, int64_t offset);
    ErrorOr<size_t> pwrite(Pid pid, int fd, std::span<const std::byte> data, int64_t offset);
    ErrorOr<uint64_t> seek(Pid pid, int fd, int64_t offset, int whence);
    ErrorOr<int> dup(Pid pid, int fd);
    ErrorOr<int> dup2(Pid pid, int fd, int new_fd);
    ErrorOr<int> fcntl(Pid pid, int fd, int command, int argument = 0);
    ErrorOr<Stat> fstat(Pid pid, int fd);
    ErrorOr<void> ftruncate(Pid pid, int fd, int64_t size);
    ErrorOr<std::vector<DirEntry>> read_directory(Pid pid, int fd);
    ErrorOr<std::pair<int, int>> pipe(Pid pid, int flags = 0);
    ErrorOr<PollState> poll_state(Pid pid, int fd);
    // poll(2): waits until a descriptor has one of its `events` (or POLLERR/POLLHUP), the timeout
    // passes (0: only check; nullopt: no limit) or a signal arrives (EINTR). Fills every revents
    // (POLLNVAL for fds that are not open) and returns how many are nonzero; 0 on timeout.
    ErrorOr<size_t> poll(Pid pid, std::span<PollFd> fds, std::optional<uint64_t> timeout_ns);
    ErrorOr<bool> isatty(Pid pid, int fd);
    // Open descriptors, ascending.
    ErrorOr<std::vector<int>> open_fds(Pid pid);

    // ^Paths
    ErrorOr<Stat> stat(Pid pid, std::string_view path, bool follow_symlinks = true, int dirfd = at_fdcwd);
    ErrorOr<void> access(Pid pid, std::string_view path, int mode, int dirfd = at_fdcwd);
    ErrorOr<void> mkdir(Pid pid, std::string_view path, uint32_t mode = 0777, int dirfd = at_fdcwd);
    ErrorOr<void> rmdir(Pid pid, std::string_view path, int dirfd = at_fdcwd);
    ErrorOr<void> unlink(Pid pid, std::string_view path, int dirfd = at_fdcwd);
    ErrorOr<void> rename(Pid pid, std::string_view old_path, std::string_view new_path, unsigned flags = 0,
                         int old_dirfd = at_fdcwd, int new_dirfd = at_fdcwd);
    ErrorOr<void> symlink(Pid pid, std::string_view target, std::string_view link_path, int dirfd = at_fdcwd);
    ErrorOr<std::string> readlink(Pid pid, std::string_view path, int dirfd = at_fdcwd);
    ErrorOr<void> link(Pid pid, std::string_view old_path, std::string_view new_path, int old_dirfd = at_fdcwd,
                       int new_dirfd = at_fdcwd);
    ErrorOr<void> chmod(Pid pid, std::string_view path, uint32_t mode, int dirfd = at_fdcwd);
    ErrorOr<void> fchmod(Pid pid, int fd, uint32_t mode);
    ErrorOr<void> chown(Pid pid, std::string_view path, std::optional<uint32_t> uid, std::optional<uint32_t> gid,
                        bool follow_symlinks = true, int dirfd = at_fdcwd);
    ErrorOr<void> utimes(Pid pid, std::string_view path, std::optional<Timespec> access_time,
                         std::optional<Timespec> modify_time, bool follow_symlinks = true, int dirfd = at_fdcwd);
    ErrorOr<void> truncate(Pid pid, std::string_view path, int64_t size);
    ErrorOr<std::string> realpath(Pid pid, std::string_view path);
    ErrorOr<StatFs> statfs(Pid pid, std::string_view path);
    ErrorOr<void> chdir(Pid pid, std::string_view path);
    ErrorOr<std::string> getcwd(Pid pid);
    ErrorOr<uint32_t> umask(Pid pid, std::optional<uint32_t> new_mask);

    // ^Processes
    ErrorOr<Pid> spawn(Pid pid, const SpawnRequest& request);
    ErrorOr<WaitResult> waitpid(Pid pid, Pid target, int options = 0);
    ErrorOr<void> kill(Pid pid, Pid target, int signal);
    ErrorOr<Pid> getppid(Pid pid);
    ErrorOr<void> setpgid(Pid pid, Pid target, Pid pgid);
    ErrorOr<Pid> getpgid(Pid pid, Pid target);
    ErrorOr<Pid> setsid(Pid pid);
    ErrorOr<Pid> getsid(Pid pid, Pid target);
    ErrorOr<Credentials> credentials(Pid pid);
    ErrorOr<ProcessInfo> process_info(Pid pid, Pid target);
    ErrorOr<std::vector<std::string>> environ(Pid pid);
    // The driver's thread for `pid` has finished with `exit_code` (0..255). The kernel closes the
    // process's descriptors and makes it a zombie; if a fatal signal ended it, the wait status
    // says so regardless of exit_code.
    void exit(Pid pid, int exit_code);

    // ^Terminals. Every call takes either end of a pseudo-terminal; other fds give ENOTTY.
    // openpty(3): a new pair, neither end close-on-exec; the replica does not become the
    // controlling terminal (open /dev/pts/N without O_NOCTTY as a session leader for that).
    ErrorOr<PtyPair> openpty(Pid pid);
    ErrorOr<Termios> tcgetattr(Pid pid, int fd);
    ErrorOr<void> tcsetattr(Pid pid, int fd, int action, const Termios& termios);
    ErrorOr<Pid> tcgetpgrp(Pid pid, int fd);
    ErrorOr<void> tcsetpgrp(Pid pid, int fd, Pid pgid);
    ErrorOr<WindowSize> get_window_size(Pid pid, int fd);
    // Sends SIGWINCH to the terminal's foreground group when the size changes.
    ErrorOr<void> set_window_size(Pid pid, int fd, const WindowSize& size);
    ErrorOr<void> tcflush(Pid pid, int fd, int queue);
    ErrorOr<void> tcdrain(Pid pid, int fd);

    // ^Signals
    ErrorOr<SignalAction> sigaction(Pid pid, int signal, std::optional<SignalAction> action);
    ErrorOr<SignalSet> sigprocmask(Pid pid, int how, std::optional<SignalSet> set);
    ErrorOr<SignalSet> sigpending(Pid pid);
    // Takes the lowest pending, unblocked signal whose disposition is a handler, for the driver to run.
    ErrorOr<std::optional<PendingSignal>> take_signal(Pid pid);
    // A safe point: parks while the process is stopped; EINTR once a fatal signal has arrived.
    ErrorOr<void> checkpoint(Pid pid);
    // Sleeps like nanosleep(2); EINTR (with nothing else done) if a signal interrupts it.
    ErrorOr<void> sleep(Pid pid, uint64_t nanoseconds);

private:
    kernel::KernelState& m_state;
    Driver& m_driver;
};

// Byte views of text, for the calls above.
inline std::span<const std::byte> as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}
inline std::string_view as_text(std::span<const std::byte> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace secure_exec
