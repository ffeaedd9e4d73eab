// completion.h — what Tab offers: command names in command position (builtins, functions,
// aliases, reserved words, programs in PATH), file names elsewhere or when the word has a slash.
// Thread safety: single-threaded.
#pragma once

#include <string_view>

#include "sh/interactive/line_editor.h"

namespace sh {

class Shell;

CompletionResult complete_word(const Shell& shell, std::string_view line, size_t cursor);

}  // namespace sh
