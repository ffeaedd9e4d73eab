// parent_stage.h — pipeline stages this shell runs itself instead of in a child shell.
// `echo … | cmd` is the commonest pipeline there is; a child sh for its first stage costs a
// whole wasm instance. A stage whose only effect is its output (echo or printf whose words
// expand without side effects or fatal errors) behaves the same when this shell writes it.
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

// Whether `command` may run in this shell as a non-last pipeline stage.
bool runs_in_parent(const Shell& shell, const Command& command);

// The stage's words, expanded and traced (`set -x`) when its turn comes among the stages; an
// expansion error is reported but, as in a child, does not end this shell. Null: status 1.
std::optional<std::vector<std::string>> expand_parent_stage(Shell& shell, const Command& command);

// Runs the stage once the others are started, its standard output on `output` (left open). A
// write to a pipe nobody reads ends it as SIGPIPE ends a child: status 141, no message.
int run_parent_stage(Shell& shell, std::vector<std::string>& argv, int output);

}  // namespace sh
