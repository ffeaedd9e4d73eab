// exported_functions.h — `export -f`: functions handed to child processes through the
// environment as BASH_FUNC_name%%=() { …}, the way bash passes them, so a child bash (ours or
// another) defines them; and the shell's side of that at start: taking them back.
// Thread safety: single-threaded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sh/shell.h"

namespace sh {

// BASH_FUNC_name%%=… for each exported function that still exists.
std::vector<std::string> exported_function_environment(const Shell& shell);
// Defines (and keeps exported) the function an environment entry NAME=VALUE carries; false when
// the entry is no exported function, or its text is anything but one function definition.
bool import_function(Shell& shell, std::string_view name, std::string_view value);
// unset -f: the function and its export go.
void remove_function(Shell& shell, const std::string& name);

}  // namespace sh
