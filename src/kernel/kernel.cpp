// Kernel: the public facade over KernelState — creation, mounts, host spawn/exec, file helpers.
#include <secure_exec/kernel.h>
#include <secure_exec/open_flags.h>

#include "host/host_process.h"
#include "host/output_sink.h"
#include "host/terminal_session.h"
#include "kernel_state.h"
#include "pipe/pipe.h"
#include "syscalls/fs_calls.h"
#include "vfs/path.h"

namespace secure_exec {

using namespace kernel;

namespace {

std::vector<std::string> merge_env(const std::map<std::string, std::string>& base,
                                   const std::map<std::string, std::string>& overrides) {
    std::map<std::string, std::string> merged = base;
    for (const auto& [name, value] : overrides)
        merged.insert_or_assign(name, value);
    std::vector<std::string> environ;
    for (const auto& [name, value] : merged)
        environ.push_back(name + "=" + value);
    return environ;
}

ErrorOr<std::string> read_description(OpenFileDescription& description) {
    Waiter waiter;
    IoContext context{waiter};
    std::string result;
    std::byte buffer[65536];
    while (true) {
        size_t count = TRY(description.read(context, buffer));
        if (count == 0)
            return result;
        result.append(reinterpret_cast<const char*>(buffer), count);
    }
}

}  // namespace

Kernel::Kernel(std::unique_ptr<KernelState> state) : m_state(std::move(state)) {}

Kernel::~Kernel() { dispose(); }

ErrorOr<std::unique_ptr<Kernel>> Kernel::create(KernelOptions options) {
    auto mounts = options.mounts;
    auto kernel = std::unique_ptr<Kernel>(new Kernel(std::make_unique<KernelState>(std::move(options))));
    for (const auto& mount : mounts)
        TRY(kernel->mount_host_directory(mount));
    return kernel;
}

ErrorOr<void> Kernel::mount(std::shared_ptr<Driver> driver) {
    if (!driver)
        return Errno::einval;
    return m_state->mount_driver(std::move(driver));
}

ErrorOr<void> Kernel::mount_filesystem(std::string_view guest_path, std::shared_ptr<FileSystem> filesystem,
                                       MountMode mode) {
    if (!filesystem || guest_path.empty() || guest_path.front() != '/')
        return Errno::einval;
    std::string path = normalize_path(guest_path);
    if (!exists(path))
        TRY(mkdir(path, true));
    return m_state->vfs().mount(path, std::move(filesystem), mode == MountMode::read_only);
}

ErrorOr<void> Kernel::mount_host_directory(const HostMount& mount) {
    auto filesystem = TRY(make_host_filesystem(mount.host_path, mount.mode, m_state->user()));
    return mount_filesystem(mount.guest_path, std::move(filesystem), mount.mode);
}

ErrorOr<std::unique_ptr<ManagedProcess>> Kernel::spawn(std::string_view command, std::vector<std::string> args,
                                                       SpawnOptions options) {
    auto fds = std::make_unique<FdTable>(m_state->limits().max_fds_per_process);
    auto [reader, writer] = Pipe::create_ends(m_state->limits().pipe_capacity_bytes);
    auto out = std::make_shared<OutputSink>(std::move(options.on_stdout), options.max_collected_bytes, "host:stdout");
    auto err = std::make_shared<OutputSink>(std::move(options.on_stderr), options.max_collected_bytes, "host:stderr");
    TRY(fds->install_at(0, std::make_shared<OpenFileDescription>(reader, flags::o_rdonly, reader->link_text())));
    TRY(fds->install_at(1, std::make_shared<OpenFileDescription>(out, flags::o_wronly, out->link_text())));
    TRY(fds->install_at(2, std::make_shared<OpenFileDescription>(err, flags::o_wronly, err->link_text())));
    auto stdin_end = std::make_shared<OpenFileDescription>(writer, flags::o_wronly, writer->link_text());
    SpawnParams params{.parent = nullptr,
                       .command = std::string(command),
                       .args = std::move(args),
                       .environ = merge_env(m_state->base_env(), options.env),
                       .cwd = options.cwd,
                       .fds = std::move(fds),
                       .host_waitable = true};
    Pid pid = TRY(m_state->spawn(std::move(params)));
    return std::unique_ptr<ManagedProcess>(std::make_unique<HostProcess>(*m_state, pid, std::move(stdin_end), out, err));
}

ErrorOr<ExecResult> Kernel::exec(std::string_view command_line, ExecOptions options) {
    if (!m_state->commands().find("sh"))
        return ExecResult{127, "", "secure-exec: exec needs a shell, and no mounted driver provides 'sh'\n", false};
    SpawnOptions spawn_options;
    spawn_options.env = std::move(options.env);
    spawn_options.cwd = std::move(options.cwd);
    auto process = TRY(spawn("sh", {"-c", std::string(command_line)}, std::move(spawn_options)));
    if (!options.stdin_data.empty())
        (void)process->write_stdin(as_bytes(options.stdin_data));
    process->close_stdin();
    ExecResult result;
    std::optional<int> status;
    if (options.timeout_ms) {
        status = process->wait_for(*options.timeout_ms);
        if (!status) {
            result.timed_out = true;
            (void)process->kill(signals::sigkill);
        }
    }
    if (!status)
        status = process->wait();
    result.exit_code = wait_status::shell_code(*status);
    result.stdout_text = process->stdout_text();
    result.stderr_text = process->stderr_text();
    return result;
}

ErrorOr<std::unique_ptr<ShellHandle>> Kernel::open_shell(ShellOptions options) {
    auto environ = merge_env(m_state->base_env(), options.env);
    auto session = TRY(TerminalSession::start(*m_state, std::move(options), std::move(environ)));
    return std::unique_ptr<ShellHandle>(std::move(session));
}

ErrorOr<std::string> Kernel::read_file(std::string_view path) {
    Caller caller = m_state->host_caller();
    auto description = TRY(fs_calls::open(*m_state, caller, caller.cwd, path, flags::o_rdonly, 0));
    return read_description(*description);
}

ErrorOr<void> Kernel::write_file(std::string_view path, std::string_view contents, uint32_t mode) {
    Caller caller = m_state->host_caller();
    caller.umask = 0;
    auto description = TRY(fs_calls::open(*m_state, caller, caller.cwd, path,
                                          flags::o_wronly | flags::o_creat | flags::o_trunc, mode));
    Waiter waiter;
    IoContext context{waiter};
    auto data = as_bytes(contents);
    while (!data.empty()) {
        size_t written = TRY(description->write(context, data));
        data = data.subspan(written);
    }
    return {};
}

ErrorOr<void> Kernel::mkdir(std::string_view path, bool recursive, uint32_t mode) {
    Caller caller = m_state->host_caller();
    caller.umask = 0;
    if (!recursive)
        return fs_calls::mkdir(*m_state, caller, caller.cwd, path, mode);
    std::string normalized = normalize_path(path);
    std::string partial;
    for (auto part : split_path(normalized)) {
        partial = join_path(partial.empty() ? "/" : partial, part);
        auto made = fs_calls::mkdir(*m_state, caller, caller.cwd, partial, mode);
        if (made.is_error() && made.error() != Errno::eexist)
            return made.error();
    }
    auto status = TRY(stat(path));
    return status.is_directory() ? ErrorOr<void>{} : ErrorOr<void>{Errno::enotdir};
}

ErrorOr<std::vector<DirEntry>> Kernel::read_directory(std::string_view path) {
    Caller caller = m_state->host_caller();
    auto description = TRY(fs_calls::open(*m_state, caller, caller.cwd, path, flags::o_rdonly | flags::o_directory, 0));
    return description->read_directory();
}

ErrorOr<Stat> Kernel::stat(std::string_view path) {
    Caller caller = m_state->host_caller();
    return fs_calls::stat(*m_state, caller, caller.cwd, path, true);
}

ErrorOr<Stat> Kernel::lstat(std::string_view path) {
    Caller caller = m_state->host_caller();
    return fs_calls::stat(*m_state, caller, caller.cwd, path, false);
}

bool Kernel::exists(std::string_view path) { return !stat(path).is_error(); }

ErrorOr<void> Kernel::remove(std::string_view path) {
    Caller caller = m_state->host_caller();
    auto status = TRY(lstat(path));
    if (status.is_directory())
        return fs_calls::rmdir(*m_state, caller, caller.cwd, path);
    return fs_calls::unlink(*m_state, caller, caller.cwd, path);
}

ErrorOr<void> Kernel::rename(std::string_view old_path, std::string_view new_path) {
    Caller caller = m_state->host_caller();
    return fs_calls::rename(*m_state, caller, caller.cwd, old_path, caller.cwd, new_path, 0);
}

ErrorOr<void> Kernel::symlink(std::string_view target, std::string_view link_path) {
    Caller caller = m_state->host_caller();
    return fs_calls::symlink(*m_state, caller, target, caller.cwd, link_path);
}

std::vector<ProcessInfo> Kernel::processes() const { return m_state->processes().snapshot(); }

std::map<std::string, std::string> Kernel::commands() const { return m_state->commands().names(); }

size_t Kernel::open_description_count() const { return OpenFileDescription::live_count(); }

void Kernel::dispose() { m_state->dispose(); }

}  // namespace secure_exec
