// eval, source/., exec, alias, unalias.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh/builtins/builtins.h"
#include "sh/execute.h"
#include "sh/process.h"
#include "sh/quote.h"

namespace sh {

namespace {

std::optional<std::string> read_file(const std::string& path, int& error) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        error = errno;
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    ssize_t count;
    while ((count = ::read(fd, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<size_t>(count));
    ::close(fd);
    return text;
}

}  // namespace

int builtin_eval(Shell& shell, std::vector<std::string>& argv) {
    std::string source;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (i > 1)
            source += ' ';
        source += argv[i];
    }
    if (source.empty())
        return 0;
    return shell.run_nested(source, nullptr);
}

int builtin_source(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 2) {
        builtin_error(shell, argv[0], "filename argument required");
        builtin_usage(argv[0]);
        return 2;
    }
    std::string path = argv[1];
    if (path.find('/') == std::string::npos) {
        if (auto found = find_in_path(shell, path); found && ::access(found->c_str(), R_OK) == 0)
            path = *found;
    }
    int error = 0;
    auto text = read_file(path, error);
    if (!text) {
        shell.error(argv[1] + ": " + std::strerror(error));
        return 1;
    }
    std::vector<std::string> saved;
    bool replace_args = argv.size() > 2;
    if (replace_args) {
        saved = shell.positional;
        shell.positional.assign(argv.begin() + 2, argv.end());
    }
    int status = shell.run_nested(*text, &argv[1]);
    if (shell.flow == Flow::returning) {
        shell.flow = Flow::normal;
        status = shell.return_status;
    }
    if (replace_args)
        shell.positional = saved;
    return status;
}

int builtin_exec(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 2)
        return 0;  // redirections only: the caller keeps them
    // No exec(2) here: run the program with our descriptors, then exit with its status.
    std::vector<std::string> command(argv.begin() + 1, argv.end());
    auto child = spawn_command(shell, command, {}, {});
    int status = child.pid < 0 ? report_spawn_error(shell, command.front(), child.error, "exec")
                               : wait_for(shell, child.pid);
    shell.flow = Flow::exiting;
    shell.exit_status = status;
    return status;
}

int builtin_alias(Shell& shell, std::vector<std::string>& argv) {
    int status = 0;
    if (argv.size() == 1 || (argv.size() == 2 && argv[1] == "-p")) {
        for (const auto& [name, text] : shell.aliases)
            out("alias " + name + "=" + quote_single(text) + "\n");
        return 0;
    }
    for (size_t i = 1; i < argv.size(); ++i) {
        size_t equals = argv[i].find('=');
        if (equals == std::string::npos) {
            auto it = shell.aliases.find(argv[i]);
            if (it == shell.aliases.end()) {
                builtin_error(shell, "alias", argv[i] + ": not found");
                status = 1;
            } else {
                out("alias " + it->first + "=" + quote_single(it->second) + "\n");
            }
            continue;
        }
        shell.aliases[argv[i].substr(0, equals)] = argv[i].substr(equals + 1);
    }
    return status;
}

int builtin_unalias(Shell& shell, std::vector<std::string>& argv) {
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-a") {
            shell.aliases.clear();
            continue;
        }
        if (!shell.aliases.erase(argv[i])) {
            builtin_error(shell, "unalias", argv[i] + ": not found");
            status = 1;
        }
    }
    return status;
}

}  // namespace sh
