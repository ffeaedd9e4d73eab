// The `secure_exec` import module (include/secure_exec/wasm_abi.h), host side: process, descriptor,
// terminal and signal calls that WASI preview1 lacks, each a thin translation to KernelInterface.
#include <secure_exec/wasm_abi.h>

#include <secure_exec/open_flags.h>

#include "wasm/import_call.h"
#include "wasm/wasi_errno.h"

namespace secure_exec::wasm {

namespace {

constexpr uint16_t k_wasi_range = 68;

// Stores `value` at the guest offset in argument `index`, or answers EFAULT.
template <typename T>
void reply_with(const Info& info, int index, ErrorOr<T> result) {
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    GuestMemory memory(process_of(info));
    uint32_t at = u32(info, index);
    if (!memory.valid(at, sizeof(T)))
        return reply(info, k_wasi_fault);
    memory.store<T>(at, result.value());
    reply(info, k_wasi_success);
}

void reply_void(const Info& info, ErrorOr<void> result) {
    reply(info, result.is_error() ? to_wasi(result.error()) : k_wasi_success);
}

// ^Working directory and identity

void getcwd(const Info& info) {
    auto& process = process_of(info);
    uint32_t buffer = u32(info, 0), capacity = u32(info, 1), length_at = u32(info, 2);
    GuestMemory memory(process);
    if (!memory.valid(length_at, 4) || !memory.valid(buffer, capacity))
        return reply(info, k_wasi_fault);
    auto cwd = process.kernel.getcwd(process.pid);
    if (cwd.is_error())
        return reply(info, to_wasi(cwd.error()));
    const std::string& path = cwd.value();
    memory.store<uint32_t>(length_at, static_cast<uint32_t>(path.size()));
    if (path.size() > capacity)
        return reply(info, k_wasi_range);
    std::memcpy(memory.at(buffer), path.data(), path.size());
    reply(info, k_wasi_success);
}

void chdir(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t path = u32(info, 0), length = u32(info, 1);
    if (!memory.valid(path, length))
        return reply(info, k_wasi_fault);
    reply_void(info, process.kernel.chdir(process.pid, memory.text(path, length)));
}

void umask(const Info& info) {
    auto& process = process_of(info);
    uint32_t mask = u32(info, 0);
    std::optional<uint32_t> new_mask;
    if (mask != SECURE_EXEC_UMASK_QUERY)
        new_mask = mask & 0777;
    reply_with(info, 1, process.kernel.umask(process.pid, new_mask));
}

void credentials(const Info& info) {
    auto& process = process_of(info);
    auto result = process.kernel.credentials(process.pid);
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    const Credentials& who = result.value();
    secure_exec_identity out{who.uid, who.gid, who.uid, who.gid};
    reply_with(info, 0, ErrorOr<secure_exec_identity>(out));
}

// ^File status and permissions

int kernel_dirfd(int32_t dirfd) { return dirfd == SECURE_EXEC_AT_FDCWD ? at_fdcwd : dirfd; }

secure_exec_stat to_abi(const Stat& status) {
    return secure_exec_stat{
        .dev = status.device,
        .ino = status.inode,
        .rdev = status.rdev,
        .size = static_cast<int64_t>(status.size),
        .blocks = static_cast<int64_t>(status.blocks),
        .blksize = static_cast<uint32_t>(status.block_size),
        .nlink = status.link_count,
        .mode = status.mode(),
        .uid = status.uid,
        .gid = status.gid,
        .reserved = 0,
        .atime_sec = status.access_time.seconds,
        .atime_nsec = status.access_time.nanoseconds,
        .mtime_sec = status.modify_time.seconds,
        .mtime_nsec = status.modify_time.nanoseconds,
        .ctime_sec = status.change_time.seconds,
        .ctime_nsec = status.change_time.nanoseconds,
    };
}

// The path in arguments (index, index + 1), or nullopt when it lies outside guest memory.
std::optional<std::string_view> path_argument(const Info& info, const GuestMemory& memory, int index) {
    uint32_t at = u32(info, index), length = u32(info, index + 1);
    if (!memory.valid(at, length))
        return std::nullopt;
    return memory.text(at, length);
}

void stat_path(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    bool follow = u32(info, 3) & SECURE_EXEC_FOLLOW;
    auto status = process.kernel.stat(process.pid, *path, follow, kernel_dirfd(i32(info, 0)));
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    reply_with(info, 4, ErrorOr<secure_exec_stat>(to_abi(status.value())));
}

void open(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    auto fd = process.kernel.open(process.pid, *path, static_cast<int>(u32(info, 3)), u32(info, 4) & 07777,
                                  kernel_dirfd(i32(info, 0)));
    reply_with(info, 5, std::move(fd));
}

void mkdir(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    reply_void(info, process.kernel.mkdir(process.pid, *path, u32(info, 3) & 07777, kernel_dirfd(i32(info, 0))));
}

void fstat(const Info& info) {
    auto& process = process_of(info);
    auto status = process.kernel.fstat(process.pid, i32(info, 0));
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    reply_with(info, 1, ErrorOr<secure_exec_stat>(to_abi(status.value())));
}

void chmod(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    if (!(u32(info, 4) & SECURE_EXEC_FOLLOW))
        return reply(info, to_wasi(Errno::eopnotsupp));  // Linux: symlinks have no mode to change
    reply_void(info, process.kernel.chmod(process.pid, *path, u32(info, 3), kernel_dirfd(i32(info, 0))));
}

void fchmod(const Info& info) {
    auto& process = process_of(info);
    reply_void(info, process.kernel.fchmod(process.pid, i32(info, 0), u32(info, 1)));
}

void chown(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    auto id = [&](int index) -> std::optional<uint32_t> {
        uint32_t value = u32(info, index);
        return value == SECURE_EXEC_ID_UNCHANGED ? std::nullopt : std::optional<uint32_t>(value);
    };
    bool follow = u32(info, 5) & SECURE_EXEC_FOLLOW;
    reply_void(info, process.kernel.chown(process.pid, *path, id(3), id(4), follow, kernel_dirfd(i32(info, 0))));
}

void access(const Info& info) {
    auto& process = process_of(info);
    auto path = path_argument(info, GuestMemory(process), 1);
    if (!path)
        return reply(info, k_wasi_fault);
    reply_void(info, process.kernel.access(process.pid, *path, static_cast<int>(u32(info, 3)), kernel_dirfd(i32(info, 0))));
}

// ^Processes

// The guest's argv- or envp-style array of C strings.
std::optional<std::vector<std::string>> string_array(const GuestMemory& memory, uint32_t at, uint32_t count) {
    if (!memory.valid(at, uint64_t{count} * 4))
        return std::nullopt;
    std::vector<std::string> strings;
    strings.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        auto text = memory.c_string(memory.load<uint32_t>(at + i * 4));
        if (!text)
            return std::nullopt;
        strings.emplace_back(*text);
    }
    return strings;
}

// Reads the guest's spawn request; nullopt when any part of it lies outside guest memory.
std::optional<SpawnRequest> spawn_request(const GuestMemory& memory, uint32_t at) {
    if (!memory.valid(at, sizeof(secure_exec_spawn_request)))
        return std::nullopt;
    auto raw = memory.load<secure_exec_spawn_request>(at);
    auto command = memory.c_string(raw.command);
    auto argv = string_array(memory, raw.argv, raw.argc);
    auto envp = string_array(memory, raw.envp, raw.envc);
    if (!command || !argv || !envp || !memory.valid(raw.fd_actions, uint64_t{raw.fd_action_count} * 8))
        return std::nullopt;
    SpawnRequest request{.command = std::string(*command), .environ = std::move(*envp)};
    if (!argv->empty())
        request.args.assign(std::make_move_iterator(argv->begin() + 1), std::make_move_iterator(argv->end()));
    if (raw.cwd != 0) {
        auto cwd = memory.c_string(raw.cwd);
        if (!cwd)
            return std::nullopt;
        request.cwd = std::string(*cwd);
    }
    request.stdin_fd = raw.stdin_fd;
    request.stdout_fd = raw.stdout_fd;
    request.stderr_fd = raw.stderr_fd;
    for (uint32_t i = 0; i < raw.fd_action_count; ++i) {
        auto action = memory.load<secure_exec_fd_action>(raw.fd_actions + i * 8);
        request.fd_actions.push_back({.child_fd = action.child_fd, .parent_fd = action.parent_fd});
    }
    if (raw.process_group >= 0) {
        request.process_group = raw.process_group;
        request.foreground_terminal_fd = raw.foreground_fd;
    }
    return request;
}

void spawn(const Info& info) {
    auto& process = process_of(info);
    auto request = spawn_request(GuestMemory(process), u32(info, 0));
    if (!request)
        return reply(info, k_wasi_fault);
    reply_with(info, 1, process.kernel.spawn(process.pid, *request));
}

void waitpid(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t status_at = u32(info, 2), pid_at = u32(info, 3);
    if (!memory.valid(status_at, 4) || !memory.valid(pid_at, 4))
        return reply(info, k_wasi_fault);
    auto result = process.kernel.waitpid(process.pid, i32(info, 0), static_cast<int>(u32(info, 1)));
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    GuestMemory after(process);  // still the same buffer: the guest cannot run while we block
    after.store<int32_t>(status_at, result.value().status);
    after.store<int32_t>(pid_at, result.value().pid);
    reply(info, k_wasi_success);
}

void kill(const Info& info) {
    auto& process = process_of(info);
    reply_void(info, process.kernel.kill(process.pid, i32(info, 0), static_cast<int>(u32(info, 1))));
}

void getpid(const Info& info) { reply_with(info, 0, ErrorOr<int32_t>(process_of(info).pid)); }

void getppid(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 0, process.kernel.getppid(process.pid));
}

