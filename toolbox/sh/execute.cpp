// Lists, and-or lists, pipelines and compound commands.
#include "sh/execute.h"

#include <algorithm>
#include <optional>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/expand.h"
#include "sh/parent_stage.h"
#include "sh/process.h"
#include "sh/redirect.h"
#include "sh/trace.h"
#include "sh/traps.h"

namespace sh {

namespace {

// The text a child shell runs for a list: its items as written, on the lines they were on
// relative to the first (so the child's line numbers match this shell's).
std::string program_source(const Program& program) {
    std::string text;
    uint32_t line = program.items.empty() ? 0 : program.items.front().and_or.first.span.line;
    for (const auto& item : program.items) {
        uint32_t item_line = item.and_or.first.span.line;
        if (!text.empty())
            text += item_line > line ? std::string(item_line - line, '\n') : std::string(text.back() == '&' ? " " : "; ");
        line = std::max(line, item_line + static_cast<uint32_t>(std::count(item.source.begin(), item.source.end(), '\n')));
        text += item.source;
        if (item.background && (text.empty() || text.back() != '&'))
            text += " &";
    }
    return text + "\n";
}

bool stop_requested(const Shell& shell) { return shell.flow != Flow::normal; }

// A literal first word that names no function or builtin: the stage can be spawned directly.
bool is_plain_external(const Shell& shell, const Command& command) {
    auto* simple = std::get_if<SimpleCommand>(&command.node);
    if (!simple || simple->words.empty() || !simple->assignments.empty())
        return false;
    const Word& first = simple->words.front();
    if (first.parts.size() != 1)
        return false;
    auto* literal = std::get_if<Literal>(&first.parts.front());
    return literal && !shell.functions.contains(literal->text) && !lookup_builtin(shell, literal->text);
}

// A started stage or job: its pid, or -1 and the status it ended with before it began.
struct Started {
    int pid{-1};
    int status{127};
};

// A command that could not start says so where its standard error would have gone (`nosuch 2>&1 |
// cat` reports into the pipe), as the child bash forks would.
int report_on_its_stderr(Shell& shell, const ChildFds& fds, const std::string& command, int error) {
    int target = fds.source_of(2);
    int saved = target != 2 ? sx_fcntl(2, 1030 /* F_DUPFD_CLOEXEC */, 10) : -1;
    if (saved >= 0)
        dup2(target, 2);
    int status = report_spawn_error(shell, command, error);
    if (saved >= 0) {
        dup2(saved, 2);
        ::close(saved);
    }
    return status;
}

// A plain external command (is_plain_external) spawned with `fds`. Its words are expanded here
// as its child shell would: a failed expansion or redirection ends only it, with status 1.
Started start_external(Shell& shell, const Command& command, const ChildFds& fds) {
    const auto& simple = std::get<SimpleCommand>(command.node);
    shell.line = command.span.line;  // for its error messages
    Flow flow = shell.flow;
    auto argv = expand_fields(shell, simple.words);
    shell.flow = flow;
    if (!argv)
        return {-1, 1};
    trace_command(shell, *argv);  // the child shell it stands for would trace it (bash)
    ChildRedirects redirects(shell, simple.redirects, fds);
    if (!redirects.ok())
        return {-1, 1};
    auto child = spawn_external(shell, *argv, {}, redirects.fds());
    if (child.pid < 0)
        return {-1, report_on_its_stderr(shell, redirects.fds(), argv->front(), child.error)};
    return {child.pid, 0};
}

Started spawn_stage(Shell& shell, const Command& command, const ChildFds& stdio) {
    if (is_plain_external(shell, command))
        return start_external(shell, command, stdio);
    auto child = spawn_child_shell(shell, command.source, stdio, command.span.line);
    if (child.pid < 0)
        return {-1, report_spawn_error(shell, "sh", child.error)};
    return {child.pid, 0};
}

// `cmd &` for an external command is spawned directly, so that $! is the command's own pid
// (`kill $!` must reach it, not a shell in between); anything else runs in a child shell.
SpawnResult spawn_background(Shell& shell, const ListItem& item, const ChildFds& fds) {
    const Pipeline& first = item.and_or.first;
    if (!item.and_or.rest.empty() || first.negated || first.timed || first.commands.size() != 1 ||
        !is_plain_external(shell, first.commands.front()))
        return spawn_child_shell(shell, item.source, fds);
    Started started = start_external(shell, first.commands.front(), fds);
    if (started.pid > 0)
        return {started.pid, 0};
    return spawn_child_shell(shell, "exit " + std::to_string(started.status), fds);  // a job for $! and wait
}

int run_background(Shell& shell, const ListItem& item) {
    std::string_view text = item.source;
    if (shell.jobs.enabled && !shell.is_child && text.starts_with('%') &&
        text.find_first_of(" \t\n") == std::string_view::npos) {
        std::vector<std::string> argv{"bg", std::string(text)};  // `%1 &` is `bg %1` (bash)
        return find_builtin("bg")->run(shell, argv);
    }
    // Without job control a background job reads /dev/null unless it redirects its input (bash).
    ChildFds fds;
    bool job = join_job(shell, fds, 0, false);
    int null_fd = shell.options.monitor || job ? -1 : ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd >= 0)
        fds.map(0, null_fd);
    auto child = spawn_background(shell, item, fds);
    if (null_fd >= 0)
        ::close(null_fd);
    if (child.pid < 0)
        return report_spawn_error(shell, "sh", child.error);
    shell.last_background = child.pid;
    shell.background_jobs.push_back(child.pid);
    if (job) {
        Job& entry = shell.jobs.add(child.pid, {child.pid}, item.source, Job::State::running);
        std::string notice = "[" + std::to_string(entry.number) + "] " + std::to_string(child.pid) + "\n";
        (void)::write(2, notice.data(), notice.size());
    }
    return 0;
}

// shopt -s lastpipe (without job control): the last stage runs in this shell, reading the pipe.
int run_in_shell(Shell& shell, const Command& command, int input) {
    int saved = sx_fcntl(0, 1030 /* F_DUPFD_CLOEXEC */, 10);
    if (input >= 0) {
        dup2(input, 0);
        ::close(input);
    }
    int status = execute_command(shell, command);
    if (saved >= 0) {
        dup2(saved, 0);
        ::close(saved);
    }
    return status;
}

// One stage may run in this shell (parent_stage.h); it runs once every other stage is started,
// so a reader is there for whatever it writes.
struct ParentStage {
    size_t index{0};
    int input{-1};  // kept open while it runs: a writer before it sees a reader, as with a child
    int output{-1};
    std::optional<std::vector<std::string>> argv;
};

int run_pipeline_stages(Shell& shell, const Pipeline& pipeline) {
    size_t count = pipeline.commands.size();
    std::vector<int> pids(count, -1);
    std::vector<int> failed(count, 127);  // the status of a stage that did not start
    int input = -1;
    bool job = false;
    bool lastpipe = shell.options.lastpipe && !shell.jobs.enabled;
    std::optional<int> last_status;  // lastpipe: the last stage ran in this shell
    std::optional<ParentStage> parent_stage;
    for (size_t i = 0; i < count; ++i) {
        int ends[2] = {-1, -1};
        bool last = i + 1 == count;
        // bash runs the DEBUG trap for a simple command's stage here, before starting it; the
        // ERR trap names the last stage.
        const Command& stage = pipeline.commands[i];
        shell.line = stage.span.line;
        if (auto* simple = std::get_if<SimpleCommand>(&stage.node); simple && !(last && lastpipe))
            (void)begin_command(shell, stage, simple->line);
        else
            name_command(shell, stage);
        if (!last && pipe2(ends, SX_O_CLOEXEC) != 0) {
            shell.error("pipe error");
            break;
        }
        if (!last && !lastpipe && !parent_stage && !(i < pipeline.stderr_too.size() && pipeline.stderr_too[i]) &&
            runs_in_parent(shell, pipeline.commands[i])) {
            parent_stage = ParentStage{i, input, ends[1], expand_parent_stage(shell, pipeline.commands[i])};
            input = ends[0];
            continue;
        }
        ChildFds stdio;
        // Later stages join the first one's group, which already has the terminal.
        job = join_job(shell, stdio, i == 0 ? 0 : pids[0], i == 0 || pids[0] <= 0);
        if (input >= 0)
            stdio.map(0, input);
        if (!last) {
            stdio.map(1, ends[1]);
            if (i < pipeline.stderr_too.size() && pipeline.stderr_too[i])
                stdio.map(2, ends[1]);
        }
        if (last && lastpipe) {
            last_status = run_in_shell(shell, pipeline.commands[i], input);
            input = -1;
            break;
        }
        Started started = spawn_stage(shell, pipeline.commands[i], stdio);
        pids[i] = started.pid;
        failed[i] = started.status;
        if (input >= 0)
            ::close(input);
        if (!last)
            ::close(ends[1]);
        input = ends[0];
    }
    std::optional<int> parent_status;
    if (parent_stage) {
        parent_status = parent_stage->argv ? run_parent_stage(shell, *parent_stage->argv, parent_stage->output) : 1;
        ::close(parent_stage->output);
        if (parent_stage->input >= 0)
            ::close(parent_stage->input);
    }
    shell.pipe_status.assign(count, 0);
    if (job) {
        std::vector<int> statuses;
        (void)wait_foreground(shell, pids, pids[0], shell.job_text, &statuses);
        for (size_t i = 0, k = 0; i < count; ++i)
            shell.pipe_status[i] = pids[i] > 0 && k < statuses.size() ? statuses[k++] : failed[i];
    } else {
        for (size_t i = 0; i < count; ++i)
            shell.pipe_status[i] = pids[i] > 0 ? wait_for(shell, pids[i]) : failed[i];
    }
    if (parent_status)
        shell.pipe_status[parent_stage->index] = *parent_status;
    if (last_status)
        shell.pipe_status.back() = *last_status;
    int status = shell.pipe_status.back();
    if (shell.options.pipefail)
        for (int stage : shell.pipe_status)
            if (stage != 0)
                status = stage;
    return status;
}

// One %[p][l]X of TIMEFORMAT: seconds with p (0-3) decimals, or with l as bash's MmS.FFFs.
std::string time_field(double seconds, int precision, bool long_form) {
    char text[64];
    if (long_form) {
        int minutes = static_cast<int>(seconds / 60);
        std::snprintf(text, sizeof text, "%dm%.*fs", minutes, precision, seconds - minutes * 60);
    } else {
        std::snprintf(text, sizeof text, "%.*f", precision, seconds);
    }
    return text;
}

// The `time` report: TIMEFORMAT's %R (real), %U and %S (CPU, not measured here: 0) and %P.
std::string time_report(const std::string& format, double real) {
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out += format[i];
            continue;
        }
        size_t j = i + 1;
        int precision = 3;
        bool long_form = false;
        if (std::isdigit(static_cast<unsigned char>(format[j])))
            precision = std::min(format[j++] - '0', 3);
        if (j < format.size() && format[j] == 'l')
            long_form = true, ++j;
        char field = j < format.size() ? format[j] : '\0';
        if (field == '%' && j == i + 1) out += '%';
        else if (field == 'R') out += time_field(real, precision, long_form);
        else if (field == 'U' || field == 'S') out += time_field(0, precision, long_form);
        else if (field == 'P') out += "0.00";
        else {
            out += format.substr(i, j - i + 1);
        }
        i = j;
    }
    return out;
}

