// substitution.h — $(…) and `…` (a child shell's output, trailing newlines removed) and <(…) >(…)
// (a child shell on a pipe, named as /dev/fd/N).
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

std::optional<std::string> command_substitution(Shell& shell, const CommandSubstitution& substitution);
std::optional<std::string> process_substitution(Shell& shell, const ProcessSubstitution& substitution);
// Closes the descriptors of process substitutions once the command that used them is done.
void close_process_substitutions(Shell& shell);

}  // namespace sh
