// cd and pwd (pushd, popd and dirs: directory_stack.cpp). The shell keeps PWD logical (symlinks as typed), as bash does
// without -P; the kernel's working directory (what children inherit) follows every change.
#include <algorithm>
#include <optional>
#include <sys/stat.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/builtins/directories.h"

namespace sh {

namespace {

// Resolves . and .. in an absolute path textually (cd's logical mode).
std::string normalize(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& part : parts)
        out += "/" + part;
    return out.empty() ? "/" : out;
}

std::string physical_cwd() {
    char buffer[4096];
    return getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string();
}

}  // namespace

std::string current(Shell& shell) {
    auto pwd = shell.variables.get("PWD");
    return pwd && !pwd->empty() && (*pwd)[0] == '/' ? *pwd : physical_cwd();
}

int change_directory(Shell& shell, const std::string& builtin, const std::string& target, bool physical) {
    std::string logical = target[0] == '/' ? target : current(shell) + "/" + target;
    logical = normalize(logical);
    std::string where = physical ? target : logical;
    if (sx_chdir(where.c_str()) != 0) {
        int error = errno;
        builtin_error(shell, builtin, target + ": " + std::strerror(error));
        return 1;
    }
    shell.variables.set("OLDPWD", current(shell));
    shell.variables.set("PWD", physical ? physical_cwd() : logical);
    return 0;
}


// A relative directory name not starting with . or .. is looked up in CDPATH (an empty entry is
// the current directory); the bool says whether cd prints the result (a non-empty entry matched).
static std::optional<std::pair<std::string, bool>> search_cdpath(Shell& shell, const std::string& target) {
    auto cdpath = shell.variables.get("CDPATH");
    if (!cdpath || target[0] == '/' || target == "." || target == ".." || target.starts_with("./") ||
        target.starts_with("../"))
        return std::nullopt;
    size_t start = 0;
    while (start <= cdpath->size()) {
        size_t end = std::min(cdpath->find(':', start), cdpath->size());
        std::string entry = cdpath->substr(start, end - start);
        std::string candidate = entry.empty() ? target : (entry.back() == '/' ? entry : entry + "/") + target;
        struct stat info{};
        if (::stat(candidate.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
            return std::make_pair(candidate, !entry.empty());
        start = end + 1;
    }
    return std::nullopt;
}

int builtin_cd(Shell& shell, std::vector<std::string>& argv) {
    bool physical = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") { ++i; break; }
        if (argv[i] == "-P") physical = true;
        else if (argv[i] == "-L") physical = false;
        else break;
    }
    if (argv.size() > i + 1) {
        builtin_error(shell, "cd", "too many arguments");
        return 1;
    }
    std::string target;
    if (i == argv.size()) {
        auto home = shell.variables.get("HOME");
        if (!home) {
            builtin_error(shell, "cd", "HOME not set");
            return 1;
        }
        target = *home;
    } else if (argv[i] == "-") {
        auto old = shell.variables.get("OLDPWD");
        if (!old) {
            builtin_error(shell, "cd", "OLDPWD not set");
            return 1;
        }
        target = *old;
        int status = change_directory(shell, "cd", target, physical);
        if (status == 0)
            out(current(shell) + "\n");
        return status;
    } else {
        target = argv[i];
    }
    if (target.empty())
        return 0;
    if (auto found = search_cdpath(shell, target)) {
        int status = change_directory(shell, "cd", found->first, physical);
        if (status == 0 && found->second)
            out(current(shell) + "\n");
        return status;
    }
    return change_directory(shell, "cd", target, physical);
}

int builtin_pwd(Shell& shell, std::vector<std::string>& argv) {
    bool physical = argv.size() > 1 && argv[1] == "-P";
    out((physical ? physical_cwd() : current(shell)) + "\n");
    return 0;
}

}  // namespace sh
