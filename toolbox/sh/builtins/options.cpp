// set, shopt, umask, times, getopts.
#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <sys/stat.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/function_printer.h"
#include "sh/quote.h"

namespace sh {

namespace {

struct NamedOption {
    std::string_view name;
    char letter;
    bool Options::*field;
};

constexpr NamedOption k_set_options[] = {
    {"allexport", 'a', &Options::allexport}, {"errexit", 'e', &Options::errexit},
    {"errtrace", 'E', &Options::errtrace},   {"functrace", 'T', &Options::functrace},
    {"monitor", 'm', &Options::monitor},     {"noclobber", 'C', &Options::noclobber},
    {"noexec", 'n', &Options::noexec},       {"noglob", 'f', &Options::noglob},
    {"nounset", 'u', &Options::nounset},     {"pipefail", 0, &Options::pipefail},
    {"verbose", 'v', &Options::verbose},     {"xtrace", 'x', &Options::xtrace},
};

constexpr NamedOption k_shopt_options[] = {
    {"dotglob", 0, &Options::dotglob},         {"expand_aliases", 0, &Options::expand_aliases},
    {"extglob", 0, &Options::extglob},         {"failglob", 0, &Options::failglob},
    {"globstar", 0, &Options::globstar},       {"lastpipe", 0, &Options::lastpipe},
    {"nocaseglob", 0, &Options::nocaseglob},   {"nocasematch", 0, &Options::nocasematch},
    {"nullglob", 0, &Options::nullglob},       {"patsub_replacement", 0, &Options::patsub_replacement},
    {"shift_verbose", 0, &Options::shift_verbose},
};

template <size_t N>
const NamedOption* find_option(const NamedOption (&table)[N], std::string_view name) {
    for (const auto& option : table)
        if (option.name == name)
            return &option;
    return nullptr;
}

const NamedOption* find_letter(char letter) {
    for (const auto& option : k_set_options)
        if (option.letter == letter)
            return &option;
    return nullptr;
}

}  // namespace

std::optional<bool> set_option_value(const Shell& shell, std::string_view name) {
    const NamedOption* option = find_option(k_set_options, name);
    if (!option)
        return std::nullopt;
    return shell.options.*(option->field);
}

namespace {

void print_variables(Shell& shell) {
    for (const auto& name : shell.variables.names()) {
        const Variable* variable = shell.variables.find(name);
        if (!variable || !variable->is_set())
            continue;
        if (variable->is_array()) {
            std::string line = name + "=(";
            auto keys = variable->keys();
            auto values = variable->values();
            for (size_t i = 0; i < keys.size(); ++i)
                line += (i ? " [" : "[") + keys[i] + "]=" + quote_double(values[i]);
            out(line + ")\n");
        } else {
            std::string value = *variable->value;
            out(name + "=" + (value.find_first_of(" \t\n'\"\\$`*?[]{}()|&;<>~#!") == std::string::npos && !value.empty()
                                  ? value : quote_single(value)) + "\n");
        }
    }
    for (const auto& [name, function] : shell.functions)
        out(function_text(*function) + "\n");
}

}  // namespace

int builtin_set(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() == 1) {
        print_variables(shell);
        return 0;
    }
    size_t i = 1;
    for (; i < argv.size(); ++i) {
        const std::string& argument = argv[i];
        if (argument == "--") {
            shell.positional.assign(argv.begin() + static_cast<long>(i) + 1, argv.end());
            return 0;
        }
        if (argument == "-") {
            shell.options.xtrace = shell.options.verbose = false;
            ++i;
            break;
        }
        if (argument.size() < 2 || (argument[0] != '-' && argument[0] != '+'))
            break;
        bool on = argument[0] == '-';
        for (size_t k = 1; k < argument.size(); ++k) {
            char letter = argument[k];
            if (letter == 'o') {
                if (i + 1 >= argv.size()) {
                    for (const auto& option : k_set_options) {
                        if (on) {
                            std::string padded(option.name);
                            padded.resize(15, ' ');
                            out(padded + "\t" + (shell.options.*option.field ? "on" : "off") + "\n");
                        } else {
                            out(std::string("set ") + (shell.options.*option.field ? "-o " : "+o ") + std::string(option.name) + "\n");
                        }
                    }
                    continue;
                }
                const NamedOption* option = find_option(k_set_options, argv[++i]);
                if (!option) {
                    builtin_error(shell, "set", argv[i] + ": invalid option name");
                    return 2;
                }
                shell.options.*option->field = on;
                continue;
            }
            const NamedOption* option = find_letter(letter);
            if (!option) {
                return invalid_builtin_option(shell, "set", std::string(1, argument[0]) + letter);
            }
            shell.options.*option->field = on;
        }
    }
    if (i < argv.size())
        shell.positional.assign(argv.begin() + static_cast<long>(i), argv.end());
    return 0;
}

