// kernel.h — the secure-exec kernel: a userland POSIX kernel that runs untrusted programs.
//
// A Kernel owns a virtual filesystem (an in-memory root plus the host directories you mount), a
// process table, descriptor tables, pipes and devices, and checks every guest operation against
// its Permissions. Runtime drivers are mounted on it and register commands.
//
//   auto kernel = MUST(Kernel::create({}));
//   MUST(kernel->mount(std::make_shared<FunctionDriver>(...)));
//   auto process = MUST(kernel->spawn("hello", {"world"}, {}));
//   int status = process->wait();
//
// Thread safety: every method may be called from any thread. dispose() (or the destructor) ends
// every process: SIGTERM, a grace period, then SIGKILL, and disposes the drivers.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/driver.h>
#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>
#include <secure_exec/limits.h>
#include <secure_exec/permissions.h>
#include <secure_exec/process_info.h>
#include <secure_exec/terminal.h>
#include <secure_exec/vfs.h>

namespace secure_exec {

namespace kernel {
class KernelState;
class OpenFileDescription;
}

struct HostMount {
    std::string host_path;
    std::string guest_path;
    MountMode mode{MountMode::read_only};
};

struct KernelOptions {
    // The root filesystem; a new in-memory filesystem when empty.
    std::shared_ptr<FileSystem> root_filesystem;
    Permissions permissions{Permissions::sandbox()};
    // The base environment of every process. Nothing of the host's environment is passed.
    std::map<std::string, std::string> env;
    std::string cwd{"/home/user"};
    Credentials user{};
    std::string hostname{"sandbox"};
    KernelLimits limits{};
    std::vector<HostMount> mounts;
};

using OutputCallback = std::function<void(std::span<const std::byte>)>;

struct SpawnOptions {
    // Added to (and overriding) the kernel's base environment.
    std::map<std::string, std::string> env;
    std::optional<std::string> cwd;
    // Called from the writing process's thread, serialized. When empty, output is collected and
    // available from ManagedProcess::stdout_text()/stderr_text() (up to max_collected_bytes).
    OutputCallback on_stdout;
    OutputCallback on_stderr;
    size_t max_collected_bytes{64u << 20};
};

struct ExecOptions {
    std::map<std::string, std::string> env;
    std::optional<std::string> cwd;
    std::string stdin_data;
    // Wall-clock limit; on expiry the process gets SIGKILL and the result says timed_out.
    std::optional<uint32_t> timeout_ms;
};

struct ExecResult {
    int exit_code{0};  // the shell's view: 128 + signal when a signal ended the process
    std::string stdout_text;
    std::string stderr_text;
    bool timed_out{false};
};

// A process started from the host. Its stdin is a pipe the host writes to. A handle must not
// outlive the Kernel that made it; dropping it lets the kernel reap the process.
class ManagedProcess {
public:
    virtual ~ManagedProcess() = default;
    virtual Pid pid() const = 0;
    // Blocks while the pipe is full. EPIPE once the process closed its stdin.
    virtual ErrorOr<void> write_stdin(std::span<const std::byte> data) = 0;
    virtual void close_stdin() = 0;
    virtual ErrorOr<void> kill(int signal) = 0;
    // Blocks until the process exits; returns its POSIX wait status.
    virtual int wait() = 0;
    // Waits at most timeout_ms; nullopt if still running.
    virtual std::optional<int> wait_for(uint32_t timeout_ms) = 0;
    virtual std::string stdout_text() const = 0;
    virtual std::string stderr_text() const = 0;
};

class Kernel {
public:
    static ErrorOr<std::unique_ptr<Kernel>> create(KernelOptions options);
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // Registers the driver's commands (a later mount wins a name) and writes /bin entries.
    ErrorOr<void> mount(std::shared_ptr<Driver> driver);
    // Mounts a filesystem (e.g. make_host_filesystem) at a guest directory, creating it if needed.
    ErrorOr<void> mount_filesystem(std::string_view guest_path, std::shared_ptr<FileSystem> filesystem,
                                   MountMode mode = MountMode::read_write);
    ErrorOr<void> mount_host_directory(const HostMount& mount);

    // Starts a command directly (no shell): a registered name, a name found in PATH, or a path.
    ErrorOr<std::unique_ptr<ManagedProcess>> spawn(std::string_view command, std::vector<std::string> args,
                                                   SpawnOptions options);
    // Runs `sh -c command_line` and collects its output. Needs a driver that provides `sh`; without
    // one the result is exit code 127 with a message saying so on stderr.
    ErrorOr<ExecResult> exec(std::string_view command_line, ExecOptions options = {});

    // ^Terminals (terminal.h). open_shell starts `options.command` on a new PTY.
    ErrorOr<std::unique_ptr<ShellHandle>> open_shell(ShellOptions options);
    // Runs a shell on the host terminal: puts input_fd in raw mode (if it is a terminal), forwards
    // input and output and window-size changes, and restores the host terminal on every way out
    // (exit, error, SIGTERM/SIGHUP/SIGINT to the host process). Returns the shell's exit code.
    ErrorOr<int> connect_terminal(TerminalOptions options);

    // ^Files, as the embedder (checked against the same permissions as guest code).
    ErrorOr<std::string> read_file(std::string_view path);
    ErrorOr<void> write_file(std::string_view path, std::string_view contents, uint32_t mode = 0644);
    ErrorOr<void> mkdir(std::string_view path, bool recursive = false, uint32_t mode = 0755);
    ErrorOr<std::vector<DirEntry>> read_directory(std::string_view path);
    ErrorOr<Stat> stat(std::string_view path);
    ErrorOr<Stat> lstat(std::string_view path);
    bool exists(std::string_view path);
    ErrorOr<void> remove(std::string_view path);
    ErrorOr<void> rename(std::string_view old_path, std::string_view new_path);
    ErrorOr<void> symlink(std::string_view target, std::string_view link_path);

    // ^Introspection
    std::vector<ProcessInfo> processes() const;
    std::map<std::string, std::string> commands() const;  // command → driver name
    size_t open_description_count() const;  // every open file description in the kernel

    void dispose();

    kernel::KernelState& state() { return *m_state; }

private:
    explicit Kernel(std::unique_ptr<kernel::KernelState> state);
    std::unique_ptr<kernel::KernelState> m_state;
};

}  // namespace secure_exec
