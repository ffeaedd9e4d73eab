// break, continue, return, exit: they set the shell's flow and the commands around unwind.
#include <charconv>

#include "sh/builtins/builtins.h"

namespace sh {

namespace {

std::optional<int64_t> number(std::string_view text) {
    int64_t value = 0;
    if (!text.empty() && text[0] == '+')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

int loop_control(Shell& shell, std::vector<std::string>& argv, Flow flow) {
    int64_t levels = 1;
    if (argv.size() > 1) {
        auto parsed = number(argv[1]);
        if (!parsed) {
            builtin_error(shell, argv[0], argv[1] + ": numeric argument required");
            return 1;
        }
        if (*parsed < 1) {
            builtin_error(shell, argv[0], argv[1] + ": loop count out of range");
            return 1;
        }
        levels = *parsed;
    }
    if (shell.loop_depth == 0) {
        builtin_error(shell, argv[0], "only meaningful in a `for', `while', or `until' loop");
        return 0;
    }
    shell.flow = flow;
    shell.flow_levels = static_cast<int>(std::min<int64_t>(levels, shell.loop_depth));
    return 0;
}

}  // namespace

int builtin_break(Shell& shell, std::vector<std::string>& argv) { return loop_control(shell, argv, Flow::breaking); }
int builtin_continue(Shell& shell, std::vector<std::string>& argv) {
    return loop_control(shell, argv, Flow::continuing);
}

int builtin_return(Shell& shell, std::vector<std::string>& argv) {
    int status = shell.status;
    if (argv.size() > 1) {
        auto parsed = number(argv[1]);
        if (!parsed) {
            builtin_error(shell, "return", argv[1] + ": numeric argument required");
            status = 2;
        } else {
            status = static_cast<int>(*parsed & 0xff);
        }
    }
    if (shell.frames.empty()) {
        builtin_error(shell, "return", "can only `return' from a function or sourced script");
        return 2;
    }
    shell.flow = Flow::returning;
    shell.return_status = status;
    return status;
}

int builtin_exit(Shell& shell, std::vector<std::string>& argv) {
    int status = shell.status;
    if (argv.size() > 1) {
        auto parsed = number(argv[1]);
        if (!parsed) {
            builtin_error(shell, "exit", argv[1] + ": numeric argument required");
            status = 2;
        } else if (argv.size() > 2) {
            builtin_error(shell, "exit", "too many arguments");
            return 1;
        } else {
            status = static_cast<int>(*parsed & 0xff);
        }
    }
    if (shell.options.interactive && !shell.is_child)
        write_fd(2, "exit\n");
    shell.flow = Flow::exiting;
    shell.exit_status = status;
    return status;
}

// caller [N]: where the current function (or the Nth one up) was called from.
int builtin_caller(Shell& shell, std::vector<std::string>& argv) {
    if (shell.frames.empty())
        return 1;
    auto lines = shell.call_lines();
    auto files = shell.source_names();
    if (argv.size() < 2) {
        out(lines[0] + " " + files[1] + "\n");
        return 0;
    }
    auto names = shell.function_names();
    size_t level = 0;
    auto [end, error] = std::from_chars(argv[1].data(), argv[1].data() + argv[1].size(), level);
    if (error != std::errc{} || end != argv[1].data() + argv[1].size()) {
        builtin_error(shell, "caller", argv[1] + ": invalid number");
        return 2;
    }
    if (level + 1 >= files.size() || level + 1 >= names.size())
        return 1;
    out(lines[level] + " " + names[level + 1] + " " + files[level + 1] + "\n");
    return 0;
}

}  // namespace sh
