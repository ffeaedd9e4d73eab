#include "vfs/path.h"

namespace secure_exec::kernel {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos)
            slash = path.size();
        if (slash > start)
            parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

std::string join_path(std::string_view directory, std::string_view name) {
    std::string result(directory);
    if (result.empty() || result.back() != '/')
        result.push_back('/');
    result.append(name);
    return result;
}

std::string parent_path(std::string_view canonical) {
    size_t slash = canonical.rfind('/');
    if (slash == std::string_view::npos || slash == 0)
        return "/";
    return std::string(canonical.substr(0, slash));
}

std::string normalize_path(std::string_view path, std::string_view base) {
    std::vector<std::string_view> stack;
    if (path.empty() || path.front() != '/')
        stack = split_path(base);
    for (std::string_view part : split_path(path)) {
        if (part == ".")
            continue;
        if (part == "..") {
            if (!stack.empty())
                stack.pop_back();
            continue;
        }
        stack.push_back(part);
    }
    std::string result;
    for (std::string_view part : stack) {
        result.push_back('/');
        result.append(part);
    }
    return result.empty() ? "/" : result;
}

bool path_is_within(std::string_view path, std::string_view ancestor) {
    if (ancestor == "/")
        return true;
    if (path.substr(0, ancestor.size()) != ancestor)
        return false;
    return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

}  // namespace secure_exec::kernel
