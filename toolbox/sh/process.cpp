#include "sh/process.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/io.h"
#include "sh/exported_functions.h"
#include "sh/state_transfer.h"

namespace sh {

namespace {

// The environment a child gets: exported variables, exported functions unless it is a child
// shell (which gets them with the rest of the state), then `extra` (NAME=value, later wins).
std::vector<std::string> child_environment(Shell& shell, const std::vector<std::string>& extra, bool functions = true) {
    auto environment = shell.variables.environment();
    if (functions && !shell.exported_functions.empty())
        for (auto& entry : exported_function_environment(shell))
            environment.push_back(std::move(entry));
    for (const auto& entry : extra) {
        std::string_view name(entry.data(), entry.find('='));
        std::erase_if(environment, [&](const std::string& existing) {
            return existing.size() > name.size() && existing.compare(0, name.size(), name) == 0 &&
                   existing[name.size()] == '=';
        });
        environment.push_back(entry);
    }
    return environment;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& text : strings)
        out.push_back(text.data());
    out.push_back(nullptr);
    return out;
}

SpawnResult spawn(const std::string& command, std::vector<std::string> argv, std::vector<std::string> environment,
                  const ChildFds& fds) {
    auto argv_pointers = c_strings(argv);
    auto env_pointers = c_strings(environment);
    sx_spawn_options options = sx_spawn_defaults();
    options.fd_actions = fds.actions.data();
    options.fd_action_count = static_cast<unsigned>(fds.actions.size());
    options.process_group = fds.process_group;
    options.foreground_fd = fds.process_group >= 0 ? fds.foreground_fd : -1;
    pid_t pid = sx_spawn(command.c_str(), argv_pointers.data(), env_pointers.data(), &options);
    if (pid < 0)
        return SpawnResult{-1, errno};
    return SpawnResult{pid, 0};
}

bool executable_file(const std::string& path) {
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// Calls `found` with each executable DIRECTORY/NAME of PATH in order while it returns true.
template <typename Found>
void each_in_path(const Shell& shell, const std::string& name, Found found) {
    std::string path = shell.variables.get("PATH").value_or("");
    size_t start = 0;
    for (;;) {
        size_t colon = path.find(':', start);
        std::string directory = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        std::string candidate = (directory.empty() ? "." : directory) + "/" + name;
        if (executable_file(candidate) && !found(candidate))
            return;
        if (colon == std::string::npos)
            return;
        start = colon + 1;
    }
}

}  // namespace

std::optional<std::string> find_in_path(const Shell& shell, const std::string& name) {
    if (name.find('/') != std::string::npos)
        return executable_file(name) ? std::optional<std::string>(name) : std::nullopt;
    std::optional<std::string> found;
    each_in_path(shell, name, [&](const std::string& candidate) {
        found = candidate;
        return false;
    });
    return found;
}

std::vector<std::string> find_all_in_path(const Shell& shell, const std::string& name) {
    std::vector<std::string> found;
    each_in_path(shell, name, [&](const std::string& candidate) {
        found.push_back(candidate);
        return true;
    });
    return found;
}

void ChildFds::map(int child_fd, int parent_fd) {
    for (auto& action : actions)
        if (action.child_fd == child_fd) {
            action.parent_fd = parent_fd;
            return;
        }
    actions.push_back({child_fd, parent_fd});
}

int ChildFds::source_of(int child_fd) const {
    for (const auto& action : actions)
        if (action.child_fd == child_fd)
            return action.parent_fd;
    return child_fd;
}

SpawnResult spawn_external(Shell& shell, const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                           const ChildFds& fds) {
    const std::string& name = argv.at(0);
    const CommandHash::Entry* remembered = nullptr;
    if (name.find('/') == std::string::npos)
        remembered = shell.command_hash.find(name, shell.variables.get("PATH").value_or(""));
    // A path `hash -p` gave runs from there; otherwise the kernel's own PATH search finds what
    // ours found (and runs an applet under its name, not its file's).
    bool given = remembered && remembered->given;
    return spawn(given ? remembered->path : name, argv, child_environment(shell, extra_env), fds);
}

SpawnResult spawn_command(Shell& shell, const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                          const ChildFds& fds) {
    SpawnResult child = spawn_external(shell, argv, extra_env, fds);
    const std::string& name = argv.front();
    if (child.pid < 0 || name.find('/') != std::string::npos)
        return child;
    std::string path_variable = shell.variables.get("PATH").value_or("");
    if (shell.command_hash.find(name, path_variable)) {
        shell.command_hash.record_run(name, {}, path_variable);
    } else if (auto path = find_in_path(shell, name)) {
        shell.command_hash.record_run(name, *path, path_variable);
    }
    return child;
}

SpawnResult spawn_child_shell(Shell& shell, std::string_view source, const ChildFds& fds, uint32_t first_line) {
    // Line 1 of the child's text is `first_line` here (0: the current command's line).
    shell.child_line_base = shell.line_base + (first_line ? first_line : shell.line) - 1;
    int state[2];
    if (pipe2(state, SX_O_CLOEXEC) != 0)
        return SpawnResult{-1, errno};
    ChildFds with_state = fds;
    with_state.map(k_state_fd, state[0]);
    std::vector<std::string> argv{"sh", "--state-fd", std::to_string(k_state_fd), "-c", std::string(source)};
    auto result = spawn("/bin/sh", std::move(argv), child_environment(shell, {}, false), with_state);
    ::close(state[0]);
    if (result.pid > 0)
        (void)toolbox::write_all(state[1], serialize_state(shell));  // a child that died early: nothing to do
    ::close(state[1]);
    return result;
}

int wait_for(Shell& shell, int pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return 127;
        // Caught signals are taken by the trap machinery between commands; an interactive shell
        // takes them now (kept for later) so that the wait does not spin on EINTR.
        (void)interrupt_pending(shell);
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    if (WIFSTOPPED(status))
        return 128 + WSTOPSIG(status);
    return WEXITSTATUS(status);
}

int report_spawn_error(Shell& shell, const std::string& command, int error, std::string_view builtin) {
    bool path = command.find('/') != std::string::npos;
    if (error == ENOENT) {
        if (!builtin.empty() && !path)
            shell.error(std::string(builtin) + ": " + command + ": not found");
        else
            shell.error(command + ": " + (path ? "No such file or directory" : "command not found"));
        return 127;
    }
    struct stat info;
    if (error == EACCES && path && ::stat(command.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        error = EISDIR;  // as bash words it
    shell.error(command + ": " + std::strerror(error));
    return 126;
}

}  // namespace sh
