// eval, source/., exec, command, type, hash, alias, unalias.
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

const char* const k_keywords[] = {"if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while",
                                  "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]"};

bool is_keyword(std::string_view word) {
    for (auto keyword : k_keywords)
        if (word == keyword)
            return true;
    return false;
}

bool executable_file(const std::string& path) {
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

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

std::optional<std::string> find_in_path(const Shell& shell, const std::string& name) {
    if (name.find('/') != std::string::npos)
        return executable_file(name) ? std::optional<std::string>(name) : std::nullopt;
    std::string path = shell.variables.get("PATH").value_or("");
    size_t start = 0;
    while (start <= path.size()) {
        size_t colon = path.find(':', start);
        std::string directory = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        std::string candidate = (directory.empty() ? "." : directory) + "/" + name;
        if (executable_file(candidate))
            return candidate;
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return std::nullopt;
}

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
    auto child = spawn_external(shell, command, {}, {});
    int status = child.pid < 0 ? report_spawn_error(shell, command.front(), child.error, "exec")
                               : wait_for(shell, child.pid);
    shell.flow = Flow::exiting;
    shell.exit_status = status;
    return status;
}

int builtin_command(Shell& shell, std::vector<std::string>& argv) {
    size_t i = 1;
    bool describe = false, verbose = false;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") { ++i; break; }
        for (char flag : argv[i].substr(1)) {
            if (flag == 'v') describe = true;
            else if (flag == 'V') verbose = true;
            else if (flag != 'p') {
                builtin_error(shell, "command", argv[i] + ": invalid option");
                return 2;
            }
        }
    }
    if (i == argv.size())
        return 0;
    if (describe || verbose) {
        std::vector<std::string> type_argv{"type"};
        if (describe && !verbose)
            type_argv.push_back("-c");  // command -v: names, paths, alias text
        type_argv.insert(type_argv.end(), argv.begin() + static_cast<long>(i), argv.end());
        return builtin_type(shell, type_argv);
    }
    std::vector<std::string> command(argv.begin() + static_cast<long>(i), argv.end());
    if (const Builtin* builtin = find_builtin(command.front()))
        return builtin->run(shell, command);
    auto child = spawn_external(shell, command, {}, {});
    if (child.pid < 0)
        return report_spawn_error(shell, command.front(), child.error);
    return wait_for(shell, child.pid);
}

int builtin_builtin(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 2)
        return 0;
    std::vector<std::string> command(argv.begin() + 1, argv.end());
    const Builtin* builtin = find_builtin(command.front());
    if (!builtin) {
        builtin_error(shell, "builtin", command.front() + ": not a shell builtin");
        return 1;
    }
    return builtin->run(shell, command);
}

int builtin_type(Shell& shell, std::vector<std::string>& argv) {
    bool terse = false, path_only = false, all = false, command_v = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        for (char flag : argv[i].substr(1)) {
            if (flag == 't') terse = true;
            else if (flag == 'p' || flag == 'P') path_only = true;
            else if (flag == 'a') all = true;
            else if (flag == 'c') command_v = true;
        }
    }
    (void)all;
    int status = 0;
    for (; i < argv.size(); ++i) {
        const std::string& name = argv[i];
        if (!path_only) {
            if (auto alias = shell.aliases.find(name); alias != shell.aliases.end()) {
                if (command_v) out("alias " + name + "=" + quote_single(alias->second) + "\n");
                else out(terse ? "alias\n" : name + " is aliased to `" + alias->second + "'\n");
                continue;
            }
            if (is_keyword(name)) {
                out(command_v ? name + "\n" : terse ? "keyword\n" : name + " is a shell keyword\n");
                continue;
            }
            if (auto function = shell.functions.find(name); function != shell.functions.end()) {
                out(command_v ? name + "\n" : terse ? "function\n" : name + " is a function\n" + function->second->source + "\n");
                continue;
            }
            if (find_builtin(name)) {
                out(command_v ? name + "\n" : terse ? "builtin\n" : name + " is a shell builtin\n");
                continue;
            }
        }
        if (auto path = find_in_path(shell, name)) {
            out(command_v || path_only ? *path + "\n" : terse ? "file\n" : name + " is " + *path + "\n");
            continue;
        }
        if (!command_v && !terse && !path_only)
            builtin_error(shell, "type", name + ": not found");
        status = 1;
    }
    return status;
}

int builtin_hash(Shell& shell, std::vector<std::string>& argv) {
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i][0] == '-')
            continue;
        if (!find_builtin(argv[i]) && !find_in_path(shell, argv[i])) {
            builtin_error(shell, "hash", argv[i] + ": not found");
            status = 1;
        }
    }
    if (argv.size() == 1)
        write_fd(2, "hash: hash table empty\n");
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
