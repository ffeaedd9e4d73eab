// Builtins' one-line synopses, printed after a usage error as bash prints them:
// "NAME: usage: SYNOPSIS" with no script name or line number in front.
#include <string>
#include <utility>

#include "sh/builtins/builtins.h"

namespace sh {

namespace {

constexpr std::pair<std::string_view, std::string_view> k_synopses[] = {
    {".", ". filename [arguments]"},
    {"alias", "alias [-p] [name[=value] ... ]"},
    {"cd", "cd [-L|[-P [-e]] [-@]] [dir]"},
    {"command", "command [-pVv] command [arg ...]"},
    {"declare", "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]"},
    {"dirs", "dirs [-clpv] [+N] [-N]"},
    {"export", "export [-fn] [name[=value] ...] or export -p"},
    {"getopts", "getopts optstring name [arg ...]"},
    {"hash", "hash [-lr] [-p pathname] [-dt] [name ...]"},
    {"kill", "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]"},
    {"local", "local [option] name[=value] ..."},
    {"mapfile", "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]"},
    {"popd", "popd [-n] [+N | -N]"},
    {"printf", "printf [-v var] format [arguments]"},
    {"pushd", "pushd [-n] [+N | -N | dir]"},
    {"pwd", "pwd [-LP]"},
    {"read", "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] "
             "[name ...]"},
    {"readarray", "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] "
                  "[array]"},
    {"readonly", "readonly [-aAf] [name[=value] ...] or readonly -p"},
    {"set", "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]"},
    {"shopt", "shopt [-pqsu] [-o] [optname ...]"},
    {"source", "source filename [arguments]"},
    {"trap", "trap [-lp] [[arg] signal_spec ...]"},
    {"type", "type [-afptP] name [name ...]"},
    {"typeset", "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]"},
    {"umask", "umask [-p] [-S] [mode]"},
    {"unalias", "unalias [-a] name [name ...]"},
    {"unset", "unset [-f] [-v] [-n] [name ...]"},
    {"wait", "wait [-fn] [-p var] [id ...]"},
};

}  // namespace

void builtin_usage(std::string_view builtin) {
    for (const auto& [name, synopsis] : k_synopses)
        if (name == builtin) {
            write_fd(2, std::string(name) + ": usage: " + std::string(synopsis) + "\n");
            return;
        }
}

int invalid_builtin_option(Shell& shell, std::string_view builtin, std::string_view option) {
    builtin_error(shell, builtin, std::string(option) + ": invalid option");
    builtin_usage(builtin);
    return 2;
}

}  // namespace sh
