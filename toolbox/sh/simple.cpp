// Simple commands: assignments, expansion, and the lookup that runs a function, a builtin or an
// external command. set -x shows the assignments as they are done, then the words (trace.h).
#include <unistd.h>

#include <map>

#include "sh/assign.h"
#include "sh/builtins/builtins.h"
#include "sh/execute.h"
#include "sh/expand.h"
#include "sh/process.h"
#include "sh/quote.h"
#include "sh/redirect.h"
#include "sh/trace.h"
#include "sh/traps.h"

namespace sh {

namespace {

// A variable set for one command only, and what it was before.
struct SavedVariable {
    std::string name;
    std::optional<Variable> before;
};

// Assignments that stay: a command with no name.
int assign_all(Shell& shell, const std::vector<Assignment>& assignments) {
    for (const auto& assignment : assignments)
        if (!perform_assignment(shell, assignment, false))
            return 1;
    return 0;
}

// name=value before a function or regular builtin: visible during it, restored after.
std::vector<SavedVariable> assign_temporarily(Shell& shell, const std::vector<Assignment>& assignments, bool& ok) {
    std::vector<SavedVariable> saved;
    for (const auto& assignment : assignments) {
        const Variable* before = shell.variables.find(assignment.name);
        saved.push_back({assignment.name, before ? std::optional<Variable>(*before) : std::nullopt});
        // A readonly name is reported and the command still runs; a failed expansion stops it.
        if (!perform_assignment(shell, assignment, true) && shell.flow != Flow::normal) {
            ok = false;
            break;
        }
    }
    return saved;
}

void restore(Shell& shell, std::vector<SavedVariable>& saved) {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
        if (it->before) {
            Variable& variable = shell.variables.declare(it->name, false);
            if (Variable* current = shell.variables.find(it->name))
                *current = *it->before;
            else
                variable = *it->before;
        } else {
            (void)shell.variables.unset(it->name);
        }
    }
}

int run_external(Shell& shell, const SimpleCommand& command, const std::vector<std::string>& argv) {
    std::vector<std::string> environment;
    for (const auto& assignment : command.assignments) {
        auto value = assignment.value ? expand_string(shell, *assignment.value) : std::optional<std::string>("");
        if (!value)
            return 1;
        if (shell.options.xtrace)
            trace_line(shell, (assignment.trace_text.empty() ? assignment.name + "=" : assignment.trace_text) +
                                  trace_value(shell, *value));
        environment.push_back(assignment.name + "=" + *value);
    }
    trace_command(shell, argv);
    ChildRedirects redirects(shell, command.redirects);
    if (!redirects.ok())
        return 1;
    ChildFds fds = redirects.fds();
    bool job = join_job(shell, fds, 0, true);
    auto child = spawn_command(shell, argv, environment, fds);
    if (child.pid < 0) {
        // bash reports this in the child, after its redirections: `nosuch 2>/dev/null` is quiet.
        RedirectScope applied(shell, command.redirects);
        return report_spawn_error(shell, argv.front(), child.error);
    }
    return job ? wait_foreground(shell, {child.pid}, child.pid, shell.job_text) : wait_for(shell, child.pid);
}

int run_builtin(Shell& shell, const Builtin& builtin, const SimpleCommand& command, std::vector<std::string>& argv) {
    // bash (outside POSIX mode) makes name=value before any builtin last for that builtin only.
    bool ok = true;
    std::vector<SavedVariable> saved = assign_temporarily(shell, command.assignments, ok);
    if (!ok) {
        restore(shell, saved);
        return 1;
    }
    trace_command(shell, argv);
    int status;
    {
        RedirectScope redirects(shell, command.redirects);
        if (!redirects.ok()) {
            restore(shell, saved);
            return 1;
        }
        status = builtin.run(shell, argv);
        if (builtin.keeps_redirections && argv.size() == 1)
            redirects.keep();  // `exec >file`: the redirections stay
    }
    restore(shell, saved);
    return status;
}

int run_function(Shell& shell, const FunctionDefinition& function, const SimpleCommand& command,
                 std::vector<std::string>& argv) {
    bool ok = true;
    auto saved = assign_temporarily(shell, command.assignments, ok);
    int status = 1;
    if (ok) {
        trace_command(shell, argv);
        RedirectScope redirects(shell, command.redirects);
        if (redirects.ok())
            status = call_function(shell, function, {argv.begin() + 1, argv.end()});
    }
    restore(shell, saved);
    return status;
}

// The words of declare, local, … when some operands are `name=(…)`: those stay one argument each
// (recorded in shell.compound_operands for the builtin), the rest expand as usual.
std::optional<std::vector<std::string>> expand_declaration(Shell& shell, const SimpleCommand& command) {
    std::map<size_t, const Assignment*> compound;
    for (const auto& [index, assignment] : command.declarations)
        if (assignment.array)
            compound.emplace(index, &assignment);
    if (compound.empty())
        return expand_fields(shell, command.words);
    std::vector<std::string> argv;
    shell.compound_operands.clear();
    for (size_t i = 0; i < command.words.size(); ++i) {
        if (auto it = compound.find(i); it != compound.end()) {
            shell.compound_operands.emplace(argv.size(), it->second);
            argv.push_back(it->second->name + (it->second->append ? "+=(…)" : "=(…)"));
            continue;
        }
        auto fields = expand_word(shell, command.words[i]);
        if (!fields)
            return std::nullopt;
        argv.insert(argv.end(), fields->begin(), fields->end());
    }
    return argv;
}

}  // namespace