// Whether the ERR trap runs when the pipeline fails: bash runs it for a failed simple command,
// subshell, [[ ]] or (( )), not again for the if, loop or group around one.
bool reports_failure(const Pipeline& pipeline) {
    if (pipeline.commands.size() != 1)
        return true;
    const CommandNode& node = pipeline.commands.front().node;
    return std::holds_alternative<SimpleCommand>(node) || std::holds_alternative<Subshell>(node) ||
           std::holds_alternative<ArithmeticCommand>(node) || std::holds_alternative<CondCommand>(node);
}

}  // namespace

int execute_untimed(Shell& shell, const Pipeline& pipeline);

void check_errexit(Shell& shell, int status, bool err_trap) {
    if (status == 0 || shell.in_condition || shell.flow != Flow::normal)
        return;
    if (err_trap)
        run_err_trap(shell);
    if (shell.options.errexit && shell.flow == Flow::normal) {
        shell.flow = Flow::exiting;
        shell.exit_status = status;
    }
}

int execute_program(Shell& shell, const Program& program) {
    int status = shell.status;
    ++shell.program_depth;
    for (const auto& item : program.items) {
        if (stop_requested(shell))
            break;
        if (shell.program_depth == 1 && shell.jobs.enabled)
            shell.job_text = item.source;  // what the job table shows for a job started here
        if (item.background) {
            status = run_background(shell, item);
            shell.set_status(status);
            continue;
        }
        status = execute_and_or(shell, item.and_or);
        shell.run_pending_traps();
    }
    --shell.program_depth;
    return status;
}

