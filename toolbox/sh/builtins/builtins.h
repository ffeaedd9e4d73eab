// builtins.h — the shell's builtin commands: the table, and what they share.
// A builtin runs in the shell's own process with its redirections applied to the shell's
// descriptors; it writes through write(2) (or stdio, flushed after each builtin).
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sh/shell.h"

namespace sh {

using BuiltinFunction = int (*)(Shell& shell, std::vector<std::string>& argv);

struct Builtin {
    std::string_view name;
    BuiltinFunction run;
    bool special{false};             // POSIX special builtin: assignments before it persist
    bool keeps_redirections{false};  // exec: redirections without a command stay
};

const Builtin* find_builtin(std::string_view name);
// The builtin that command NAME runs: none when `enable -n` turned it off.
const Builtin* lookup_builtin(const Shell& shell, std::string_view name);
std::vector<std::string_view> builtin_names();

// Output helpers: whole strings, retried on EINTR; false if the descriptor is gone.
bool write_fd(int fd, std::string_view text);
inline bool out(std::string_view text) { return write_fd(1, text); }
// "NAME: line N: BUILTIN: MESSAGE" on stderr.
void builtin_error(Shell& shell, std::string_view builtin, std::string_view message);

// "BUILTIN: usage: SYNOPSIS" on stderr (bash's short synopsis; nothing for builtins without one).
void builtin_usage(std::string_view builtin);
// Every builtin's synopsis and one-line summary, in name order (for help).
struct BuiltinSummary {
    std::string_view name;
    std::string_view synopsis;
    std::string_view summary;
};
std::vector<BuiltinSummary> builtin_summaries();
// "…: BUILTIN: -X: invalid option" and the synopsis; returns 2, bash's status for it.
int invalid_builtin_option(Shell& shell, std::string_view builtin, std::string_view option);

// The value of a `set -o` option by name (test -o, [[ -o ]]); nullopt when there is none.
std::optional<bool> set_option_value(const Shell& shell, std::string_view name);
// test -v / [[ -v ]]: NAME, NAME[INDEX] (arithmetic for indexed arrays), NAME[@] (any element).
bool variable_is_set(Shell& shell, const std::string& text);

// Each file of builtins registers its functions here (see builtins.cpp).
int builtin_colon(Shell&, std::vector<std::string>&);
int builtin_false(Shell&, std::vector<std::string>&);
int builtin_echo(Shell&, std::vector<std::string>&);
int builtin_printf(Shell&, std::vector<std::string>&);
int builtin_read(Shell&, std::vector<std::string>&);
int builtin_mapfile(Shell&, std::vector<std::string>&);
int builtin_cd(Shell&, std::vector<std::string>&);
int builtin_pwd(Shell&, std::vector<std::string>&);
int builtin_pushd(Shell&, std::vector<std::string>&);
int builtin_popd(Shell&, std::vector<std::string>&);
int builtin_dirs(Shell&, std::vector<std::string>&);
int builtin_help(Shell&, std::vector<std::string>&);
int builtin_exit(Shell&, std::vector<std::string>&);
int builtin_return(Shell&, std::vector<std::string>&);
int builtin_caller(Shell&, std::vector<std::string>&);
int builtin_break(Shell&, std::vector<std::string>&);
int builtin_continue(Shell&, std::vector<std::string>&);
int builtin_export(Shell&, std::vector<std::string>&);
int builtin_readonly(Shell&, std::vector<std::string>&);
int builtin_unset(Shell&, std::vector<std::string>&);
int builtin_declare(Shell&, std::vector<std::string>&);
int builtin_local(Shell&, std::vector<std::string>&);
int builtin_set(Shell&, std::vector<std::string>&);
int builtin_shift(Shell&, std::vector<std::string>&);
int builtin_let(Shell&, std::vector<std::string>&);
int builtin_shopt(Shell&, std::vector<std::string>&);
int builtin_eval(Shell&, std::vector<std::string>&);
int builtin_source(Shell&, std::vector<std::string>&);
int builtin_exec(Shell&, std::vector<std::string>&);
int builtin_command(Shell&, std::vector<std::string>&);
int builtin_builtin(Shell&, std::vector<std::string>&);
int builtin_type(Shell&, std::vector<std::string>&);
int builtin_hash(Shell&, std::vector<std::string>&);
int builtin_enable(Shell&, std::vector<std::string>&);
int builtin_alias(Shell&, std::vector<std::string>&);
int builtin_unalias(Shell&, std::vector<std::string>&);
int builtin_test(Shell&, std::vector<std::string>&);
int builtin_bracket(Shell&, std::vector<std::string>&);
int builtin_trap(Shell&, std::vector<std::string>&);
int builtin_wait(Shell&, std::vector<std::string>&);
int builtin_kill(Shell&, std::vector<std::string>&);
int builtin_umask(Shell&, std::vector<std::string>&);
int builtin_times(Shell&, std::vector<std::string>&);
int builtin_getopts(Shell&, std::vector<std::string>&);
int builtin_jobs(Shell&, std::vector<std::string>&);
int builtin_fg(Shell&, std::vector<std::string>&);
int builtin_bg(Shell&, std::vector<std::string>&);
int builtin_history(Shell&, std::vector<std::string>&);

}  // namespace sh