int builtin_shopt(Shell& shell, std::vector<std::string>& argv) {
    int mode = 0;  // 1 set, -1 unset, 0 print
    bool quiet = false, print_reusable = false, set_o = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        for (char flag : argv[i].substr(1)) {
            if (flag == 's') mode = 1;
            else if (flag == 'u') mode = -1;
            else if (flag == 'q') quiet = true;
            else if (flag == 'p') print_reusable = true;
            else if (flag == 'o') set_o = true;
            else {
                builtin_error(shell, "shopt", argv[i] + ": invalid option");
                return 2;
            }
        }
    }
    auto show = [&](const NamedOption& option) {
        bool value = shell.options.*option.field;
        if (quiet)
            return;
        if (print_reusable && set_o)
            out(std::string("set ") + (value ? "-o " : "+o ") + std::string(option.name) + "\n");
        else if (print_reusable)
            out(std::string("shopt ") + (value ? "-s " : "-u ") + std::string(option.name) + "\n");
        else {
            std::string padded(option.name);
            padded.resize(15, ' ');
            out(padded + "\t" + (value ? "on" : "off") + "\n");
        }
    };
    if (i == argv.size()) {
        for (const auto& option : k_shopt_options)
            if (mode == 0 || (shell.options.*option.field) == (mode == 1))
                show(option);
        return 0;
    }
    int status = 0;
    for (; i < argv.size(); ++i) {
        const NamedOption* option = set_o ? find_option(k_set_options, argv[i]) : find_option(k_shopt_options, argv[i]);
        if (!option) {
            builtin_error(shell, "shopt", argv[i] + ": invalid shell option name");
            status = 1;
            continue;
        }
        if (mode == 0) {
            show(*option);
            if (!(shell.options.*option->field))
                status = 1;
        } else {
            shell.options.*option->field = mode == 1;
        }
    }
    return status;
}

namespace {

// Applies bash's symbolic umask syntax ([ugoa]*[-+=][rwx]*, comma separated) to the
// permission bits (the complement of the mask); nullopt after printing the error.
std::optional<mode_t> symbolic_umask(Shell& shell, const std::string& text, mode_t mask) {
    mode_t perms = ~mask & 0777;
    size_t i = 0;
    while (true) {
        mode_t who = 0;
        for (; i < text.size() && std::strchr("ugoa", text[i]); ++i)
            who |= text[i] == 'u' ? 0700 : text[i] == 'g' ? 0070 : text[i] == 'o' ? 0007 : 0777;
        if (who == 0)
            who = 0777;
        if (i >= text.size() || !std::strchr("+-=", text[i])) {
            std::string bad = i < text.size() ? std::string(1, text[i]) : std::string();
            builtin_error(shell, "umask", "`" + bad + "': invalid symbolic mode operator");
            return std::nullopt;
        }
        char op = text[i++];
        mode_t bits = 0;
        for (; i < text.size() && text[i] != ','; ++i) {
            if (!std::strchr("rwx", text[i])) {
                builtin_error(shell, "umask", "`" + std::string(1, text[i]) + "': invalid symbolic mode character");
                return std::nullopt;
            }
            bits |= text[i] == 'r' ? 0444 : text[i] == 'w' ? 0222 : 0111;
        }
        bits &= who;
        if (op == '+') perms |= bits;
        else if (op == '-') perms &= ~bits;
        else perms = (perms & ~who) | bits;
        if (i >= text.size())
            break;
        ++i;  // the comma
    }
    return static_cast<mode_t>(~perms & 0777);
}

std::string symbolic_text(mode_t mask) {
    auto part = [&](char who, int shift) {
        std::string text(1, who);
        text += '=';
        int bits = ~(mask >> shift) & 7;
        if (bits & 4) text += 'r';
        if (bits & 2) text += 'w';
        if (bits & 1) text += 'x';
        return text;
    };
    return part('u', 6) + "," + part('g', 3) + "," + part('o', 0);
}

}  // namespace