int execute_and_or(Shell& shell, const AndOr& list) {
    bool saved = shell.in_condition;
    // Every pipeline but the last is a condition for errexit's purposes.
    shell.in_condition = saved || !list.rest.empty();
    int status = execute_pipeline(shell, list.first);
    for (const auto& [op, pipeline] : list.rest) {
        if (stop_requested(shell))
            break;
        bool run = op == AndOr::Op::and_then ? status == 0 : status != 0;
        if (!run)
            continue;
        shell.in_condition = saved || &pipeline != &list.rest.back().second;
        status = execute_pipeline(shell, pipeline);
    }
    shell.in_condition = saved;
    return status;
}

int execute_pipeline(Shell& shell, const Pipeline& pipeline) {
    if (pipeline.timed) {
        auto start = std::chrono::steady_clock::now();
        int status = execute_untimed(shell, pipeline);
        double real = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        auto format = shell.variables.get("TIMEFORMAT");
        std::string text = pipeline.time_posix ? "real %2R\nuser %2U\nsys %2S"
                           : format             ? *format
                                                : "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";
        if (!text.empty())
            write_fd(2, time_report(text, real) + "\n");
        return status;
    }
    return execute_untimed(shell, pipeline);
}

int execute_untimed(Shell& shell, const Pipeline& pipeline) {
    bool saved = shell.in_condition;
    if (pipeline.negated)
        shell.in_condition = true;
    // A command that sets the ERR trap (a function, eval) does not run it for its own failure.
    bool err_trap = shell.traps.contains(k_err_trap) && reports_failure(pipeline);
    int status = 0;
    if (pipeline.commands.empty()) {
        shell.pipe_status = {0};  // a bare `time` or `!`
    } else if (pipeline.commands.size() == 1) {
        status = execute_command(shell, pipeline.commands.front());
        shell.pipe_status = {status};
    } else {
        status = run_pipeline_stages(shell, pipeline);
    }
    shell.in_condition = saved;
    if (pipeline.negated)
        status = status == 0 ? 1 : 0;
    shell.status = status;
    if (!pipeline.negated)
        check_errexit(shell, status, err_trap);
    return status;
}

