#include "sh/builtins/builtins.h"

#include "lib/io.h"

#include <algorithm>

namespace sh {

namespace {

constexpr Builtin k_builtins[] = {
    {".", builtin_source, true},
    {":", builtin_colon, true},
    {"[", builtin_bracket},
    {"alias", builtin_alias},
    {"bg", builtin_bg},
    {"break", builtin_break, true},
    {"builtin", builtin_builtin},
    {"caller", builtin_caller},
    {"cd", builtin_cd},
    {"command", builtin_command},
    {"continue", builtin_continue, true},
    {"declare", builtin_declare},
    {"dirs", builtin_dirs},
    {"echo", builtin_echo},
    {"enable", builtin_enable},
    {"eval", builtin_eval, true},
    {"exec", builtin_exec, true, true},
    {"exit", builtin_exit, true},
    {"export", builtin_export, true},
    {"false", builtin_false},
    {"fg", builtin_fg},
    {"getopts", builtin_getopts},
    {"hash", builtin_hash},
    {"help", builtin_help},
    {"history", builtin_history},
    {"jobs", builtin_jobs},
    {"kill", builtin_kill},
    {"let", builtin_let},
    {"local", builtin_local},
    {"mapfile", builtin_mapfile},
    {"popd", builtin_popd},
    {"printf", builtin_printf},
    {"pushd", builtin_pushd},
    {"pwd", builtin_pwd},
    {"read", builtin_read},
    {"readarray", builtin_mapfile},
    {"readonly", builtin_readonly, true},
    {"return", builtin_return, true},
    {"set", builtin_set, true},
    {"shift", builtin_shift, true},
    {"shopt", builtin_shopt},
    {"source", builtin_source, true},
    {"test", builtin_test},
    {"times", builtin_times, true},
    {"trap", builtin_trap, true},
    {"true", builtin_colon},
    {"type", builtin_type},
    {"typeset", builtin_declare},
    {"umask", builtin_umask},
    {"unalias", builtin_unalias},
    {"unset", builtin_unset, true},
    {"wait", builtin_wait},
};

}  // namespace

const Builtin* find_builtin(std::string_view name) {
    auto it = std::lower_bound(std::begin(k_builtins), std::end(k_builtins), name,
                               [](const Builtin& builtin, std::string_view key) { return builtin.name < key; });
    return it != std::end(k_builtins) && it->name == name ? it : nullptr;
}

const Builtin* lookup_builtin(const Shell& shell, std::string_view name) {
    const Builtin* builtin = find_builtin(name);
    return builtin && !shell.disabled_builtins.contains(name) ? builtin : nullptr;
}

std::vector<std::string_view> builtin_names() {
    std::vector<std::string_view> names;
    for (const auto& builtin : k_builtins)
        names.push_back(builtin.name);
    return names;
}

bool write_fd(int fd, std::string_view text) { return toolbox::write_all(fd, text); }

void builtin_error(Shell& shell, std::string_view builtin, std::string_view message) {
    shell.error(std::string(builtin) + ": " + std::string(message));
}

int builtin_colon(Shell&, std::vector<std::string>&) { return 0; }
int builtin_false(Shell&, std::vector<std::string>&) { return 1; }

}  // namespace sh