void setpgid(const Info& info) {
    auto& process = process_of(info);
    reply_void(info, process.kernel.setpgid(process.pid, i32(info, 0), i32(info, 1)));
}

void getpgid(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 1, process.kernel.getpgid(process.pid, i32(info, 0)));
}

void setsid(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 0, process.kernel.setsid(process.pid));
}

void getsid(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 1, process.kernel.getsid(process.pid, i32(info, 0)));
}

// ^Descriptors

void pipe(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t fds_at = u32(info, 1);
    if (!memory.valid(fds_at, 8))
        return reply(info, k_wasi_fault);
    int open_flags = (u32(info, 0) & SECURE_EXEC_PIPE_CLOEXEC) ? flags::o_cloexec : 0;
    auto ends = process.kernel.pipe(process.pid, open_flags);
    if (ends.is_error())
        return reply(info, to_wasi(ends.error()));
    memory.store<int32_t>(fds_at, ends.value().first);
    memory.store<int32_t>(fds_at + 4, ends.value().second);
    reply(info, k_wasi_success);
}

void dup(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 1, process.kernel.dup(process.pid, i32(info, 0)));
}

void dup2(const Info& info) {
    auto& process = process_of(info);
    auto result = process.kernel.dup2(process.pid, i32(info, 0), i32(info, 1));
    reply(info, result.is_error() ? to_wasi(result.error()) : k_wasi_success);
}

