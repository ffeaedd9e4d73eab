// The interactive loop. Each command line is read in raw mode, then parsed; an incomplete command
// (an open quote, `if` without `fi`) reads more lines with PS2. Job notices come before a prompt.
#include "sh/interactive/session.h"

#include <charconv>
#include <fcntl.h>
#include <unistd.h>

#include <sx/posix.h>

#include "lib/io.h"
#include "sh/interactive/completion.h"
#include "sh/interactive/history.h"
#include "sh/interactive/line_editor.h"
#include "sh/interactive/prompt.h"
#include "sh/lang/parser.h"
#include "sh/shell.h"

namespace sh {

namespace {

void say(std::string_view text) { (void)toolbox::write_all(2, text); }

size_t number_variable(const Shell& shell, std::string_view name, size_t fallback) {
    auto text = shell.variables.get(name);
    if (!text || text->empty())
        return fallback;
    size_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    return error == std::errc{} && end == text->data() + text->size() ? value : fallback;
}

std::string history_file(const Shell& shell) {
    if (auto file = shell.variables.get("HISTFILE"))
        return *file;
    return shell.variables.get("HOME").value_or("") + "/.bash_history";
}

void set_default(Shell& shell, std::string_view name, std::string value) {
    if (!shell.variables.get(name))
        (void)shell.variables.set(name, std::move(value));
}

// Whether `text` ends inside a construct, so that the command goes on on the next line.
bool incomplete(const Shell& shell, const std::string& text) {
    ParseOptions options;
    options.extglob = shell.options.extglob;
    options.interactive = true;
    Parser parser(text, options);
    while (auto next = parser.next()) {
        if (auto* error = std::get_if<ParseError>(&*next))
            return error->incomplete;
    }
    return false;
}

void source_file(Shell& shell, const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    int error = 0;
    std::string text = toolbox::read_all(fd, error);
    ::close(fd);
    (void)shell.run_source(text);
    if (shell.flow != Flow::exiting)
        shell.flow = Flow::normal;
}

class Session {
public:
    explicit Session(Shell& shell)
        : m_shell(shell),
          m_editor(0, 2, m_history,
                   EditorHooks{.complete = [this](std::string_view line,
                                                  size_t cursor) { return complete_word(m_shell, line, cursor); },
                               .on_signal = [this](int signal) { return on_signal(signal); },
                               .columns = [this] { return static_cast<int>(number_variable(m_shell, "COLUMNS", 80)); }}) {}

    int run(InteractiveOptions options);

private:
    bool on_signal(int signal);
    ReadResult read_command(std::string& text);
    std::string prompt(std::string_view variable);
    bool exit_allowed();
    void before_prompt();

    Shell& m_shell;
    History m_history;
    LineEditor m_editor;
    size_t m_command_number{1};
    bool m_warned_stopped{false};
};

bool Session::on_signal(int signal) {
    if (signal == signal_numbers::winch) {
        update_window_size(m_shell);
        return false;
    }
    if (signal == signal_numbers::interrupt)
        return true;
    m_shell.deferred_signals.push_back(signal);  // a trap runs once the line is read
    return false;
}

std::string Session::prompt(std::string_view variable) {
    std::string format = m_shell.variables.get(variable).value_or("");
    return expand_prompt(m_shell, format, {m_history.first_number() + m_history.size(), m_command_number});
}

ReadResult Session::read_command(std::string& text) {
    std::string line;
    ReadResult result = m_editor.read_line(prompt("PS1"), line);
    if (result != ReadResult::line)
        return result;
    text = line;
    while (incomplete(m_shell, text + "\n")) {
        result = m_editor.read_line(prompt("PS2"), line);
        if (result == ReadResult::interrupted)
            return result;
        if (result == ReadResult::end_of_input)
            break;  // the parser reports what is missing
        text += "\n" + line;
    }
    return ReadResult::line;
}

// `exit` or ^D with stopped jobs: bash warns once, and exits if the next command exits again.
bool Session::exit_allowed() {
    if (!m_shell.jobs.enabled)
        return true;
    update_jobs(m_shell);
    if (!m_shell.jobs.any_stopped() || m_warned_stopped)
        return true;
    say("There are stopped jobs.\n");
    m_warned_stopped = true;
    return false;
}

void Session::before_prompt() {
    if (m_shell.jobs.enabled) {
        update_jobs(m_shell);
        notify_jobs(m_shell);
        take_terminal(m_shell);
    }
    m_shell.run_pending_traps();
    if (m_shell.flow == Flow::interrupted)
        m_shell.flow = Flow::normal;
    if (auto command = m_shell.variables.get("PROMPT_COMMAND"); command && !command->empty()) {
        int saved = m_shell.status;
        (void)m_shell.run_source(*command);
        m_shell.status = saved;
        if (m_shell.flow == Flow::interrupted)
            m_shell.flow = Flow::normal;
    }
}

int Session::run(InteractiveOptions options) {
    m_shell.history = &m_history;
    set_default(m_shell, "HISTFILE", history_file(m_shell));
    set_default(m_shell, "HISTSIZE", "500");
    set_default(m_shell, "HISTFILESIZE", "500");
    m_history.load(history_file(m_shell));
    m_history.trim(number_variable(m_shell, "HISTSIZE", 500));
    if (options.read_rc)
        source_file(m_shell, m_shell.variables.get("HOME").value_or("") + "/.bashrc");
    while (m_shell.flow != Flow::exiting) {
        before_prompt();
        std::string text;
        ReadResult result = read_command(text);
        if (result == ReadResult::interrupted) {
            m_shell.set_status(130);
            continue;
        }
        if (result == ReadResult::end_of_input) {
            say("exit\n");
            if (exit_allowed())
                break;
            continue;
        }
        m_history.add(text, m_shell.variables.get("HISTCONTROL").value_or(""));
        m_history.trim(number_variable(m_shell, "HISTSIZE", 500));
        (void)m_shell.run_source(text + "\n");
        ++m_command_number;
        if (m_shell.flow == Flow::interrupted) {
            m_shell.flow = Flow::normal;
            m_shell.set_status(128 + signal_numbers::interrupt);
        }
        if (m_shell.flow == Flow::exiting) {
            if (exit_allowed())
                break;
            m_shell.flow = Flow::normal;
            continue;
        }
        m_warned_stopped = false;
    }
    m_shell.history = nullptr;
    std::string file = m_shell.variables.get("HISTFILE").value_or("");  // unset HISTFILE: not saved
    if (!file.empty())
        (void)m_history.save(file, number_variable(m_shell, "HISTFILESIZE", 500));
    int status = m_shell.flow == Flow::exiting ? m_shell.exit_status : m_shell.status;
    return m_shell.finish(status);
}

}  // namespace

int run_interactive(Shell& shell, InteractiveOptions options) {
    shell.options.interactive = true;
    shell.options.expand_aliases = true;  // on in interactive bash
    if (sx_isatty(0) == 1)
        enable_job_control(shell, 0);
    Session session(shell);
    return session.run(options);
}

}  // namespace sh
