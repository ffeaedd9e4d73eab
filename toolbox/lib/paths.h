// paths.h — path text and directory reading for the file applets: joining, the last component
// and its parent as basename(1)/dirname(1) define them, and a directory's entries.
// Errors are errno values (0 for success), never exceptions.
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace toolbox {

// "dir/name"; no doubled slash when `directory` ends with one; `name` alone when directory is "".
std::string join_path(std::string_view directory, std::string_view name);
// The last component, trailing slashes ignored ("a/b/" → "b", "/" → "/").
std::string base_name(std::string_view path);
// Everything before the last component ("a/b" → "a", "b" → ".", "/a" → "/").
std::string dir_name(std::string_view path);
// `path` without trailing slashes (but "/" stays "/").
std::string strip_trailing_slashes(std::string_view path);

// The names in a directory, without "." and ".." unless `with_dots`, in readdir order.
// Returns 0 or the errno of opendir/readdir.
int read_directory(const std::string& path, std::vector<std::string>& names, bool with_dots = false);

// The working directory (the kernel process's, as getcwd() sees it); "" with errno on failure.
std::string current_directory();

}  // namespace toolbox
