// lang_bridge.h — the language core (sh/lang: arithmetic, patterns, brace expansion) bound to a
// running shell: its variables, its options, its error reporting.
// Thread safety: single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/lang/pattern.h"
#include "sh/shell.h"

namespace sh {

// Evaluates an arithmetic expression over the shell's variables; reports errors as bash does
// ("NAME: line N: EXPR: MESSAGE") and returns nullopt. (`context`, e.g. "[[", prefixes the message)
std::optional<int64_t> arithmetic(Shell& shell, std::string_view expression, std::string_view context = {});
// Whether `text` matches the shell pattern (quoted characters backslash-escaped), with the
// shell's extglob and nocasematch options.
// [[ == ]] matches with extglob whatever the option says (bash does).
bool pattern_matches(const Shell& shell, std::string_view pattern, std::string_view text, bool extglob = false);
// The pattern compiled once with the same options, for the ${x#p} ${x/p/r} family.
Pattern compile_pattern(const Shell& shell, std::string_view pattern);
// Brace expansion ({a,b}, {1..5}) of a word's unquoted text: the words it becomes, or none when
// the word has no brace expansion (the caller then uses the word itself).
std::vector<Word> brace_expand(const Shell& shell, const Word& word);

}  // namespace sh