void fcntl(const Info& info) {
    auto& process = process_of(info);
    int command = static_cast<int>(u32(info, 1));
    if (command != flags::f_dupfd && command != flags::f_dupfd_cloexec && command != flags::f_getfd &&
        command != flags::f_setfd)
        return reply(info, k_wasi_inval);  // file status flags go through WASI's fd_fdstat calls
    reply_with(info, 3, process.kernel.fcntl(process.pid, i32(info, 0), command, i32(info, 2)));
}

// ^Terminals

void isatty(const Info& info) {
    auto& process = process_of(info);
    auto result = process.kernel.isatty(process.pid, i32(info, 0));
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    reply_with(info, 1, ErrorOr<uint32_t>(result.value() ? 1u : 0u));
}

void tcgetattr(const Info& info) {
    auto& process = process_of(info);
    auto result = process.kernel.tcgetattr(process.pid, i32(info, 0));
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    const Termios& termios = result.value();
    secure_exec_termios out{termios.iflag, termios.oflag, termios.cflag, termios.lflag, {}};
    std::memcpy(out.cc, termios.cc.data(), sizeof out.cc);
    reply_with(info, 1, ErrorOr<secure_exec_termios>(out));
}

void tcsetattr(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t at = u32(info, 2);
    if (!memory.valid(at, sizeof(secure_exec_termios)))
        return reply(info, k_wasi_fault);
    auto in = memory.load<secure_exec_termios>(at);
    Termios termios{.iflag = in.iflag, .oflag = in.oflag, .cflag = in.cflag, .lflag = in.lflag};
    std::memcpy(termios.cc.data(), in.cc, sizeof in.cc);
    reply_void(info, process.kernel.tcsetattr(process.pid, i32(info, 0), static_cast<int>(u32(info, 1)), termios));
}

