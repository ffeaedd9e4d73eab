// traps.h — the DEBUG and ERR traps, and BASH_COMMAND, which names the command they are about.
//
// BASH_COMMAND is set before each simple command, [[ ]], (( )), for or select iteration, case and
// arithmetic-for expression; the DEBUG trap runs right after it is set. The ERR trap runs where
// set -e would end the shell. Inside a function, the ERR trap is hidden unless set -E is on and
// the DEBUG and RETURN traps unless set -T is (bash); child shells get them on the same terms.
// Thread safety: single-threaded.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

// What BASH_COMMAND shows for a simple command, [[ ]], (( )) or subshell, as bash prints it.
void command_text(const Command& command, std::string& out);
// A header part of a compound command: "for NAME in WORDS", "case WORD in ", "((EXPR))" …
std::string for_text(const Command& command, const ForClause& clause);
std::string case_text(const Command& command, const CaseClause& clause);
std::string arith_for_text(const Command& command, const Word& expression);

// Sets BASH_COMMAND (and LINENO) and runs the DEBUG trap. False when the trap ended the command
// line (exit, an error that aborts it): the command is not run.
bool begin_command(Shell& shell, const Command& command, uint32_t line);
bool begin_command(Shell& shell, std::string_view text, uint32_t line);  // a compound's header
// BASH_COMMAND alone, for a subshell or pipeline stage (the ERR trap names it; no DEBUG trap).
void name_command(Shell& shell, const Command& command);

// After a command failed where errexit applies: runs the ERR trap (not from inside a trap).
void run_err_trap(Shell& shell);

// The traps a function call does not inherit, taken away while it runs.
class HiddenTraps {
public:
    explicit HiddenTraps(Shell& shell);
    // A trap the function set itself stays; otherwise the hidden one comes back.
    void restore(Shell& shell);

private:
    std::vector<std::pair<int, std::string>> m_saved;
};

}  // namespace sh
