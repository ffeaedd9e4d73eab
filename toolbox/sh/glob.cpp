#include "sh/glob.h"

#include <algorithm>
#include <dirent.h>
#include <sys/stat.h>

#include "sh/lang/pattern.h"

namespace sh {

namespace {

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

// One compiled component per path level: a directory listing is matched against it once.
void expand_from(const std::string& prefix, const std::vector<GlobComponent>& parts, size_t index,
                 std::vector<std::string>& out) {
    bool last = index + 1 == parts.size();
    const GlobComponent& component = parts[index];
    auto join = [&](const std::string& name) { return prefix.empty() || prefix.back() == '/' ? prefix + name : prefix + "/" + name; };
    if (component.is_literal()) {
        const std::string& literal = component.literal();
        std::string path = join(literal);
        if (last) {
            if (literal.empty() ? is_directory(prefix) : exists(path))
                out.push_back(literal.empty() ? prefix + "/" : path);
        } else if (literal.empty() || is_directory(path)) {
            expand_from(literal.empty() ? prefix : path, parts, index + 1, out);
        }
        return;
    }
    for (const auto& name : entries(prefix)) {
        if (!component.matches(name))
            continue;
        std::string path = join(name);
        if (last)
            out.push_back(path);
        else if (is_directory(path))
            expand_from(path, parts, index + 1, out);
    }
}

}  // namespace

std::vector<std::string> glob(const Shell& shell, const std::string& pattern) {
    std::vector<std::string> out;
    if (pattern.empty())
        return out;
    auto parts = split_glob_path(pattern);  // "/a" gives "" first: an absolute path
    std::string prefix;
    size_t start = 0;
    if (pattern[0] == '/') {
        prefix = "/";
        start = 1;
    }
    if (start >= parts.size())
        return out;
    GlobOptions options{.dotglob = shell.options.dotglob, .extglob = shell.options.extglob,
                        .nocaseglob = shell.options.nocaseglob};
    std::vector<GlobComponent> components;
    for (size_t i = start; i < parts.size(); ++i)
        components.push_back(GlobComponent::compile(parts[i], options));
    expand_from(prefix, components, 0, out);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sh
