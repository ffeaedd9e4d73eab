// version_compare.h — gnulib's filevercmp, the order of `sort -V` and `ls -v`: names compared as
// Debian version strings (runs of digits numerically, other bytes with letters before other
// characters and '~' before everything, even the end), after "." and ".." and hidden names are
// put first, and with a file suffix such as ".tar.gz" compared only when the rest is equal.
// Thread safety: stateless.
#pragma once

#include <string_view>

namespace toolbox {

// <0, 0 or >0 as `a` sorts before, with or after `b`.
int version_compare(std::string_view a, std::string_view b);

}  // namespace toolbox
