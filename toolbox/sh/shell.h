// shell.h — one shell's state and the entry points that run source text.
//
// The shell runs in one wasm process and cannot fork. Everything bash runs in a forked copy of
// itself — a subshell, a pipeline stage that is a builtin, function or compound command, a command
// substitution — runs in a child `sh` spawned through the kernel, which first receives this
// shell's state (state_transfer.h). External commands are spawned directly.
// Thread safety: single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sh/command_hash.h"
#include "sh/jobs.h"
#include "sh/lang/ast.h"
#include "sh/variables.h"

namespace sh {

struct Options {
    bool errexit{false};     // -e
    bool nounset{false};     // -u
    bool xtrace{false};      // -x
    bool verbose{false};     // -v
    bool noglob{false};      // -f
    bool noclobber{false};   // -C
    bool allexport{false};   // -a
    bool noexec{false};      // -n
    bool pipefail{false};
    bool monitor{false};     // -m
    bool errtrace{false};    // -E: functions, subshells and $( ) inherit the ERR trap
    bool functrace{false};   // -T: … and the DEBUG and RETURN traps
    bool interactive{false};
    // shopt
    bool nullglob{false};
    bool failglob{false};
    bool dotglob{false};
    bool extglob{false};
    bool globstar{false};
    bool nocaseglob{false};
    bool nocasematch{false};
    bool expand_aliases{false};
    bool lastpipe{false};
    bool shift_verbose{false};
    bool patsub_replacement{true};  // & in ${x/p/r} is the match (bash 5.2 default)

    // $-
    std::string flags() const;
};

// One level of the call stack: FUNCNAME, BASH_SOURCE and BASH_LINENO are made from these.
struct CallFrame {
    std::string function;   // empty for a sourced file
    std::string file;       // where its commands come from (for a function: where it was defined)
    uint32_t call_line{0};  // the caller's line
};

// Pseudo-signals for trap: what bash calls EXIT, RETURN, ERR and DEBUG.
constexpr int k_exit_trap = 0;
constexpr int k_return_trap = -1;
constexpr int k_err_trap = -2;
constexpr int k_debug_trap = -3;

// A break, continue, return or exit on its way out through the commands that contain it.
// `interrupted`: ^C in an interactive shell abandons the rest of the command line.
// How far the current command unwinds. `aborting`: an expansion error, after which bash drops the
// rest of the current top-level command (or of eval's text, or of a subshell) and goes on.
enum class Flow : uint8_t { normal, breaking, continuing, returning, exiting, interrupted, aborting };

class History;

class Shell {
public:
    Shell(std::string name, std::vector<std::string> positional);

    // Parses and runs `source` one complete command at a time (so an alias or `shopt -s extglob`
    // applies to the commands after it). Returns the last status; syntax errors give 2.
    int run_source(std::string_view source);
    // eval's text, or a sourced file (`file` set): a syntax error there returns 2 to the caller
    // instead of ending the script; eval's lines count from the eval command's line and its syntax
    // errors say "eval: line N"; a file's messages name the file and count its own lines.
    int run_nested(std::string_view source, const std::string* file);
    // set -v: shows source lines as they are read.
    void echo_input(std::string_view text);
    // Runs a parsed list and returns its status.
    int execute(const Program& program);
    // What `exit` and the end of the script do: EXIT trap, then the status to exit with.
    int finish(int status);

    // "NAME: line N: MESSAGE\n" on stderr, as bash reports errors in scripts.
    void error(std::string_view message);
    void error_at(uint32_t line, std::string_view message);
    void report_syntax_error(uint32_t line, std::string_view message);
    bool in_function() const;
    // The file the running commands come from: BASH_SOURCE[0] ($0 outside any sourced file).
    const std::string& current_file() const;
    // FUNCNAME, BASH_SOURCE, BASH_LINENO.
    std::vector<std::string> function_names() const;
    std::vector<std::string> source_names() const;
    std::vector<std::string> call_lines() const;

