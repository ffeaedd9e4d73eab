#include "sh/shell.h"

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <utility>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/execute.h"
#include "sh/lang/parser.h"
#include "sh/substitution.h"

namespace sh {

std::string Options::flags() const {
    std::string out;
    if (allexport) out += 'a';
    if (errexit) out += 'e';
    if (noglob) out += 'f';
    out += 'h';
    if (interactive) out += 'i';
    if (monitor) out += 'm';
    if (noexec) out += 'n';
    if (nounset) out += 'u';
    if (verbose) out += 'v';
    if (xtrace) out += 'x';
    out += 'B';
    if (noclobber) out += 'C';
    if (errtrace) out += 'E';
    if (functrace) out += 'T';
    return out;
}

Shell::Shell(std::string shell_name, std::vector<std::string> arguments)
    : name(std::move(shell_name)), positional(std::move(arguments)) {
    own_pid = shell_pid = getpid();
    random_state = static_cast<uint32_t>(own_pid) * 2654435761u ^
                   static_cast<uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    started_at_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int Shell::next_random() {
    random_state = random_state * 1103515245u + 12345u;
    return static_cast<int>((random_state >> 16) & 0x7fff);
}

// The variable holds the last value handed out once the script has assigned one; a value other
// than that is a new assignment.
std::string Shell::random_text() {
    auto stored = variables.get("RANDOM");
    if (stored && *stored != last_random)
        random_state = static_cast<uint32_t>(std::strtoll(stored->c_str(), nullptr, 10));
    last_random = std::to_string(next_random());
    if (stored)
        variables.set("RANDOM", last_random);
    return last_random;
}

std::string Shell::seconds_text() {
    int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto stored = variables.get("SECONDS");
    if (stored && *stored != last_seconds)
        started_at_seconds = now - std::strtoll(stored->c_str(), nullptr, 10);
    last_seconds = std::to_string(now - started_at_seconds);
    if (stored)
        variables.set("SECONDS", last_seconds);
    return last_seconds;
}

void Shell::set_status(int value) {
    status = value;
}

void Shell::error(std::string_view message) { error_at(line, message); }

void Shell::error_at(uint32_t at_line, std::string_view message) {
    std::string text = current_file() + ": line " + std::to_string(at_line + line_base) + ": " + std::string(message) + "\n";
    if (options.interactive && frames.empty())
        text = name + ": " + std::string(message) + "\n";
    (void)::write(2, text.data(), text.size());
}

void Shell::run_trap(int signal) {
    auto it = traps.find(signal);
    if (it == traps.end() || it->second.empty())
        return;
    int saved_status = status;
    std::string action = it->second;  // the action may change the trap
    Flow saved_flow = flow;
    uint32_t saved_line = line, saved_base = line_base;
    std::vector<int> saved_pipe_status = pipe_status;
    if (signal == k_err_trap || signal == k_debug_trap)
        line_base += line > 0 ? line - 1 : 0;
    flow = Flow::normal;
    // The EXIT trap is traced (set -x) at the script's level, the others one deeper (bash).
    int level = signal == k_exit_trap ? 0 : 1;
    trace_level += level;
    ++trap_depth;
    (void)run_source(action);
    --trap_depth;
    trace_level -= level;
    line = saved_line;
    line_base = saved_base;
    if (flow == Flow::normal)
        flow = saved_flow;
    if (signal != k_exit_trap) {
        status = saved_status;
        pipe_status = std::move(saved_pipe_status);
    }
}

void Shell::run_pending_traps() {
    close_process_substitutions(*this);
    auto handle = [this](int signal) {
        if (jobs.enabled && !is_child)
            interactive_signal(*this, signal);
        run_trap(signal);
    };
    for (int signal : std::exchange(deferred_signals, {}))
        handle(signal);
    while (int signal = sx_take_signal()) {
        if (signal < 0)
            break;
        handle(signal);
    }
}

void Shell::expansion_failed(bool fatal) {
    status = 1;
    if (flow != Flow::normal)
        return;
    if (fatal && !options.interactive) {
        flow = Flow::exiting;
        exit_status = command_string ? 127 : 1;
        return;
    }
    flow = Flow::aborting;
}

// set -v: the lines the parser read, as it reads them. A child shell's own text was read by its
// parent already (an eval or a trap action in it is read anew).
void Shell::echo_input(std::string_view text) {
    if (!options.verbose || text.empty() || (is_child && nested_depth == 0))
        return;
    std::string lines(text);
    if (lines.back() != '\n')
        lines += '\n';
    (void)::write(2, lines.data(), lines.size());
}

int Shell::run_source(std::string_view source) {
    ParseOptions parse_options;
    parse_options.extglob = options.extglob;
    parse_options.alias = [this](std::string_view word) -> const std::string* {
        if (!options.expand_aliases)
            return nullptr;
        auto it = aliases.find(std::string(word));
        return it == aliases.end() ? nullptr : &it->second;
    };
    Parser parser(source, parse_options);
    int result = status;
    while (flow != Flow::exiting) {
        parser.options().extglob = options.extglob;
        auto next = parser.next();
        echo_input(parser.take_read_text());
        for (const auto& warning : parser.take_warnings())
            error_at(warning.line, warning.message);
        if (!next)
            break;
        if (auto* failure = std::get_if<ParseError>(&*next)) {
            report_syntax_error(failure->line, failure->message);
            if (!failure->source_line.empty() && !options.interactive)
                report_syntax_error(failure->line, "`" + failure->source_line + "'");
            status = result = 2;
            if (!options.interactive && !nested_depth) {
                flow = Flow::exiting;
                exit_status = 2;
            }
            break;
        }
        const Program& program = std::get<Program>(*next);
        if (options.noexec)
            continue;
        result = execute_program(*this, program);
        if (flow == Flow::aborting) {
            status = result = 1;
            if (nested_depth > 0)
                break;  // eval's or the sourced file's remaining text goes too (run_nested)
            flow = is_child ? Flow::exiting : Flow::normal;  // a subshell is one command
            exit_status = 1;
        }
    }
    return result;
}

int Shell::run_nested(std::string_view source, const std::string* file) {
    uint32_t saved_base = line_base;
    std::string_view saved_context = syntax_context;
    if (file) {
        frames.push_back(CallFrame{"", *file, line + line_base});
        line_base = 0;
        syntax_context = {};
    } else {
        line_base += line > 0 ? line - 1 : 0;
        syntax_context = "eval";
    }
    ++nested_depth;
    ++trace_level;
    int result = run_source(source);
    --trace_level;
    --nested_depth;
    if (flow == Flow::aborting)
        flow = Flow::normal;  // the command that ran eval or source goes on
    if (file)
        frames.pop_back();
    line_base = saved_base;
    syntax_context = saved_context;
    return result;
}

void Shell::report_syntax_error(uint32_t at_line, std::string_view message) {
    if (syntax_context.empty())
        return error_at(at_line, message);
    std::string text = current_file() + ": " + std::string(syntax_context) + ": line " + std::to_string(at_line + line_base) +
                       ": " + std::string(message) + "\n";
    (void)::write(2, text.data(), text.size());
}

int Shell::execute(const Program& program) { return execute_program(*this, program); }

bool Shell::in_function() const {
    return std::any_of(frames.begin(), frames.end(), [](const CallFrame& frame) { return !frame.function.empty(); });
}

const std::string& Shell::current_file() const { return frames.empty() ? name : frames.back().file; }

// bash lists "source" for a sourced file and ends the list with "main", but only inside a function.
std::vector<std::string> Shell::function_names() const {
    std::vector<std::string> names;
    if (!in_function())
        return names;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
        names.push_back(it->function.empty() ? "source" : it->function);
    names.push_back("main");
    return names;
}

std::vector<std::string> Shell::source_names() const {
    std::vector<std::string> names;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
        names.push_back(it->file);
    names.push_back(name);
    return names;
}

std::vector<std::string> Shell::call_lines() const {
    std::vector<std::string> lines;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
        lines.push_back(std::to_string(it->call_line));
    lines.push_back("0");
    return lines;
}

int Shell::finish(int exit_code) {
    status = exit_code;
    if (traps.contains(k_exit_trap)) {
        std::string action = traps[k_exit_trap];
        traps.erase(k_exit_trap);
        flow = Flow::normal;
        (void)run_source(action);
        if (flow == Flow::exiting)
            exit_code = exit_status;
    }
    return exit_code & 0xff;
}

}  // namespace sh
