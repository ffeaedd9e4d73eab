// directories.h — what cd shares with the directory stack builtins.
// Thread safety: single-threaded.
#pragma once

#include <string>

#include "sh/shell.h"

namespace sh {

// The logical working directory ($PWD when it is absolute, else the kernel's).
std::string current(Shell& shell);
// cd's move: `target` relative to the logical directory (or physical), PWD and OLDPWD updated;
// on failure `builtin: target: error` and 1.
int change_directory(Shell& shell, const std::string& builtin, const std::string& target, bool physical);

}  // namespace sh
