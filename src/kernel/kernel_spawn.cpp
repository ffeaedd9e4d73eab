// KernelState's process creation: program lookup (PATH, /bin stubs, shebang lines, driver
// magic), the new process entry, and handing it to the driver. Also dispose().
#include <chrono>
#include <thread>

#include <secure_exec/open_flags.h>

#include "kernel_state.h"
#include "syscalls/fs_calls.h"
#include "vfs/access.h"
#include "vfs/path.h"

namespace secure_exec::kernel {

namespace {

constexpr size_t k_header_bytes = 256;
constexpr int k_max_interpreter_depth = 4;  // Linux allows a few nested interpreters too
constexpr std::string_view k_default_path = "/usr/local/bin:/usr/bin:/bin";

std::string_view env_value(const std::vector<std::string>& environ, std::string_view name) {
    for (const auto& entry : environ)
        if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 && entry[name.size()] == '=')
            return std::string_view(entry).substr(name.size() + 1);
    return {};
}

std::string base_name(std::string_view path) {
    size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::vector<std::string_view> split_search_path(std::string_view search) {
    std::vector<std::string_view> entries;
    size_t start = 0;
    while (true) {
        size_t colon = search.find(':', start);
        entries.push_back(search.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos)
            return entries;
        start = colon + 1;
    }
}

// "#!/bin/sh -e\n" → {"/bin/sh", "-e"}; like Linux binfmt_script, one optional argument.
std::pair<std::string, std::string> parse_shebang(std::string_view header) {
    header.remove_prefix(2);
    header = header.substr(0, header.find('\n'));
    auto trim = [](std::string_view text) {
        size_t start = text.find_first_not_of(" \t");
        if (start == std::string_view::npos)
            return std::string_view{};
        size_t end = text.find_last_not_of(" \t\r");
        return text.substr(start, end - start + 1);
    };
    header = trim(header);
    size_t split = header.find_first_of(" \t");
    if (split == std::string_view::npos)
        return {std::string(header), ""};
    return {std::string(header.substr(0, split)), std::string(trim(header.substr(split)))};
}

}  // namespace

ErrorOr<Program> KernelState::resolve_program(const Caller& caller, std::string_view command,
                                              const std::vector<std::string>& environ, int depth) {
    if (command.empty())
        return Errno::enoent;
    if (depth > k_max_interpreter_depth)
        return Errno::eloop;
    if (command.find('/') != std::string_view::npos) {
        auto location = TRY(m_vfs.lookup(path_context(caller, &caller.cwd), command));
        return identify_program(caller, location, command, command, environ, depth);
    }
    std::string_view search = env_value(environ, "PATH");
    if (search.empty())
        search = k_default_path;
    Errno first_error = Errno::enoent;
    for (std::string_view directory : split_search_path(search)) {
        // An empty PATH entry means the current directory, as execvp(3) treats it.
        std::string candidate = join_path(directory.empty() ? "." : directory, command);
        auto location = m_vfs.lookup(path_context(caller, &caller.cwd), candidate);
        if (location.is_error())
            continue;
        auto program = identify_program(caller, location.value(), command, candidate, environ, depth);
        if (!program.is_error())
            return program;
        if (first_error == Errno::enoent)
            first_error = program.error();  // like execvp: remember EACCES, keep searching
    }
    if (Driver* driver = m_commands.find(command))
        return Program{driver, std::string(command), "", {std::string(command)}};
    return first_error;
}

ErrorOr<Program> KernelState::identify_program(const Caller& caller, const Location& location,
                                               std::string_view argv0, std::string_view exec_path,
                                               const std::vector<std::string>& environ, int depth) {
    if (!location.inode)
        return Errno::eacces;
    auto status = TRY(location.inode->stat());
    if (!status.is_regular())
        return Errno::eacces;  // execve(2) on a directory or device
    TRY(check_access(caller.credentials, status, static_cast<uint8_t>(Access::execute)));
    TRY(check_fs(FsOperation::execute, location.path));
    std::string header(k_header_bytes, '\0');
    size_t length = TRY(location.inode->read_at(0, std::as_writable_bytes(std::span(header))));
    header.resize(length);
    if (auto stub = parse_command_stub(header); !stub.empty()) {
        Driver* driver = m_commands.find(stub);
        if (!driver)
            return Errno::enoent;
        return Program{driver, std::string(stub), location.path, {std::string(argv0)}};
    }
    if (header.starts_with("#!")) {
        auto [interpreter, argument] = parse_shebang(header);
        if (interpreter.empty())
            return Errno::enoexec;
        auto program = TRY(resolve_program(caller, interpreter, environ, depth + 1));
        if (!argument.empty())
            program.argv.push_back(argument);
        program.argv.push_back(std::string(exec_path));
        return program;
    }
    std::vector<std::shared_ptr<Driver>> drivers;
    {
        MutexLocker lock(m_mutex);
        drivers = m_drivers;
    }
    for (auto it = drivers.rbegin(); it != drivers.rend(); ++it) {
        if ((*it)->can_execute(std::as_bytes(std::span(header))))
            return Program{it->get(), base_name(location.path), location.path, {std::string(argv0)}};
    }
    return Errno::enoexec;
}

ErrorOr<Pid> KernelState::spawn(SpawnParams params) {
    if (disposed())
        return Errno::eagain;
    if (!m_permissions.allows(ChildProcessRequest{params.command, params.args}))
        return Errno::eacces;
    Caller caller = params.parent ? caller_for(*params.parent) : host_caller();
    if (!params.parent)
        caller.credentials = m_user;  // the child runs as the kernel's user: check cwd and program as it
    if (params.cwd)
        caller.cwd = TRY(fs_calls::directory(*this, caller, caller.cwd, *params.cwd));
    else if (!params.parent)
        caller.cwd = TRY(fs_calls::directory(*this, caller, caller.cwd, m_default_cwd));
    // Like posix_spawn with a chdir action: a relative program path starts from the child's cwd.
    auto program = TRY(resolve_program(caller, params.command, params.environ));
    Location cwd = caller.cwd;
    std::vector<std::string> environ;
    for (auto& entry : params.environ) {
        size_t equals = entry.find('=');
        std::string_view name(entry.data(), equals == std::string::npos ? entry.size() : equals);
        std::string_view value = equals == std::string::npos ? std::string_view{} : std::string_view(entry).substr(equals + 1);
        if (m_permissions.allows(EnvRequest{name, value}))
            environ.push_back(entry);
    }
    for (auto& argument : params.args)
        program.argv.push_back(std::move(argument));
    Pid pid = m_processes.allocate_pid();
    Credentials credentials = params.parent ? params.parent->credentials() : m_user;
    auto process = std::make_shared<Process>(
        ProcessIdentity{pid, program.driver, program.command, program.argv, environ, credentials},
        std::move(params.fds), cwd, params.parent ? params.parent->umask() : 022);
    TRY(m_processes.add(process, params.parent ? params.parent->pid() : 0, params.host_waitable));
    if (params.before_start) {
        if (auto prepared = params.before_start(*process); prepared.is_error()) {
            m_processes.remove(pid);
            return prepared.error();
        }
    }
    ProcessStart start{pid, params.parent ? params.parent->pid() : 0, program.command, program.executable_path,
                       program.argv, environ, cwd.path};
    auto handle = program.driver->spawn(start);
    if (handle.is_error()) {
        m_processes.remove(pid);
        return handle.error();
    }
    process->set_driver_process(handle.release_value());
    return pid;
}

bool KernelState::wait_for_no_processes(uint32_t timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!m_processes.live_pids().empty()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void KernelState::dispose() {
    if (m_disposed.exchange(true))
        return;
    for (Pid pid : m_processes.live_pids())
        (void)m_processes.kill(nullptr, pid, signals::sigterm);
    if (!wait_for_no_processes(m_limits.dispose_grace_ms)) {
        for (Pid pid : m_processes.live_pids())
            (void)m_processes.kill(nullptr, pid, signals::sigkill);
        wait_for_no_processes(m_limits.kill_wait_ms);
    }
    m_processes.reap_all();
    std::vector<std::shared_ptr<Driver>> drivers;
    {
        MutexLocker lock(m_mutex);
        drivers = m_drivers;
    }
    for (auto it = drivers.rbegin(); it != drivers.rend(); ++it)
        (*it)->dispose();
}

}  // namespace secure_exec::kernel
