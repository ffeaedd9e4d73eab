#include "lib/canonicalize.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "lib/paths.h"

namespace toolbox {

namespace {

constexpr int k_max_links = 40;  // Linux's limit on links followed in one lookup

std::vector<std::string> components(std::string_view path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos)
            slash = path.size();
        if (slash > start)
            parts.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

void go_up(std::string& result) {
    size_t slash = result.rfind('/');
    result.resize(slash == 0 ? 1 : slash);
}

}  // namespace

// Mirrors gnulib canonicalize.c canonicalize_filename_mode().
std::optional<std::string> canonicalize(std::string_view path, Canonical mode, int& error, bool follow_links) {
    error = 0;
    if (path.empty()) {
        error = ENOENT;
        return std::nullopt;
    }
    std::string result = "/";
    if (path[0] != '/') {
        result = current_directory();
        if (result.empty()) {
            error = errno;
            return std::nullopt;
        }
    }
    std::vector<std::string> pending = components(path);
    std::reverse(pending.begin(), pending.end());  // a stack: the next component is at the back
    bool trailing_slash = path.back() == '/';
    int links = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.back());
        pending.pop_back();
        if (part == ".")
            continue;
        if (part == "..") {
            go_up(result);
            continue;
        }
        std::string candidate = join_path(result, part);
        bool last = pending.empty();
        if (!follow_links) {
            result = candidate;
            continue;
        }
        struct stat status {};
        if (::lstat(candidate.c_str(), &status) != 0) {
            int failure = errno;
            bool tolerated = mode == Canonical::missing ||
                             (mode == Canonical::all_but_last && last && failure == ENOENT);
            if (!tolerated) {
                error = failure;
                return std::nullopt;
            }
            result = candidate;
            continue;
        }
        if (S_ISLNK(status.st_mode)) {
            if (++links > k_max_links) {
                // A loop: -m keeps the name as it is (gnulib continues past a seen link).
                if (mode == Canonical::missing) {
                    result = candidate;
                    continue;
                }
                error = ELOOP;
                return std::nullopt;
            }
            std::string target(4096, '\0');
            ssize_t length = ::readlink(candidate.c_str(), target.data(), target.size());
            if (length < 0) {
                error = errno;
                return std::nullopt;
            }
            target.resize(static_cast<size_t>(length));
            if (!target.empty() && target[0] == '/')
                result = "/";
            auto more = components(target);
            for (auto it = more.rbegin(); it != more.rend(); ++it)
                pending.push_back(*it);
            continue;
        }
        if (!S_ISDIR(status.st_mode) && (!last || trailing_slash) && mode != Canonical::missing) {
            error = ENOTDIR;
            return std::nullopt;
        }
        result = candidate;
    }
    return result;
}

std::string relative_path(std::string_view path, std::string_view base) {
    auto to = components(path);
    auto from = components(base);
    size_t common = 0;
    while (common < to.size() && common < from.size() && to[common] == from[common])
        ++common;
    std::string out;
    for (size_t i = common; i < from.size(); ++i)
        out += out.empty() ? ".." : "/..";
    for (size_t i = common; i < to.size(); ++i) {
        if (!out.empty())
            out += "/";
        out += to[i];
    }
    return out.empty() ? "." : out;
}

}  // namespace toolbox
