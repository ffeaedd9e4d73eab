#include "sh/glob.h"

#include <algorithm>
#include <dirent.h>
#include <sys/stat.h>

#include "sh/lang_bridge.h"

namespace sh {

namespace {

bool has_magic(std::string_view component) {
    for (size_t i = 0; i < component.size(); ++i) {
        if (component[i] == '\\') {
            ++i;
            continue;
        }
        if (component[i] == '*' || component[i] == '?' || component[i] == '[')
            return true;
    }
    return false;
}

std::string unescape(std::string_view component) {
    std::string out;
    for (size_t i = 0; i < component.size(); ++i) {
        if (component[i] == '\\' && i + 1 < component.size())
            ++i;
        out += component[i];
    }
    return out;
}

std::vector<std::string> split_components(const std::string& pattern) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= pattern.size()) {
        size_t slash = pattern.find('/', start);
        if (slash == std::string::npos) {
            parts.push_back(pattern.substr(start));
            break;
        }
        parts.push_back(pattern.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

bool is_directory(const std::string& path) {
    struct stat status;
    return ::stat(path.empty() ? "." : path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

bool exists(const std::string& path) {
    struct stat status;
    return ::lstat(path.c_str(), &status) == 0;
}

std::vector<std::string> entries(const std::string& directory) {
    std::vector<std::string> names;
    DIR* dir = ::opendir(directory.empty() ? "." : directory.c_str());
    if (!dir)
        return names;
    while (struct dirent* entry = ::readdir(dir)) {
        std::string name = entry->d_name;
        if (name != "." && name != "..")
            names.push_back(std::move(name));
    }
    ::closedir(dir);
    return names;
}

void expand_from(const Shell& shell, const std::string& prefix, const std::vector<std::string>& parts, size_t index,
                 std::vector<std::string>& out) {
    bool last = index + 1 == parts.size();
    const std::string& component = parts[index];
    auto join = [&](const std::string& name) { return prefix.empty() || prefix.back() == '/' ? prefix + name : prefix + "/" + name; };
    if (!has_magic(component)) {
        std::string path = join(unescape(component));
        if (last) {
            if (component.empty() ? is_directory(prefix) : exists(path))
                out.push_back(component.empty() ? prefix + "/" : path);
        } else if (component.empty() || is_directory(path)) {
            expand_from(shell, component.empty() ? (prefix.empty() ? "" : prefix) : path, parts, index + 1, out);
        }
        return;
    }
    bool dot_pattern = component[0] == '.' || (component[0] == '\\' && component.size() > 1 && component[1] == '.');
    for (const auto& name : entries(prefix)) {
        if (name[0] == '.' && !dot_pattern && !shell.options.dotglob)
            continue;
        if (!pattern_matches_glob(shell, component, name))
            continue;
        std::string path = join(name);
        if (last)
            out.push_back(path);
        else if (is_directory(path))
            expand_from(shell, path, parts, index + 1, out);
    }
}

}  // namespace

std::vector<std::string> glob(const Shell& shell, const std::string& pattern) {
    std::vector<std::string> out;
    if (pattern.empty())
        return out;
    auto parts = split_components(pattern);
    std::string prefix;
    size_t start = 0;
    if (pattern[0] == '/') {
        prefix = "/";
        start = 1;
    }
    if (start >= parts.size())
        return out;
    std::vector<std::string> rest(parts.begin() + static_cast<long>(start), parts.end());
    expand_from(shell, prefix, rest, 0, out);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sh
