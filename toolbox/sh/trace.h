// trace.h — `set -x` output: PS4 (expanded each time, its first character repeated once per
// level of eval, source, trap action and command substitution) and then what the command is,
// as bash shows it, on the descriptor BASH_XTRACEFD names (standard error by default).
// Thread safety: single-threaded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sh/shell.h"

namespace sh {

// Whether the locale's characters are UTF-8 (LC_ALL, LC_CTYPE, LANG), for what a trace escapes.
bool utf8_locale(const Shell& shell);
// One trace line: the prefix, `text`, a newline. Nothing unless set -x is on.
void trace_line(Shell& shell, std::string_view text);
// A command's words, each quoted as bash's trace quotes it.
void trace_command(Shell& shell, const std::vector<std::string>& argv);
// `value` quoted for the right-hand side of a traced assignment (empty stays empty).
std::string trace_value(const Shell& shell, std::string_view value);

}  // namespace sh
