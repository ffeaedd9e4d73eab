// expand.h — word expansion (bash manual "Shell Expansions"): brace, tilde, parameter and
// variable, command substitution, arithmetic, process substitution, word splitting, pathname
// expansion, quote removal — and the narrower forms other contexts use.
// A failed expansion reports its error, sets $? and returns nullopt; `shell.expansion_fatal`
// says whether a non-interactive shell must exit (as bash does for ${x?} and set -u).
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

// Command arguments: every expansion, splitting and globbing.
std::optional<std::vector<std::string>> expand_fields(Shell& shell, const std::vector<Word>& words);
std::optional<std::vector<std::string>> expand_word(Shell& shell, const Word& word);
// One string: no splitting, no globbing (assignments, case subjects, [[ ]] operands).
std::optional<std::string> expand_string(Shell& shell, const Word& word);
// A pattern for case, [[ == ]] and ${x#p} (glob), or [[ =~ ]] (regex): as expand_string, with
// quoted characters escaped by a backslash so they match literally. `shown`, if given, receives
// the pattern as set -x shows it: every quoted character escaped (a regex: as it is).
enum class PatternSyntax : uint8_t { glob, regex, every_quoted };
std::optional<std::string> expand_pattern(Shell& shell, const Word& word, PatternSyntax syntax = PatternSyntax::glob,
                                          std::string* shown = nullptr);
// A here-document body: parameters, substitutions and arithmetic unless the delimiter was quoted.
std::optional<std::string> expand_heredoc(Shell& shell, const Word& body, bool quoted);

}  // namespace sh
