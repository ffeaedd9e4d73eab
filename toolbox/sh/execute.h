// execute.h — running the syntax tree: lists, pipelines, simple and compound commands.
// Thread safety: single-threaded.
#pragma once

#include <string>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

int execute_program(Shell& shell, const Program& program);
int execute_and_or(Shell& shell, const AndOr& list);
int execute_pipeline(Shell& shell, const Pipeline& pipeline);
// A command in this shell, redirections included.
int execute_command(Shell& shell, const Command& command);
int execute_simple(Shell& shell, const SimpleCommand& command);
// The compound command itself, without its redirections.
int execute_compound(Shell& shell, const Command& command);
// Calls a function with `arguments` as its positional parameters ($0 stays).
int call_function(Shell& shell, const FunctionDefinition& function, std::vector<std::string> arguments);

// After a pipeline's `status`: unless in a condition, a failure runs the ERR trap (if `err_trap`)
// and ends the shell under errexit.
void check_errexit(Shell& shell, int status, bool err_trap);

}  // namespace sh