    // ^State (public: the executor, expander and builtins all work on it)
    Variables variables;
    Options options;
    std::string name;                       // $0
    std::vector<std::string> positional;    // $1 …
    int status{0};                          // $?
    int shell_pid{0};                       // $$ (a child shell keeps its parent's)
    int own_pid{0};                         // BASHPID
    uint32_t random_state{0};               // RANDOM's generator
    int last_background{0};                 // $!
    int subshell_level{0};                  // BASH_SUBSHELL
    std::vector<int> pipe_status;           // PIPESTATUS
    uint32_t line{0};                       // LINENO of the command being run
    uint32_t line_base{0};                  // a child shell's lines count from its text's place
    std::string_view syntax_context;        // "eval" while eval parses: its syntax errors say so
    int nested_depth{0};                    // eval and source levels: syntax errors are not fatal
    uint32_t child_line_base{0};            // set before spawning a child shell (state_transfer)
    std::map<std::string, std::shared_ptr<const FunctionDefinition>> functions;
    std::set<std::string> readonly_functions;  // readonly -f
    std::set<std::string> exported_functions;  // export -f (exported_functions.h)
    std::map<std::string, std::string> aliases;
    CommandHash command_hash;               // hash
    std::set<std::string, std::less<>> disabled_builtins;  // enable -n
    std::map<int, std::string> traps;       // signal number (0: EXIT) → action text
    std::string bash_command;               // BASH_COMMAND (traps.h)
    int trap_depth{0};                      // traps running: ERR and DEBUG do not fire in them
    std::vector<std::optional<Options>> local_options;  // per function call: what `local -` saved
    std::vector<CallFrame> frames;          // function calls and sourced files, innermost last
    std::map<std::string, std::string> function_files;  // where a function was defined, if not in $0
    std::vector<std::string> directory_stack; // pushd/popd
    int64_t started_at_seconds{0};          // for SECONDS
    std::string last_random, last_seconds;  // last values handed out: a different one was assigned

    std::vector<int> background_jobs;       // pids for `wait`
    JobTable jobs;                          // job control (interactive shells)
    std::string job_text;                   // the command line being run, for the job table
    int program_depth{0};                   // execute_program nesting (1: a top-level list)
    History* history{nullptr};              // the interactive shell's (`history` builtin)
    std::vector<int> deferred_signals;      // caught while waiting; handled with the traps

    Flow flow{Flow::normal};
    int exit_status{0};        // with Flow::exiting
    int return_status{0};      // with Flow::returning
    int last_substitution_status{0};  // $? of an assignment-only command: its last $( )
    // While declare/local/typeset/export/readonly runs: its `name=(…)` operands by argument index
    // (the argument itself reads "name=(…)"); the builtin assigns them after setting attributes.
    std::map<size_t, const Assignment*> compound_operands;
    int flow_levels{0};  // break/continue N still to unwind
    int loop_depth{0};
    bool in_condition{false};  // errexit does not apply (if/while conditions, && || lists, !)
    bool is_child{false};      // a subshell or pipeline stage: `exit` ends only it
    bool command_string{false};  // sh -c (not a child): a fatal expansion error exits 127, not 1
    // A pipeline stage running in this shell (parent_stage.h): a write to a pipe nobody reads
    // ends it quietly with 141, as SIGPIPE ends a child.
    bool in_parent_stage{false};
    int substitution_depth{0};
    // set -x: how many extra copies of PS4's first character a trace line gets (eval, source,
    // trap actions and command substitutions each add one).
    int trace_level{0};
    long getopts_index{1};     // getopts: the argument and the letter within it
    size_t getopts_offset{1};

    // RANDOM: 0..32767.
    int next_random();
    // $RANDOM and $SECONDS, honouring an assignment (RANDOM=N reseeds, SECONDS=N restarts).
    std::string random_text();
    std::string seconds_text();
    // Descriptors of <( ) and >( ) to close after the current command.
    std::vector<int> substitution_fds;
    std::vector<int> substitution_pids;

    // Sets $? and the PIPESTATUS of a single command.
    void set_status(int value);
    // An expansion failed (its message is out): the current command is abandoned as bash does;
    // a `fatal` one (${x?}, set -u) ends a non-interactive shell with 127 (a child shell: 1).
    void expansion_failed(bool fatal = false);
    // Runs the traps of signals that arrived since the last call (between commands).
    void run_pending_traps();
    // Runs the action of trap `signal` (if any), keeping $? as it was. An ERR or DEBUG trap's
    // lines count from the line of the command it is about (LINENO).
    void run_trap(int signal);
};

}  // namespace sh