int builtin_umask(Shell& shell, std::vector<std::string>& argv) {
    mode_t current = umask(0);
    umask(current);
    bool symbolic = false, reusable = false;
    size_t operand = 1;
    for (; operand < argv.size() && argv[operand].size() > 1 && argv[operand][0] == '-'; ++operand) {
        if (argv[operand] == "--") {
            ++operand;
            break;
        }
        for (char flag : argv[operand].substr(1)) {
            if (flag == 'S') symbolic = true;
            else if (flag == 'p') reusable = true;
            else {
                builtin_error(shell, "umask", std::string("-") + flag + ": invalid option");
                builtin_usage("umask");
                return 2;
            }
        }
    }
    if (operand < argv.size()) {
        const std::string& value = argv[operand];
        if (std::isdigit(static_cast<unsigned char>(value[0]))) {
            mode_t mask = 0;
            for (char c : value) {
                if (c < '0' || c > '7') {
                    builtin_error(shell, "umask", value + ": octal number out of range");
                    return 1;
                }
                mask = static_cast<mode_t>(mask * 8 + (c - '0'));
            }
            current = mask & 0777;
        } else {
            auto mask = symbolic_umask(shell, value, current);
            if (!mask)
                return 1;
            current = *mask;
        }
        umask(current);
        if (!symbolic)
            return 0;
    }
    std::string text = reusable ? (symbolic ? "umask -S " : "umask ") : "";
    if (symbolic) {
        text += symbolic_text(current);
    } else {
        char octal[8];
        std::snprintf(octal, sizeof octal, "%04o", current);
        text += octal;
    }
    out(text + "\n");
    return 0;
}

int builtin_times(Shell&, std::vector<std::string>&) {
    out("0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n");
    return 0;
}

int builtin_getopts(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 3) {
        builtin_usage("getopts");
        return 2;
    }
    const std::string& spec = argv[1];
    const std::string& name = argv[2];
    std::vector<std::string> args = argv.size() > 3 ? std::vector<std::string>(argv.begin() + 3, argv.end()) : shell.positional;
    bool silent = !spec.empty() && spec[0] == ':';
    long index = std::atol(shell.variables.get("OPTIND").value_or("1").c_str());
    if (index < 1)
        index = 1;
    if (index != shell.getopts_index) {  // OPTIND was reset or moved: start that argument afresh
        shell.getopts_index = index;
        shell.getopts_offset = 1;
    }
    auto finish = [&](const std::string& value) {
        shell.variables.set(name, value);
        shell.variables.set("OPTIND", std::to_string(shell.getopts_index));
    };
    if (static_cast<size_t>(index) > args.size()) {
        finish("?");
        return 1;
    }
    const std::string& current = args[index - 1];
    if (shell.getopts_offset == 1 && (current.size() < 2 || current[0] != '-' || current == "--")) {
        if (current == "--")
            ++shell.getopts_index;
        finish("?");
        return 1;
    }
    char letter = current[shell.getopts_offset];
    auto advance = [&] {
        if (++shell.getopts_offset >= current.size()) {
            ++shell.getopts_index;
            shell.getopts_offset = 1;
        }
    };
    size_t at = spec.find(letter);
    if (at == std::string::npos || letter == ':') {
        advance();
        if (silent) {
            shell.variables.set("OPTARG", std::string(1, letter));
        } else {
            if (shell.variables.get("OPTERR") != "0")
                write_fd(2, shell.name + ": illegal option -- " + std::string(1, letter) + "\n");
            shell.variables.unset("OPTARG");
        }
        finish("?");
        return 0;
    }
    if (at + 1 < spec.size() && spec[at + 1] == ':') {
        std::string value;
        if (shell.getopts_offset + 1 < current.size()) {
            value = current.substr(shell.getopts_offset + 1);
            ++shell.getopts_index;
        } else if (static_cast<size_t>(index) < args.size()) {
            value = args[index];
            shell.getopts_index += 2;
        } else {
            shell.getopts_index += 1;
            shell.getopts_offset = 1;
            if (silent) {
                shell.variables.set("OPTARG", std::string(1, letter));
                finish(":");
            } else {
                if (shell.variables.get("OPTERR") != "0")
                    write_fd(2, shell.name + ": option requires an argument -- " + std::string(1, letter) + "\n");
                shell.variables.unset("OPTARG");
                finish("?");
            }
            return 0;
        }
        shell.getopts_offset = 1;
        shell.variables.set("OPTARG", value);
        finish(std::string(1, letter));
        return 0;
    }
    advance();
    shell.variables.unset("OPTARG");
    finish(std::string(1, letter));
    return 0;
}

}  // namespace sh
