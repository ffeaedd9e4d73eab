// How a command name resolves, and the builtins that show or change it: type, command, builtin,
// hash, enable. The order is bash's: alias (when aliases expand), reserved word, function,
// builtin (unless `enable -n` turned it off), then the file in PATH (or where `hash` remembers it).
#include <algorithm>

#include "sh/builtins/builtins.h"
#include "sh/function_printer.h"
#include "sh/lang/lexer.h"
#include "sh/process.h"
#include "sh/quote.h"

namespace sh {

namespace {

// What a description shows: type's forms and command -v / -V.
struct Describe {
    enum class Form : uint8_t { sentence, terse, path, reusable };
    Form form{Form::sentence};
    bool all{false};         // -a: every way the name resolves, every file in PATH
    bool no_functions{false};  // -f
    bool force_path{false};  // -P: search PATH even for a builtin or function
    std::string_view who{"type"};  // names the builtin in "not found"
};

void say(const Describe& how, const std::string& sentence, std::string_view terse, const std::string& reusable) {
    switch (how.form) {
    case Describe::Form::sentence: out(sentence + "\n"); break;
    case Describe::Form::terse: out(std::string(terse) + "\n"); break;
    case Describe::Form::reusable: out(reusable + "\n"); break;
    case Describe::Form::path: break;  // only files print a path
    }
}

// Describes NAME; false when nothing answers to it.
bool describe(Shell& shell, const std::string& name, const Describe& how) {
    bool found = false;
    if (!how.force_path) {
        if (auto alias = shell.aliases.find(name); shell.options.expand_aliases && alias != shell.aliases.end()) {
            say(how, name + " is aliased to `" + alias->second + "'", "alias",
                "alias " + name + "=" + quote_single(alias->second));
            if (!how.all)
                return true;
            found = true;
        }
        if (is_reserved_word(name)) {
            say(how, name + " is a shell keyword", "keyword", name);
            if (!how.all)
                return true;
            found = true;
        }
        auto function = shell.functions.find(name);
        if (!how.no_functions && function != shell.functions.end()) {
            say(how, name + " is a function\n" + function_text(*function->second), "function", name);
            if (!how.all)
                return true;
            found = true;
        }
        if (lookup_builtin(shell, name)) {
            say(how, name + " is a shell builtin", "builtin", name);
            if (!how.all)
                return true;
            found = true;
        }
    }
    auto file = [&](const std::string& path) {
        if (how.form == Describe::Form::path || how.form == Describe::Form::reusable)
            out(path + "\n");
        else
            say(how, name + " is " + path, "file", path);
    };
    if (name.find('/') != std::string::npos) {
        if (!find_in_path(shell, name))
            return found;
        file(name);
        return true;
    }
    if (!how.all) {
        if (auto* remembered = shell.command_hash.lookup(name, shell.variables.get("PATH").value_or(""))) {
            if (how.form == Describe::Form::sentence)
                out(name + " is hashed (" + remembered->path + ")\n");
            else
                file(remembered->path);
            return true;
        }
    }
    if (how.all) {
        for (const auto& path : find_all_in_path(shell, name))
            file(path), found = true;
    } else if (auto path = find_in_path(shell, name)) {
        file(*path);
        found = true;
    }
    return found;
}

int describe_all(Shell& shell, const std::vector<std::string>& names, size_t first, const Describe& how) {
    int status = 0;
    for (size_t i = first; i < names.size(); ++i) {
        if (describe(shell, names[i], how))
            continue;
        if (how.form == Describe::Form::sentence)
            builtin_error(shell, how.who, names[i] + ": not found");
        status = 1;
    }
    return status;
}

}  // namespace

int builtin_type(Shell& shell, std::vector<std::string>& argv) {
    Describe how;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (char flag : argv[i].substr(1)) {
            if (flag == 't') how.form = Describe::Form::terse;
            else if (flag == 'p') how.form = Describe::Form::path;
            else if (flag == 'P') how.form = Describe::Form::path, how.force_path = true;
            else if (flag == 'a') how.all = true;
            else if (flag == 'f') how.no_functions = true;
            else return invalid_builtin_option(shell, "type", std::string("-") + flag);
        }
    }
    return describe_all(shell, argv, i, how);
}

int builtin_command(Shell& shell, std::vector<std::string>& argv) {
    size_t i = 1;
    bool describe_short = false, describe_long = false;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (char flag : argv[i].substr(1)) {
            if (flag == 'v') describe_short = true;
            else if (flag == 'V') describe_long = true;
            else if (flag != 'p') return invalid_builtin_option(shell, "command", std::string("-") + flag);
        }
    }
    if (i == argv.size())
        return 0;
    if (describe_short || describe_long) {
        Describe how;
        how.form = describe_long ? Describe::Form::sentence : Describe::Form::reusable;
        how.who = "command";
        return describe_all(shell, argv, i, how);
    }
    std::vector<std::string> command(argv.begin() + static_cast<long>(i), argv.end());
    if (const Builtin* builtin = lookup_builtin(shell, command.front()))
        return builtin->run(shell, command);
    auto child = spawn_command(shell, command, {}, {});
    if (child.pid < 0)
        return report_spawn_error(shell, command.front(), child.error);
    return wait_for(shell, child.pid);
}

