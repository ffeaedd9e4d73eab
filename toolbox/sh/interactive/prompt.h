// prompt.h — PS1/PS2 expansion (bash manual "Controlling the Prompt"): the backslash escapes
// (\u \h \w \W \$ \n \s \v \t \d \j \! \# \[ \] ...) and then, as with bash's promptvars,
// parameter expansion, command substitution and arithmetic.
// Thread safety: single-threaded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sh {

class Shell;

// Characters between these (from \[ and \]) take no room on the screen (readline's markers).
constexpr char k_prompt_ignore_start = '\001';
constexpr char k_prompt_ignore_end = '\002';

struct PromptNumbers {
    size_t history{1};  // \!
    size_t command{1};  // \#
};

std::string expand_prompt(Shell& shell, std::string_view format, PromptNumbers numbers);

}  // namespace sh
