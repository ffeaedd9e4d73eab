// path.h — lexical helpers for guest paths. No filesystem access.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace secure_exec::kernel {

// Splits on '/', dropping empty components ("a//b/" → {"a", "b"}).
std::vector<std::string_view> split_path(std::string_view path);

// "/a" + "b" → "/a/b"; "/" + "b" → "/b".
std::string join_path(std::string_view directory, std::string_view name);

// "/a/b" → "/a"; "/a" → "/"; "/" → "/".
std::string parent_path(std::string_view canonical);

// Resolves ".", ".." and repeated slashes lexically against `base` (an absolute canonical path),
// clamping ".." at "/". For permission requests and messages, never for access decisions.
std::string normalize_path(std::string_view path, std::string_view base = "/");

// Whether `path` is `ancestor` or lies below it (both canonical).
bool path_is_within(std::string_view path, std::string_view ancestor);

}  // namespace secure_exec::kernel