int builtin_builtin(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 2)
        return 0;
    std::vector<std::string> command(argv.begin() + 1, argv.end());
    const Builtin* builtin = lookup_builtin(shell, command.front());
    if (!builtin) {
        builtin_error(shell, "builtin", command.front() + ": not a shell builtin");
        return 1;
    }
    return builtin->run(shell, command);
}

// hash [-lr] [-p path] [-dt] [name …]
int builtin_hash(Shell& shell, std::vector<std::string>& argv) {
    bool forget = false, show = false, reusable = false;
    std::optional<std::string> given_path;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (size_t k = 1; k < argv[i].size(); ++k) {
            char flag = argv[i][k];
            if (flag == 'r') {
                shell.command_hash.clear();
            } else if (flag == 'd') {
                forget = true;
            } else if (flag == 't') {
                show = true;
            } else if (flag == 'l') {
                reusable = true;
            } else if (flag == 'p') {
                std::string rest = argv[i].substr(k + 1);
                if (rest.empty() && i + 1 == argv.size()) {
                    builtin_error(shell, "hash", "-p: option requires an argument");
                    builtin_usage("hash");
                    return 2;
                }
                given_path = rest.empty() ? argv[++i] : rest;
                break;
            } else {
                return invalid_builtin_option(shell, "hash", std::string("-") + flag);
            }
        }
    }
    std::string path_variable = shell.variables.get("PATH").value_or("");
    if (i == argv.size()) {
        if (forget || show) {
            builtin_error(shell, "hash", std::string(forget ? "-d" : "-t") + ": option requires an argument");
            return 1;
        }
        if (given_path)
            return 0;
        auto entries = shell.command_hash.listing(path_variable);
        bool cleared = std::find(argv.begin() + 1, argv.end(), "-r") != argv.end();
        if (entries.empty()) {
            if (!cleared)
                out("hash: hash table empty\n");
            return 0;
        }
        if (!reusable)
            out("hits\tcommand\n");
        for (const auto* entry : entries) {
            std::string hits = std::to_string(entry->hits);
            out(reusable ? "builtin hash -p " + entry->path + " " + entry->name + "\n"
                         : std::string(hits.size() < 4 ? 4 - hits.size() : 0, ' ') + hits + "\t" + entry->path + "\n");
        }
        return 0;
    }
    int status = 0;
    size_t names = argv.size() - i;
    for (; i < argv.size(); ++i) {
        const std::string& name = argv[i];
        if (forget) {
            if (!shell.command_hash.forget(name)) {
                builtin_error(shell, "hash", name + ": not found");
                status = 1;
            }
        } else if (show || reusable) {
            const auto* entry = shell.command_hash.lookup(name, path_variable);
            if (!entry) {
                builtin_error(shell, "hash", name + ": not found");
                status = 1;
            } else if (reusable) {
                out("builtin hash -p " + entry->path + " " + name + "\n");
            } else {
                out(names > 1 ? name + "\t" + entry->path + "\n" : entry->path + "\n");
            }
        } else if (given_path) {
            shell.command_hash.remember(name, *given_path, true, path_variable);
        } else if (name.find('/') != std::string::npos || lookup_builtin(shell, name) ||
                   shell.functions.contains(name)) {
            continue;  // bash hashes no paths, builtins or functions, and says nothing
        } else if (auto path = find_in_path(shell, name)) {
            shell.command_hash.remember(name, *path, false, path_variable);
        } else {
            builtin_error(shell, "hash", name + ": not found");
            status = 1;
        }
    }
    return status;
}

// enable [-a] [-nps] [name …]: lists builtins, or turns them off (-n) and on again.
int builtin_enable(Shell& shell, std::vector<std::string>& argv) {
    bool disable = false, all = false, special = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (char flag : argv[i].substr(1)) {
            if (flag == 'n') disable = true;
            else if (flag == 'a') all = true;
            else if (flag == 's') special = true;
            else if (flag == 'p') continue;
            else if (flag == 'f' || flag == 'd') {
                builtin_error(shell, "enable", "dynamic loading not available");
                return 1;
            } else {
                return invalid_builtin_option(shell, "enable", std::string("-") + flag);
            }
        }
    }
    if (i == argv.size()) {
        for (auto name : builtin_names()) {
            bool off = shell.disabled_builtins.contains(name);
            if ((!all && off != disable) || (special && !find_builtin(name)->special))
                continue;
            out((off ? "enable -n " : "enable ") + std::string(name) + "\n");
        }
        return 0;
    }
    int status = 0;
    for (; i < argv.size(); ++i) {
        if (!find_builtin(argv[i])) {
            builtin_error(shell, "enable", argv[i] + ": not a shell builtin");
            status = 1;
        } else if (disable) {
            shell.disabled_builtins.insert(argv[i]);
        } else {
            shell.disabled_builtins.erase(argv[i]);
        }
    }
    return status;
}

}  // namespace sh
