// function_printer.h — a function as bash shows it (`declare -f`, `type`, `set`, and the
// BASH_FUNC_name%% variables `export -f` hands to child processes): not the text as written but
// bash's canonical layout of its syntax tree — four-space indents, one command a line with `;`,
// `do`/`then` placed as bash places them, words as written (with $( ) re-laid out inside), and
// bash's quirks around here-documents.
// Thread safety: none needed (pure functions).
#pragma once

#include <string>

#include "sh/lang/ast.h"

namespace sh {

// "name () \n{ \n    body\n}" (no final newline).
std::string function_text(const FunctionDefinition& function);
// "() {  body\n}": the value of an exported function's BASH_FUNC_name%% variable.
std::string function_export_text(const FunctionDefinition& function);

}  // namespace sh
