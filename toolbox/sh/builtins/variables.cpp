// export, readonly, unset, declare/typeset, local, shift, let.
#include <algorithm>
#include <charconv>

#include "sh/assign.h"
#include "sh/builtins/builtins.h"
#include "sh/exported_functions.h"
#include "sh/function_printer.h"
#include "sh/lang_bridge.h"
#include "sh/quote.h"

namespace sh {

namespace {

struct NameValue {
    std::string name;
    std::optional<std::string> value;
    bool append{false};
};

NameValue split_assignment(const std::string& argument) {
    size_t equals = argument.find('=');
    if (equals == std::string::npos)
        return {argument, std::nullopt, false};
    bool append = equals > 0 && argument[equals - 1] == '+';
    return {argument.substr(0, append ? equals - 1 : equals), argument.substr(equals + 1), append};
}

uint16_t flag_bits(char flag) {
    switch (flag) {
    case 'a': return attribute::indexed_array;
    case 'A': return attribute::assoc_array;
    case 'i': return attribute::integer;
    case 'l': return attribute::lowercase;
    case 'u': return attribute::uppercase;
    case 'r': return attribute::readonly;
    case 'x': return attribute::exported;
    case 'n': return attribute::nameref;
    default: return 0;
    }
}

// bash refuses to turn one kind of array into the other.
bool convertible(Shell& shell, const std::string& builtin, const std::string& name, const Variable& variable,
                 uint16_t add) {
    if ((add & attribute::assoc_array) && (variable.attributes & attribute::indexed_array)) {
        builtin_error(shell, builtin, name + ": cannot convert indexed to associative array");
        return false;
    }
    if ((add & attribute::indexed_array) && variable.is_assoc()) {
        builtin_error(shell, builtin, name + ": cannot convert associative to indexed array");
        return false;
    }
    return true;
}

// The attributes bash shows for a function: "r", "x", "rx" or "".
std::string function_attributes(const Shell& shell, const std::string& name) {
    return std::string(shell.readonly_functions.contains(name) ? "r" : "") +
           (shell.exported_functions.contains(name) ? "x" : "");
}

// declare/typeset/export/readonly with -f or -F: set function attributes, or show functions.
int declare_functions(Shell& shell, const std::vector<std::string>& argv, size_t first, uint16_t add, uint16_t remove,
                      bool print, bool names_only) {
    const uint16_t settable = attribute::readonly | attribute::exported;
    if (first < argv.size() && ((add | remove) & settable) && !print) {
        int status = 0;
        for (size_t k = first; k < argv.size(); ++k) {
            const std::string& name = argv[k];
            if (!shell.functions.contains(name)) {
                builtin_error(shell, argv[0], name + ": not a function");
                status = 1;
                continue;
            }
            if (add & attribute::readonly)
                shell.readonly_functions.insert(name);
            if (add & attribute::exported)
                shell.exported_functions.insert(name);
            if (remove & attribute::exported)
                shell.exported_functions.erase(name);
        }
        return status;
    }
    // `declare -f name` shows the text alone; listings (and -p) add a line for the attributes.
    auto show = [&](const std::string& name, const FunctionDefinition& function, bool listing) {
        std::string attributes = function_attributes(shell, name);
        if (names_only) {
            out(listing ? "declare -f" + attributes + " " + name + "\n" : name + "\n");
            return;
        }
        out(function_text(function) + "\n");
        if ((listing || print) && !attributes.empty())
            out("declare -f" + attributes + " " + name + "\n");
    };
    int status = 0;
    for (size_t k = first; k < argv.size(); ++k) {
        auto it = shell.functions.find(argv[k]);
        if (it == shell.functions.end())
            status = 1;
        else
            show(argv[k], *it->second, false);
    }
    if (first == argv.size()) {
        for (const auto& [name, function] : shell.functions) {
            std::string attributes = function_attributes(shell, name);
            bool wanted = (!(add & attribute::exported) || attributes.find('x') != std::string::npos) &&
                          (!(add & attribute::readonly) || attributes.find('r') != std::string::npos);
            if (wanted)
                show(name, *function, true);
        }
    }
    return status;
}

// The work of declare, local, export and readonly: options, then name[=value] operands.
int declare_like(Shell& shell, std::vector<std::string>& argv, bool local, uint16_t implied) {
    if (local && !shell.local_options.empty() && std::find(argv.begin() + 1, argv.end(), "-") != argv.end()) {
        // `local -`: the function's return restores the shell options as they are now.
        if (!shell.local_options.back())
            shell.local_options.back() = shell.options;
        argv.erase(std::remove(argv.begin() + 1, argv.end(), "-"), argv.end());
        if (argv.size() == 1)
            return 0;
    }
    uint16_t add = implied, remove = 0;
    bool print = false, functions = false, global = false, names_only = false;
    size_t i = 1;
    for (; i < argv.size(); ++i) {
        const std::string& argument = argv[i];
        if (argument == "--") {
            ++i;
            break;
        }
        if (argument.size() < 2 || (argument[0] != '-' && argument[0] != '+'))
            break;
        for (char flag : argument.substr(1)) {
            if (flag == 'p') print = true;
            else if (flag == 'f' || flag == 'F') functions = true, names_only = names_only || flag == 'F';
            else if (flag == 'g') global = true;
            else if (flag == 'n' && implied == attribute::exported) remove |= attribute::exported;
            else if (uint16_t bits = flag_bits(flag)) (argument[0] == '-' ? add : remove) |= bits;
            else {
                return invalid_builtin_option(shell, argv[0], std::string("-") + flag);
            }
        }
    }
    if (functions)
        return declare_functions(shell, argv, i, add, remove, print, names_only);
    bool in_function = shell.in_function();
    bool make_local = (local || (in_function && (argv[0] == "declare" || argv[0] == "typeset"))) && !global;
    if (local && !in_function) {
        builtin_error(shell, argv[0], "can only be used in a function");
        return 1;
    }
    if (i == argv.size()) {
        for (const auto& name : shell.variables.names()) {
            const Variable* variable = shell.variables.find(name);
            if (variable && (add == 0 || (variable->attributes & add) == add))
                out(implied == attribute::exported ? declare_line(name, *variable).replace(0, 7, "declare")
                                                    : declare_line(name, *variable));
        }
        return 0;
    }
    int status = 0;
    for (; i < argv.size(); ++i) {
        NameValue operand = split_assignment(argv[i]);
        std::string name = operand.name;
        size_t bracket = name.find('[');
        std::optional<std::string> key;
        if (bracket != std::string::npos && name.back() == ']') {
            key = name.substr(bracket + 1, name.size() - bracket - 2);
            name.resize(bracket);
        }
        if (!Variables::valid_name(name)) {
            builtin_error(shell, argv[0], "`" + argv[i] + "': not a valid identifier");
            status = 1;
            continue;
        }
        if (print) {
            const Variable* variable = shell.variables.find(name);
            if (!variable) {
                builtin_error(shell, argv[0], name + ": not found");
                status = 1;
            } else {
                out(declare_line(name, *variable));
            }
            continue;
        }
        bool reference = (add | remove) & attribute::nameref;  // -n/+n work on the reference itself
        Variable* existing = reference ? shell.variables.find_raw(name) : shell.variables.find(name);
        if (existing && (existing->attributes & attribute::readonly) && (operand.value || (remove & attribute::readonly))) {
            builtin_error(shell, argv[0], name + ": readonly variable");
            status = 1;
            continue;
        }
        if (!make_local && existing && !convertible(shell, argv[0], name, *existing, add)) {
            status = 1;
            continue;
        }
        Variable& variable = make_local ? shell.variables.declare(name, true) : (existing ? *existing : shell.variables.declare(name, false));
        variable.attributes = static_cast<uint16_t>((variable.attributes | (add & ~attribute::readonly)) & ~remove);
        if (reference) {
            if (operand.value)
                variable.value = *operand.value;
        } else if (auto compound = shell.compound_operands.find(i); compound != shell.compound_operands.end()) {
            if (!assign_compound(shell, *compound->second))
                status = 1;
        } else if (operand.value && !assign_value(shell, name, key, *operand.value, operand.append)) {
            status = 1;
        }
        if (add & attribute::readonly)
            if (Variable* made = reference ? shell.variables.find_raw(name) : shell.variables.find(name))
                made->attributes |= attribute::readonly;
    }
    return status;
}

}  // namespace

int builtin_declare(Shell& shell, std::vector<std::string>& argv) { return declare_like(shell, argv, false, 0); }
int builtin_local(Shell& shell, std::vector<std::string>& argv) { return declare_like(shell, argv, true, 0); }
int builtin_export(Shell& shell, std::vector<std::string>& argv) {
    return declare_like(shell, argv, false, attribute::exported);
}
int builtin_readonly(Shell& shell, std::vector<std::string>& argv) {
    return declare_like(shell, argv, false, attribute::readonly);
}

int builtin_unset(Shell& shell, std::vector<std::string>& argv) {
    bool functions = false, variables_only = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        functions = argv[i].find('f') != std::string::npos;
        variables_only = argv[i].find('v') != std::string::npos;
    }
    int status = 0;
    for (; i < argv.size(); ++i) {
        const std::string& name = argv[i];
        if (functions) {
            if (shell.readonly_functions.contains(name)) {
                builtin_error(shell, "unset", name + ": cannot unset: readonly function");
                status = 1;
            } else {
                remove_function(shell, name);
            }
            continue;
        }
        size_t bracket = name.find('[');
        if (bracket != std::string::npos && name.back() == ']') {
            Variable* variable = shell.variables.find(name.substr(0, bracket));
            std::string key = name.substr(bracket + 1, name.size() - bracket - 2);
            if (variable && !variable->is_assoc()) {
                auto index = arithmetic(shell, key);
                if (!index)
                    return 1;
                key = std::to_string(*index);
            }
            if (variable)
                variable->unset_element(key);
            continue;
        }
        if (!Variables::valid_name(name)) {
            if (!variables_only) {  // bash: without -v an invalid name may still be a function
                remove_function(shell, name);
                continue;
            }
            builtin_error(shell, "unset", "`" + name + "': not a valid identifier");
            status = 1;
            continue;
        }
        bool was_variable = shell.variables.find(name) != nullptr;
        if (shell.variables.unset(name) == AssignError::readonly) {
            builtin_error(shell, "unset", name + ": cannot unset: readonly variable");
            status = 1;
        } else if (!was_variable && !variables_only) {
            remove_function(shell, name);  // bash: unset without -f falls back to a function
        }
    }
    return status;
}