int execute_command(Shell& shell, const Command& command) {
    shell.line = command.span.line;
    if (auto* simple = std::get_if<SimpleCommand>(&command.node)) {
        if (!begin_command(shell, command, simple->line))
            return shell.status;
        return execute_simple(shell, *simple);
    }
    if (auto* definition = std::get_if<FunctionDefinition>(&command.node)) {
        if (shell.readonly_functions.contains(definition->name)) {
            shell.error(definition->name + ": readonly function");
            return 1;
        }
        shell.functions[definition->name] = std::make_shared<const FunctionDefinition>(*definition);
        if (shell.frames.empty())
            shell.function_files.erase(definition->name);
        else
            shell.function_files[definition->name] = shell.current_file();
        return 0;
    }
    if (std::holds_alternative<Subshell>(command.node)) {
        name_command(shell, command);  // for the ERR trap; bash runs no DEBUG trap for it
        // The redirections apply to the child as a whole.
        ChildRedirects redirects(shell, command.redirects);
        if (!redirects.ok())
            return 1;
        const Program& body = *std::get<Subshell>(command.node).body;
        uint32_t first_line = body.items.empty() ? command.span.line : body.items.front().and_or.first.span.line;
        ChildFds fds = redirects.fds();
        bool job = join_job(shell, fds, 0, true);
        auto child = spawn_child_shell(shell, program_source(body), fds, first_line);
        if (child.pid < 0)
            return report_spawn_error(shell, "sh", child.error);
        return job ? wait_foreground(shell, {child.pid}, child.pid, shell.job_text) : wait_for(shell, child.pid);
    }
    RedirectScope redirects(shell, command.redirects);
    if (!redirects.ok())
        return 1;
    return execute_compound(shell, command);
}

}  // namespace sh
