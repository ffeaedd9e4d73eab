#include "sh/substitution.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include "lib/io.h"
#include "sh/builtins/builtins.h"
#include "sh/process.h"
#include "sh/redirect.h"
#include "sh/trace.h"

namespace sh {

namespace {

// $(cmd args) with a literal command that is no function or builtin: spawn it directly rather
// than through a child shell (one process instead of two).
std::optional<std::vector<std::string>> direct_command(const Shell& shell, const Program& program) {
    if (program.items.size() != 1 || program.items[0].background || !program.items[0].and_or.rest.empty())
        return std::nullopt;
    const Pipeline& pipeline = program.items[0].and_or.first;
    if (pipeline.commands.size() != 1 || pipeline.negated || pipeline.timed)
        return std::nullopt;
    auto* simple = std::get_if<SimpleCommand>(&pipeline.commands[0].node);
    if (!simple || !simple->assignments.empty() || !simple->redirects.empty() || simple->words.empty())
        return std::nullopt;
    std::vector<std::string> argv;
    for (const auto& word : simple->words) {
        if (word.parts.size() != 1)
            return std::nullopt;
        auto* literal = std::get_if<Literal>(&word.parts[0]);
        if (!literal || (!literal->quoted && literal->text.find_first_of("*?[{~") != std::string::npos))
            return std::nullopt;
        argv.push_back(literal->text);
    }
    if (shell.functions.contains(argv[0]) || lookup_builtin(shell, argv[0]))
        return std::nullopt;
    return argv;
}

// $(< file): the one input redirection of an otherwise empty command; bash reads the file itself.
const Redirect* file_to_read(const Program& program) {
    if (program.items.size() != 1 || program.items[0].background || !program.items[0].and_or.rest.empty())
        return nullptr;
    const Pipeline& pipeline = program.items[0].and_or.first;
    if (pipeline.commands.size() != 1 || pipeline.negated || pipeline.timed)
        return nullptr;
    auto* simple = std::get_if<SimpleCommand>(&pipeline.commands[0].node);
    if (!simple || !simple->assignments.empty() || !simple->words.empty() || simple->redirects.size() != 1)
        return nullptr;
    const Redirect& redirect = simple->redirects[0];
    return redirect.op == RedirectOp::input && redirect.fd <= 0 ? &redirect : nullptr;
}

std::string read_file_contents(Shell& shell, const Redirect& redirect) {
    RedirectSource source = open_redirect(shell, redirect, 0);
    shell.last_substitution_status = source.fd < 0 ? 1 : 0;
    shell.status = shell.last_substitution_status;
    if (source.fd < 0)
        return std::string();
    int read_error = 0;
    std::string output = toolbox::read_all(source.fd, read_error);
    ::close(source.fd);
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    return output;
}

}  // namespace

std::optional<std::string> command_substitution(Shell& shell, const CommandSubstitution& substitution) {
    if (const Redirect* file = substitution.program ? file_to_read(*substitution.program) : nullptr)
        return read_file_contents(shell, *file);
    int ends[2];
    if (pipe2(ends, SX_O_CLOEXEC) != 0) {
        shell.error("cannot make pipe for command substitution");
        return std::nullopt;
    }
    ChildFds fds;
    fds.map(1, ends[1]);
    SpawnResult child;
    auto direct = substitution.program ? direct_command(shell, *substitution.program) : std::nullopt;
    ++shell.trace_level;  // what it runs is traced one level deeper (set -x)
    if (direct) {
        trace_command(shell, *direct);  // as the child shell it replaces would have
        child = spawn_external(shell, *direct, {}, fds);
    } else {
        child = spawn_child_shell(shell, substitution.source, fds, substitution.line);
    }
    --shell.trace_level;
    ::close(ends[1]);
    if (child.pid < 0) {
        ::close(ends[0]);
        shell.last_substitution_status = report_spawn_error(shell, direct ? direct->front() : "sh", child.error);
        shell.status = shell.last_substitution_status;
        return std::string();
    }
    int read_error = 0;
    std::string output = toolbox::read_all(ends[0], read_error);
    ::close(ends[0]);
    shell.last_substitution_status = wait_for(shell, child.pid);
    shell.status = shell.last_substitution_status;
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    return output;
}

std::optional<std::string> process_substitution(Shell& shell, const ProcessSubstitution& substitution) {
    int ends[2];
    if (pipe2(ends, SX_O_CLOEXEC) != 0) {
        shell.error("cannot make pipe for process substitution");
        return std::nullopt;
    }
    int child_end = substitution.output ? ends[0] : ends[1];
    int our_end = substitution.output ? ends[1] : ends[0];
    ChildFds fds;
    fds.map(substitution.output ? 0 : 1, child_end);
    ++shell.trace_level;
    auto child = spawn_child_shell(shell, substitution.source, fds, substitution.line);
    --shell.trace_level;
    ::close(child_end);
    if (child.pid < 0) {
        ::close(our_end);
        report_spawn_error(shell, "sh", child.error);
        return std::nullopt;
    }
    // Out of the way of the descriptors scripts use (bash takes 63 down): `exec 3< <(…)` must not
    // name the descriptor the substitution itself is on.
    if (int high = sx_fcntl(our_end, 0 /* F_DUPFD */, 60); high >= 0) {
        ::close(our_end);
        our_end = high;
    }
    (void)sx_fcntl(our_end, F_SETFD, 0);  // the command that names /dev/fd/N inherits it
    shell.substitution_fds.push_back(our_end);
    shell.substitution_pids.push_back(child.pid);
    return "/dev/fd/" + std::to_string(our_end);
}

void close_process_substitutions(Shell& shell) {
    for (int fd : shell.substitution_fds)
        ::close(fd);
    shell.substitution_fds.clear();
    for (int pid : shell.substitution_pids)
        shell.background_jobs.push_back(pid);  // reaped by `wait` or at exit
    shell.substitution_pids.clear();
}

}  // namespace sh
