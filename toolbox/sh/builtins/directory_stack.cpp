// pushd, popd and dirs. The stack as dirs shows it is the working directory followed by the saved
// ones (shell.directory_stack, its back() next to the top); $DIRSTACK mirrors it after each change.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "sh/builtins/builtins.h"
#include "sh/builtins/directories.h"

namespace sh {

namespace {

// The whole stack, index 0 first: the working directory, then the saved ones.
std::vector<std::string> whole_stack(Shell& shell) {
    std::vector<std::string> stack{current(shell)};
    stack.insert(stack.end(), shell.directory_stack.rbegin(), shell.directory_stack.rend());
    return stack;
}

void sync_dirstack(Shell& shell) {
    Variable& variable = shell.variables.declare("DIRSTACK", false);
    variable.elements.clear();
    variable.value.reset();
    variable.attributes |= attribute::indexed_array;
    auto stack = whole_stack(shell);
    for (size_t i = 0; i < stack.size(); ++i)
        variable.set_element(std::to_string(i), stack[i]);
}

// Makes `stack` the stack: changes to stack[0] unless `stay` (-n), keeps the rest.
int adopt(Shell& shell, const char* builtin, std::vector<std::string> stack, bool stay) {
    if (!stay && stack.front() != current(shell) && change_directory(shell, builtin, stack.front(), false) != 0)
        return 1;
    shell.directory_stack.assign(stack.rbegin(), stack.rend() - 1);
    sync_dirstack(shell);
    return 0;
}

std::string with_tilde(Shell& shell, const std::string& path) {
    auto home = shell.variables.get("HOME");
    if (home && !home->empty() && path.rfind(*home, 0) == 0 && (path.size() == home->size() || path[home->size()] == '/'))
        return "~" + path.substr(home->size());
    return path;
}

struct DirsFormat {
    bool full{false};      // -l: no ~
    bool per_line{false};  // -p
    bool numbered{false};  // -v
};

void print_stack(Shell& shell, const DirsFormat& format, std::optional<size_t> only = std::nullopt) {
    auto stack = whole_stack(shell);
    std::string text;
    for (size_t i = 0; i < stack.size(); ++i) {
        if (only && *only != i)
            continue;
        std::string path = format.full ? stack[i] : with_tilde(shell, stack[i]);
        if (format.numbered) {
            char index[16];
            std::snprintf(index, sizeof index, "%2zu  ", i);
            text += index + path + "\n";
        } else {
            text += path + (format.per_line || only ? "\n" : i + 1 < stack.size() ? " " : "\n");
        }
    }
    out(text);
}

// +N counts from the left of dirs' listing, -N from the right; nullopt if it is not one.
std::optional<long> stack_index(const std::string& argument, size_t size) {
    if (argument.size() < 2 || (argument[0] != '+' && argument[0] != '-'))
        return std::nullopt;
    char* end = nullptr;
    long n = std::strtol(argument.c_str() + 1, &end, 10);
    if (*end != '\0' || n < 0)
        return std::nullopt;
    return argument[0] == '+' ? n : static_cast<long>(size) - 1 - n;
}

int out_of_range(Shell& shell, const char* builtin, const std::string& argument) {
    builtin_error(shell, builtin, argument + ": directory stack index out of range");
    return 1;
}

}  // namespace

int builtin_pushd(Shell& shell, std::vector<std::string>& argv) {
    bool stay = false;
    size_t i = 1;
    if (i < argv.size() && argv[i] == "-n")
        stay = true, ++i;
    auto stack = whole_stack(shell);
    if (i >= argv.size()) {  // swap the top two
        if (stack.size() < 2) {
            builtin_error(shell, "pushd", "no other directory");
            return 1;
        }
        std::swap(stack[0], stack[1]);
    } else if (auto index = stack_index(argv[i], stack.size())) {  // rotate
        if (*index < 0 || *index >= static_cast<long>(stack.size()))
            return out_of_range(shell, "pushd", argv[i]);
        std::rotate(stack.begin(), stack.begin() + *index, stack.end());
    } else {
        std::string here = current(shell);
        if (!stay && change_directory(shell, "pushd", argv[i], false) != 0)
            return 1;
        shell.directory_stack.push_back(here);
        if (stay)  // -n: the new directory goes second; the working directory stays
            shell.directory_stack.back() = argv[i];
        sync_dirstack(shell);
        print_stack(shell, {});
        return 0;
    }
    if (adopt(shell, "pushd", std::move(stack), stay) != 0)
        return 1;
    print_stack(shell, {});
    return 0;
}

int builtin_popd(Shell& shell, std::vector<std::string>& argv) {
    bool stay = false;
    size_t i = 1;
    if (i < argv.size() && argv[i] == "-n")
        stay = true, ++i;
    auto stack = whole_stack(shell);
    if (stack.size() < 2) {
        builtin_error(shell, "popd", "directory stack empty");
        return 1;
    }
    long index = stay ? 1 : 0;
    if (i < argv.size()) {
        auto given = stack_index(argv[i], stack.size());
        if (!given)
            return invalid_builtin_option(shell, "popd", argv[i]);
        if (*given < 0 || *given >= static_cast<long>(stack.size()))
            return out_of_range(shell, "popd", argv[i]);
        index = *given;
    }
    stack.erase(stack.begin() + index);
    if (adopt(shell, "popd", std::move(stack), stay || index > 0) != 0)
        return 1;
    print_stack(shell, {});
    return 0;
}

int builtin_dirs(Shell& shell, std::vector<std::string>& argv) {
    DirsFormat format;
    std::optional<size_t> only;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& argument = argv[i];
        if (auto index = stack_index(argument, shell.directory_stack.size() + 1);
            index && argument.find_first_not_of("0123456789", 1) == std::string::npos) {
            if (*index < 0 || *index > static_cast<long>(shell.directory_stack.size()))
                return out_of_range(shell, "dirs", argument);
            only = static_cast<size_t>(*index);
            continue;
        }
        if (argument.size() < 2 || argument[0] != '-')
            return invalid_builtin_option(shell, "dirs", argument);
        for (char flag : argument.substr(1)) {
            if (flag == 'c') shell.directory_stack.clear();
            else if (flag == 'l') format.full = true;
            else if (flag == 'p') format.per_line = true;
            else if (flag == 'v') format.numbered = format.per_line = true;
            else return invalid_builtin_option(shell, "dirs", argument);
        }
        if (argument.find('c') != std::string::npos) {
            sync_dirstack(shell);
            return 0;
        }
    }
    print_stack(shell, format, only);
    return 0;
}

}  // namespace sh
