// Builtins' synopses, printed after a usage error as bash prints them ("NAME: usage: SYNOPSIS"
// with no script name or line number in front) and by `help`, with a summary of our own.
#include <string>
#include <utility>
#include <vector>

#include "sh/builtins/builtins.h"

namespace sh {

namespace {

// Each builtin's synopsis (its command-line form, as bash's usage errors and `help -s` print it)
// and a one-line summary of our own for `help` and `help -d`.
struct BuiltinDoc {
    std::string_view name;
    std::string_view synopsis;
    std::string_view summary;
};

constexpr BuiltinDoc k_docs[] = {
    {".", ". filename [arguments]", "Run the commands of a file in this shell."},
    {":", ":", "Do nothing, successfully (arguments are still expanded)."},
    {"[", "[ arg... ]", "Evaluate a test expression; the last argument must be `]'."},
    {"alias", "alias [-p] [name[=value] ... ]", "Define aliases, or list them."},
    {"bg", "bg [job_spec ...]", "Resume stopped jobs in the background."},
    {"break", "break [n]", "Leave the innermost n loops."},
    {"builtin", "builtin [shell-builtin [arg ...]]", "Run a builtin, bypassing a function of the same name."},
    {"caller", "caller [expr]", "Tell where the current function (or the one expr frames up) was called."},
    {"cd", "cd [-L|[-P [-e]] [-@]] [dir]", "Change the working directory (HOME without dir, OLDPWD for -)."},
    {"command", "command [-pVv] command [arg ...]", "Run a command bypassing functions, or describe it."},
    {"continue", "continue [n]", "Start the next pass of the innermost n-th loop."},
    {"declare", "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]",
     "Declare variables and their attributes, or show them."},
    {"dirs", "dirs [-clpv] [+N] [-N]", "Show the directory stack."},
    {"echo", "echo [-neE] [arg ...]", "Write the arguments, separated by blanks, and a newline."},
    {"enable", "enable [-a] [-dnps] [-f filename] [name ...]", "Turn builtins on or off, or list them."},
    {"eval", "eval [arg ...]", "Run the arguments, joined by blanks, as shell commands."},
    {"exec", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
     "Replace the shell with a command, or make redirections permanent."},
    {"exit", "exit [n]", "Leave the shell with status n (default: the last status)."},
    {"export", "export [-fn] [name[=value] ...] or export -p", "Mark variables (or functions) for the environment of commands."},
    {"false", "false", "Do nothing, unsuccessfully."},
    {"fg", "fg [job_spec]", "Bring a job to the foreground."},
    {"getopts", "getopts optstring name [arg ...]", "Parse options from the positional parameters, one per call."},
    {"hash", "hash [-lr] [-p pathname] [-dt] [name ...]", "Remember or show where commands were found."},
    {"help", "help [-dms] [pattern ...]", "Describe builtins."},
    {"history", "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]",
     "Show or edit the command history."},
    {"jobs", "jobs [-lnprs] [jobspec ...] or jobs -x command [args]", "List the jobs of this shell."},
    {"kill", "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
     "Send a signal to processes or jobs, or list signal names."},
    {"let", "let arg [arg ...]", "Evaluate arithmetic expressions; fails if the last is 0."},
    {"local", "local [option] name[=value] ...", "Declare variables local to the running function."},
    {"mapfile", "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
     "Read lines into an indexed array."},
    {"popd", "popd [-n] [+N | -N]", "Remove a directory from the stack (and change to the new top)."},
    {"printf", "printf [-v var] format [arguments]", "Format and write the arguments (or assign them to var)."},
    {"pushd", "pushd [-n] [+N | -N | dir]", "Add a directory to the stack, or rotate it."},
    {"pwd", "pwd [-LP]", "Write the working directory."},
    {"read", "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] "
             "[name ...]",
     "Read a line and split it into variables."},
    {"readarray", "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] "
                  "[array]",
     "Read lines into an indexed array (as mapfile)."},
    {"readonly", "readonly [-aAf] [name[=value] ...] or readonly -p", "Make variables (or functions) read-only."},
    {"return", "return [n]", "Leave a function or sourced file with status n."},
    {"set", "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
     "Set shell options and positional parameters, or list variables."},
    {"shift", "shift [n]", "Drop the first n positional parameters."},
    {"shopt", "shopt [-pqsu] [-o] [optname ...]", "Set or show the shell's optional behaviours."},
    {"source", "source filename [arguments]", "Run the commands of a file in this shell."},
    {"test", "test [expr]", "Evaluate a conditional expression."},
    {"times", "times", "Show the CPU times of the shell and its children."},
    {"trap", "trap [-lp] [[arg] signal_spec ...]", "Run commands when signals or shell events arrive."},
    {"true", "true", "Do nothing, successfully."},
    {"type", "type [-afptP] name [name ...]", "Tell how each name would be run."},
    {"typeset", "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]",
     "Declare variables and their attributes (as declare)."},
    {"umask", "umask [-p] [-S] [mode]", "Set or show the file creation mask."},
    {"unalias", "unalias [-a] name [name ...]", "Remove aliases."},
    {"unset", "unset [-f] [-v] [-n] [name ...]", "Remove variables or functions."},
    {"wait", "wait [-fn] [-p var] [id ...]", "Wait for jobs or processes and return their status."},
};

const BuiltinDoc* find_doc(std::string_view builtin) {
    for (const auto& doc : k_docs)
        if (doc.name == builtin)
            return &doc;
    return nullptr;
}

}  // namespace

void builtin_usage(std::string_view builtin) {
    if (const BuiltinDoc* doc = find_doc(builtin))
        write_fd(2, std::string(doc->name) + ": usage: " + std::string(doc->synopsis) + "\n");
}

std::vector<BuiltinSummary> builtin_summaries() {
    std::vector<BuiltinSummary> out;
    for (const auto& doc : k_docs)
        out.push_back({doc.name, doc.synopsis, doc.summary});
    return out;
}

int invalid_builtin_option(Shell& shell, std::string_view builtin, std::string_view option) {
    builtin_error(shell, builtin, std::string(option) + ": invalid option");
    builtin_usage(builtin);
    return 2;
}

}  // namespace sh
