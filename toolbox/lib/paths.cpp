#include "lib/paths.h"

#include <dirent.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace toolbox {

std::string join_path(std::string_view directory, std::string_view name) {
    if (directory.empty())
        return std::string(name);
    std::string out(directory);
    if (out.back() != '/')
        out.push_back('/');
    out.append(name);
    return out;
}

std::string strip_trailing_slashes(std::string_view path) {
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    return std::string(path);
}

std::string base_name(std::string_view path) {
    std::string stripped = strip_trailing_slashes(path);
    if (stripped == "/")
        return stripped;
    size_t slash = stripped.rfind('/');
    return slash == std::string::npos ? stripped : stripped.substr(slash + 1);
}

std::string dir_name(std::string_view path) {
    std::string stripped = strip_trailing_slashes(path);
    size_t slash = stripped.rfind('/');
    if (slash == std::string::npos)
        return ".";
    std::string_view parent(stripped.data(), slash);
    while (parent.size() > 1 && parent.back() == '/')
        parent.remove_suffix(1);
    return parent.empty() ? "/" : std::string(parent);
}

int read_directory(const std::string& path, std::vector<std::string>& names, bool with_dots) {
    DIR* directory = ::opendir(path.c_str());
    if (!directory)
        return errno;
    int error = 0;
    while (true) {
        errno = 0;
        dirent* entry = ::readdir(directory);
        if (!entry) {
            error = errno;
            break;
        }
        std::string_view name(entry->d_name);
        if (!with_dots && (name == "." || name == ".."))
            continue;
        names.emplace_back(name);
    }
    ::closedir(directory);
    return error;
}

std::string current_directory() {
    char* cwd = ::getcwd(nullptr, 0);
    if (!cwd)
        return {};
    std::string out(cwd);
    std::free(cwd);
    return out;
}

}  // namespace toolbox