int builtin_shift(Shell& shell, std::vector<std::string>& argv) {
    size_t count = 1;
    if (argv.size() > 2) {
        builtin_error(shell, "shift", "too many arguments");
        return 1;
    }
    if (argv.size() > 1) {
        int64_t value = 0;
        auto [end, error] = std::from_chars(argv[1].data(), argv[1].data() + argv[1].size(), value);
        if (error != std::errc{} || end != argv[1].data() + argv[1].size()) {
            builtin_error(shell, "shift", argv[1] + ": numeric argument required");
            return 1;
        }
        if (value < 0) {
            builtin_error(shell, "shift", argv[1] + ": shift count out of range");
            return 1;
        }
        count = static_cast<size_t>(value);
    }
    if (count > shell.positional.size()) {
        if (shell.options.shift_verbose)
            builtin_error(shell, "shift", argv[1] + ": shift count out of range");
        return 1;
    }
    shell.positional.erase(shell.positional.begin(), shell.positional.begin() + static_cast<long>(count));
    return 0;
}

int builtin_let(Shell& shell, std::vector<std::string>& argv) {
    if (argv.size() < 2) {
        builtin_error(shell, "let", "expression expected");
        return 1;
    }
    int64_t last = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        auto value = arithmetic(shell, argv[i], "let");
        if (!value)
            return 1;
        last = *value;
    }
    return last != 0 ? 0 : 1;
}

}  // namespace sh