void tcgetpgrp(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 1, process.kernel.tcgetpgrp(process.pid, i32(info, 0)));
}

void tcsetpgrp(const Info& info) {
    auto& process = process_of(info);
    reply_void(info, process.kernel.tcsetpgrp(process.pid, i32(info, 0), i32(info, 1)));
}

void get_winsize(const Info& info) {
    auto& process = process_of(info);
    auto result = process.kernel.get_window_size(process.pid, i32(info, 0));
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    const WindowSize& size = result.value();
    reply_with(info, 1, ErrorOr<secure_exec_winsize>(secure_exec_winsize{size.rows, size.columns, size.x_pixels, size.y_pixels}));
}

void set_winsize(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t at = u32(info, 1);
    if (!memory.valid(at, sizeof(secure_exec_winsize)))
        return reply(info, k_wasi_fault);
    auto in = memory.load<secure_exec_winsize>(at);
    WindowSize size{.rows = in.rows, .columns = in.columns, .x_pixels = in.x_pixels, .y_pixels = in.y_pixels};
    reply_void(info, process.kernel.set_window_size(process.pid, i32(info, 0), size));
}

// ^Signals

void signal(const Info& info) {
    auto& process = process_of(info);
    uint32_t disposition = u32(info, 1);
    if (disposition > SECURE_EXEC_SIG_CATCH)
        return reply(info, k_wasi_inval);
    SignalAction action{.disposition = static_cast<Disposition>(disposition)};
    auto old = process.kernel.sigaction(process.pid, static_cast<int>(u32(info, 0)), action);
    if (old.is_error())
        return reply(info, to_wasi(old.error()));
    reply_with(info, 2, ErrorOr<uint32_t>(static_cast<uint32_t>(old.value().disposition)));
}

void sigprocmask(const Info& info) {
    auto& process = process_of(info);
    int how = static_cast<int>(u32(info, 0));
    reply_with(info, 2, process.kernel.sigprocmask(process.pid, how, u64(info, 1)));
}

void sigpending(const Info& info) {
    auto& process = process_of(info);
    reply_with(info, 0, process.kernel.sigpending(process.pid));
}

void take_signal(const Info& info) {
    auto& process = process_of(info);
    auto taken = process.kernel.take_signal(process.pid);
    if (taken.is_error())
        return reply(info, to_wasi(taken.error()));
    uint32_t signal = taken.value() ? static_cast<uint32_t>(taken.value()->signal) : 0;
    reply_with(info, 0, ErrorOr<uint32_t>(signal));
}

constexpr Import k_imports[] = {
    {"getcwd", getcwd},         {"chdir", chdir},         {"umask", umask},
    {"credentials", credentials}, {"spawn", spawn},       {"waitpid", waitpid},
    {"kill", kill},             {"getpid", getpid},       {"getppid", getppid},
    {"setpgid", setpgid},       {"getpgid", getpgid},     {"setsid", setsid},
    {"getsid", getsid},         {"pipe", pipe},           {"dup", dup},
    {"dup2", dup2},             {"fcntl", fcntl},         {"isatty", isatty},
    {"tcgetattr", tcgetattr},   {"tcsetattr", tcsetattr}, {"tcgetpgrp", tcgetpgrp},
    {"tcsetpgrp", tcsetpgrp},   {"get_winsize", get_winsize}, {"set_winsize", set_winsize},
    {"signal", signal},         {"sigprocmask", sigprocmask}, {"sigpending", sigpending},
    {"take_signal", take_signal}, {"stat", stat_path},     {"fstat", fstat},
    {"chmod", chmod},           {"fchmod", fchmod},       {"chown", chown},
    {"access", access},         {"open", open},           {"mkdir", mkdir},
};

}  // namespace

void install_secure_exec_imports(v8::Isolate* isolate, v8::Local<v8::Context> context,
                                 v8::Local<v8::Object> namespace_object) {
    install_imports(isolate, context, namespace_object, k_imports);
}

}  // namespace secure_exec::wasm
