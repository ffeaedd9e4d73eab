#include "sh/glob.h"

#include <algorithm>
#include <dirent.h>
#include <sys/stat.h>

#include "sh/lang/pattern.h"
#include "sh/lang_bridge.h"

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

bool is_real_directory(const std::string& path) {
    struct stat status;
    return ::lstat(path.empty() ? "." : path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

std::string join(const std::string& prefix, const std::string& name) {
    return prefix.empty() || prefix.back() == '/' ? prefix + name : prefix + "/" + name;
}

// A pattern's path levels: each compiled once, and whether it is a globstar `**`.
struct Level {
    GlobComponent component;
    bool any_depth{false};
};

// What a listing may show at `**`: no hidden names unless dotglob (bash never descends through
// symbolic links there).
std::vector<std::string> visible(const std::string& directory, bool dotglob) {
    auto names = entries(directory);
    std::erase_if(names, [&](const std::string& name) { return !dotglob && name[0] == '.'; });
    return names;
}

void expand_from(const std::string& prefix, const std::vector<Level>& levels, size_t index, bool dotglob,
                 std::vector<std::string>& out);

// `**` as the last level: the directory itself (as "dir/") and everything below it.
void everything_below(const std::string& prefix, bool dotglob, std::vector<std::string>& out) {
    for (const auto& name : visible(prefix, dotglob)) {
        std::string path = join(prefix, name);
        out.push_back(path);
        if (is_real_directory(path))
            everything_below(path, dotglob, out);
    }
}

// `**` before other levels: they match here, and in every directory below.
void at_any_depth(const std::string& prefix, const std::vector<Level>& levels, size_t index, bool dotglob,
                  std::vector<std::string>& out) {
    expand_from(prefix, levels, index + 1, dotglob, out);
    for (const auto& name : visible(prefix, dotglob)) {
        std::string path = join(prefix, name);
        if (is_real_directory(path))
            at_any_depth(path, levels, index, dotglob, out);
    }
}

// One compiled component per path level: a directory listing is matched against it once.
void expand_from(const std::string& prefix, const std::vector<Level>& levels, size_t index, bool dotglob,
                 std::vector<std::string>& out) {
    bool last = index + 1 == levels.size();
    const Level& level = levels[index];
    if (level.any_depth) {
        if (!last)
            return at_any_depth(prefix, levels, index, dotglob, out);
        if (!prefix.empty())
            out.push_back(prefix.back() == '/' ? prefix : prefix + "/");
        return everything_below(prefix, dotglob, out);
    }
    const GlobComponent& component = level.component;
    if (component.is_literal()) {
        const std::string& literal = component.literal();
        std::string path = join(prefix, literal);
        if (last) {
            if (literal.empty() ? is_directory(prefix) : exists(path))
                out.push_back(literal.empty() ? prefix + "/" : path);
        } else if (literal.empty() || is_directory(path)) {
            expand_from(literal.empty() ? prefix : path, levels, index + 1, dotglob, out);
        }
        return;
    }
    for (const auto& name : entries(prefix)) {
        if (!component.matches(name))
            continue;
        std::string path = join(prefix, name);
        if (last)
            out.push_back(path);
        else if (is_directory(path))
            expand_from(path, levels, index + 1, dotglob, out);
    }
}

// GLOBIGNORE: colon-separated patterns; a path matching one is not part of any expansion.
void drop_ignored(const Shell& shell, std::string_view ignore, std::vector<std::string>& paths) {
    std::vector<std::string_view> patterns;
    for (size_t start = 0; start <= ignore.size();) {
        size_t colon = std::min(ignore.find(':', start), ignore.size());
        if (colon > start)
            patterns.push_back(ignore.substr(start, colon - start));
        start = colon + 1;
    }
    std::erase_if(paths, [&](const std::string& path) {
        return std::any_of(patterns.begin(), patterns.end(), [&](std::string_view pattern) {
            return pattern_matches(shell, pattern, path, shell.options.extglob);
        });
    });
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
    // A non-empty GLOBIGNORE also turns dotglob on (bash).
    auto ignore = shell.variables.get("GLOBIGNORE");
    bool dotglob = shell.options.dotglob || (ignore && !ignore->empty());
    GlobOptions options{.dotglob = dotglob, .extglob = shell.options.extglob, .nocaseglob = shell.options.nocaseglob};
    std::vector<Level> levels;
    for (size_t i = start; i < parts.size(); ++i)
        levels.push_back(Level{GlobComponent::compile(parts[i], options), shell.options.globstar && parts[i] == "**"});
    expand_from(prefix, levels, 0, dotglob, out);
    if (ignore && !ignore->empty())
        drop_ignored(shell, *ignore, out);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sh