int execute_simple(Shell& shell, const SimpleCommand& command) {
    shell.last_substitution_status = 0;
    auto argv = command.declarations.empty() ? expand_fields(shell, command.words) : expand_declaration(shell, command);
    if (!argv)
        return shell.status = 1;
    if (argv->empty()) {
        // Assignments and redirections only: both take effect in this shell.
        int status = assign_all(shell, command.assignments);
        if (status != 0)
            shell.expansion_failed();  // a readonly name too ends the command line (bash)
        if (status == 0 && !command.redirects.empty()) {
            RedirectScope redirects(shell, command.redirects);
            status = redirects.ok() ? 0 : 1;
        }
        if (status == 0)
            status = shell.last_substitution_status;
        shell.set_status(status);
        return status;
    }
    shell.variables.set("_", argv->back());  // $_: the last argument of the last simple command
    const std::string& name = argv->front();
    int status;
    if (auto it = shell.functions.find(name); it != shell.functions.end()) {
        auto function = it->second;  // the call may redefine it
        status = run_function(shell, *function, command, *argv);
    } else if (const Builtin* builtin = lookup_builtin(shell, name)) {
        status = run_builtin(shell, *builtin, command, *argv);
        shell.compound_operands.clear();
    } else if (shell.jobs.enabled && name.size() > 1 && name[0] == '%') {
        argv->insert(argv->begin(), "fg");  // `%1` is `fg %1` (bash)
        status = run_builtin(shell, *find_builtin("fg"), command, *argv);
    } else {
        status = run_external(shell, command, *argv);
    }
    shell.set_status(status);
    return status;
}

int call_function(Shell& shell, const FunctionDefinition& function, std::vector<std::string> arguments) {
    constexpr size_t k_max_depth = 1000;  // bash's FUNCNEST is unlimited; our stack is not
    if (shell.frames.size() >= k_max_depth) {
        shell.error(function.name + ": maximum function nesting level exceeded (" + std::to_string(k_max_depth) + ")");
        return 1;
    }
    std::swap(shell.positional, arguments);
    uint32_t call_line = shell.line;
    HiddenTraps hidden(shell);
    auto file = shell.function_files.find(function.name);
    shell.frames.push_back(CallFrame{function.name, file == shell.function_files.end() ? shell.name : file->second,
                                     shell.line + shell.line_base});
    shell.variables.push_scope();
    shell.local_options.emplace_back();
    int saved_loops = shell.loop_depth;
    shell.loop_depth = 0;
    int status = 1;
    // Under set -T the DEBUG trap runs once more as the body starts, still naming the call.
    if (!shell.options.functrace || begin_command(shell, std::string(shell.bash_command), function.body->span.line))
        status = execute_command(shell, *function.body);
    if (shell.flow == Flow::returning) {
        shell.flow = Flow::normal;
        status = shell.return_status;
    }
    shell.loop_depth = saved_loops;
    shell.variables.pop_scope();
    if (shell.local_options.back())
        shell.options = *shell.local_options.back();
    shell.local_options.pop_back();
    shell.frames.pop_back();
    std::swap(shell.positional, arguments);
    if (shell.traps.contains(k_return_trap) && shell.flow == Flow::normal)
        shell.run_trap(k_return_trap);
    hidden.restore(shell);
    shell.line = call_line;
    return status;
}

}  // namespace sh
