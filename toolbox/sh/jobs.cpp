// Job control: the job table, foreground waits that notice stops, and the terminal hand-over.
#include "sh/jobs.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <sys/wait.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/process.h"
#include "sh/shell.h"

namespace sh {

namespace {

constexpr uint64_t bit(int signal) { return uint64_t{1} << (signal - 1); }

void say(std::string_view text) { (void)::write(2, text.data(), text.size()); }

// What bash prints for a job ended by `signal` (strsignal's wording).
std::string signal_description(int signal) {
    switch (signal) {
    case signal_numbers::hup: return "Hangup";
    case signal_numbers::interrupt: return "Interrupt";
    case signal_numbers::quit: return "Quit";
    case 4: return "Illegal instruction";
    case 6: return "Aborted";
    case 8: return "Floating point exception";
    case signal_numbers::kill: return "Killed";
    case 10: return "User defined signal 1";
    case 11: return "Segmentation fault";
    case 12: return "User defined signal 2";
    case 13: return "Broken pipe";
    case 14: return "Alarm clock";
    case signal_numbers::terminate: return "Terminated";
    case signal_numbers::stop: return "Stopped (signal)";
    case signal_numbers::tstp: return "Stopped";
    case signal_numbers::ttin: return "Stopped (tty input)";
    case signal_numbers::ttou: return "Stopped (tty output)";
    default: return "Signal " + std::to_string(signal);
    }
}

// How the members of a job ended up after a wait.
struct WaitOutcome {
    int status{0};
    int signal{0};          // killed by it (the last member), or 0
    int stop_signal{0};     // a member stopped
    std::vector<int> left;  // members not reaped (stopped)
    std::vector<int> statuses;  // each member's, in order (PIPESTATUS)
};

// Takes the shell's caught signals so blocking calls stop failing with EINTR; they are handled
// later where traps run (run_pending_traps).
void defer_signals(Shell& shell) {
    while (int signal = sx_take_signal()) {
        if (signal < 0)
            break;
        shell.deferred_signals.push_back(signal);
    }
}

void note_status(WaitOutcome& outcome, int raw, bool last) {
    if (!last)
        return;
    if (WIFSIGNALED(raw)) {
        outcome.signal = WTERMSIG(raw);
        outcome.status = 128 + outcome.signal;
    } else {
        outcome.status = WEXITSTATUS(raw);
    }
}

WaitOutcome wait_members(Shell& shell, const std::vector<int>& pids, int last_pid) {
    WaitOutcome outcome;
    for (int pid : pids) {
        int raw = 0;
        int result;
        while ((result = waitpid(pid, &raw, WUNTRACED)) < 0 && errno == EINTR)
            defer_signals(shell);
        if (result < 0) {
            outcome.statuses.push_back(127);
            if (pid == last_pid)
                outcome.status = 127;
            continue;
        }
        if (WIFSTOPPED(raw)) {
            outcome.stop_signal = WSTOPSIG(raw);
            outcome.left.push_back(pid);
            outcome.statuses.push_back(128 + outcome.stop_signal);
            continue;
        }
        std::erase(shell.background_jobs, pid);
        outcome.statuses.push_back(WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw));
        note_status(outcome, raw, pid == last_pid);
    }
    return outcome;
}

void set_terminal_group(const JobTable& table, int pgid) {
    uint64_t old = 0;
    (void)sx_sigprocmask(0 /* SIG_BLOCK */, bit(signal_numbers::ttou), &old);
    (void)tcsetpgrp(table.terminal_fd, pgid);
    (void)sx_sigprocmask(2 /* SIG_SETMASK */, old, nullptr);
}

// After a foreground job: the terminal back, its modes saved or the shell's restored, notices.
int finish_foreground(Shell& shell, WaitOutcome outcome, Job* existing, std::vector<int> pids, int pgid,
                      std::string_view text) {
    JobTable& table = shell.jobs;
    take_terminal(shell);
    if (outcome.stop_signal) {
        termios modes{};
        bool have_modes = tcgetattr(table.terminal_fd, &modes) == 0;
        if (table.shell_modes)
            (void)tcsetattr(table.terminal_fd, TCSADRAIN, &*table.shell_modes);
        Job& job = existing ? *existing : table.add(pgid, std::move(pids), std::string(text), Job::State::stopped);
        job.pids = outcome.left;
        job.state = Job::State::stopped;
        job.signal = outcome.stop_signal;
        job.changed = false;
        if (have_modes)
            job.modes = modes;
        table.make_current(job.number);
        say("\n" + job_line(table, job) + "\n");
        return 128 + outcome.stop_signal;
    }
    if (existing)
        table.remove(existing->number);
    if (outcome.signal) {
        if (table.shell_modes)
            (void)tcsetattr(table.terminal_fd, TCSADRAIN, &*table.shell_modes);
        if (outcome.signal == signal_numbers::interrupt) {
            say("\n");
            shell.flow = shell.flow == Flow::exiting ? Flow::exiting : Flow::interrupted;
        } else if (outcome.signal != 13) {
            say(signal_description(outcome.signal) + "\n");
        }
    } else {
        termios modes{};
        if (tcgetattr(table.terminal_fd, &modes) == 0)
            table.shell_modes = modes;  // `stty` in the foreground sticks, as in bash
    }
    update_window_size(shell);
    return outcome.status;
}

}  // namespace

Job& JobTable::add(int pgid, std::vector<int> pids, std::string text, Job::State state) {
    Job job;
    job.number = m_jobs.empty() ? 1 : m_jobs.back().number + 1;
    job.pgid = pgid;
    job.last_pid = pids.empty() ? pgid : pids.back();
    job.pids = std::move(pids);
    job.text = std::move(text);
    job.state = state;
    m_jobs.push_back(std::move(job));
    make_current(m_jobs.back().number);
    return m_jobs.back();
}

Job* JobTable::find(int number) {
    for (auto& job : m_jobs)
        if (job.number == number)
            return &job;
    return nullptr;
}

Job* JobTable::find_pid(int pid) {
    for (auto& job : m_jobs)
        if (std::find(job.pids.begin(), job.pids.end(), pid) != job.pids.end() || job.pgid == pid)
            return &job;
    return nullptr;
}

void JobTable::remove(int number) {
    std::erase_if(m_jobs, [&](const Job& job) { return job.number == number; });
    fix_current();
}

void JobTable::make_current(int number) {
    if (number == m_current)
        return;
    m_previous = m_current;
    m_current = number;
    fix_current();
}

void JobTable::fix_current() {
    auto live = [&](int number) { return number != 0 && find(number) != nullptr; };
    if (!live(m_current)) {
        m_current = m_previous;
        m_previous = 0;
    }
    if (!live(m_current))
        m_current = 0;
    // bash prefers a stopped job for %+.
    if (m_current == 0 && !m_jobs.empty())
        m_current = m_jobs.back().number;
    if (!live(m_previous) || m_previous == m_current) {
        m_previous = 0;
        for (auto it = m_jobs.rbegin(); it != m_jobs.rend(); ++it)
            if (it->number != m_current) {
                m_previous = it->number;
                break;
            }
    }
}

bool JobTable::any_stopped() const {
    return std::any_of(m_jobs.begin(), m_jobs.end(), [](const Job& job) { return job.state == Job::State::stopped; });
}

void enable_job_control(Shell& shell, int terminal_fd) {
    JobTable& table = shell.jobs;
    table.terminal_fd = terminal_fd;
    for (int signal : {signal_numbers::interrupt, signal_numbers::quit, signal_numbers::tstp, signal_numbers::ttin,
                       signal_numbers::ttou, signal_numbers::winch})
        (void)sx_signal(signal, SECURE_EXEC_SIG_CATCH);
    if (getpgrp() != getpid())
        (void)setpgid(0, 0);
    table.shell_pgid = getpgrp();
    set_terminal_group(table, table.shell_pgid);
    termios modes{};
    if (tcgetattr(terminal_fd, &modes) == 0)
        table.shell_modes = modes;
    table.enabled = true;
    shell.options.monitor = true;
    update_window_size(shell);
}

bool join_job(Shell& shell, ChildFds& fds, int group, bool foreground) {
    if (!shell.jobs.enabled || shell.is_child)
        return false;
    fds.process_group = group > 0 ? group : 0;
    fds.foreground_fd = foreground ? shell.jobs.terminal_fd : -1;
    return true;
}

int wait_foreground(Shell& shell, std::vector<int> pids, int pgid, std::string_view text, std::vector<int>* statuses) {
    std::erase_if(pids, [](int pid) { return pid <= 0; });
    if (pids.empty()) {
        take_terminal(shell);
        return 127;
    }
    if (pgid <= 0)
        pgid = pids.front();
    auto outcome = wait_members(shell, pids, pids.back());
    if (statuses)
        *statuses = outcome.statuses;
    return finish_foreground(shell, std::move(outcome), nullptr, std::move(pids), pgid, text);
}

int continue_foreground(Shell& shell, Job& job) {
    JobTable& table = shell.jobs;
    say(job.text + "\n");
    if (job.modes)
        (void)tcsetattr(table.terminal_fd, TCSADRAIN, &*job.modes);
    set_terminal_group(table, job.pgid);
    job.state = Job::State::running;
    (void)kill(-job.pgid, signal_numbers::cont);
    auto outcome = wait_members(shell, job.pids, job.last_pid);
    if (std::find(job.pids.begin(), job.pids.end(), job.last_pid) == job.pids.end() && !outcome.signal &&
        !outcome.stop_signal)
        outcome.status = job.status;  // the last member had already finished
    return finish_foreground(shell, std::move(outcome), &job, job.pids, job.pgid, job.text);
}

void take_terminal(Shell& shell) {
    if (shell.jobs.enabled)
        set_terminal_group(shell.jobs, shell.jobs.shell_pgid);
}

std::optional<int> wait_interruptible(Shell& shell, int pid) {
    int raw = 0;
    int result;
    while ((result = waitpid(pid, &raw, 0)) < 0 && errno == EINTR) {
        if (interrupt_pending(shell))
            return std::nullopt;
    }
    if (result < 0)
        return 127;
    std::erase(shell.background_jobs, pid);
    int status = WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw);
    if (Job* job = shell.jobs.find_pid(pid)) {
        std::erase(job->pids, pid);
        if (pid == job->last_pid) {
            job->status = status;
            job->signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
        }
        if (job->pids.empty()) {
            job->state = Job::State::done;
            job->changed = true;
        }
    }
    return status;
}

void update_jobs(Shell& shell) {
    for (auto& job : shell.jobs.all()) {
        if (job.state == Job::State::done)
            continue;
        std::vector<int> left;
        for (int pid : job.pids) {
            int raw = 0;
            int result = waitpid(pid, &raw, WNOHANG | WUNTRACED | WCONTINUED);
            if (result <= 0) {
                if (result == 0)
                    left.push_back(pid);
                continue;
            }
            left.push_back(pid);
            if (WIFSTOPPED(raw)) {
                job.state = Job::State::stopped;
                job.signal = WSTOPSIG(raw);
                job.changed = true;
            } else if (WIFCONTINUED(raw)) {
                job.state = Job::State::running;
            } else {
                left.pop_back();
                std::erase(shell.background_jobs, pid);
                if (pid == job.last_pid) {
                    job.signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
                    job.status = job.signal ? 128 + job.signal : WEXITSTATUS(raw);
                }
            }
        }
        job.pids = std::move(left);
        if (job.pids.empty()) {
            job.state = Job::State::done;
            job.changed = true;
        }
    }
}

void notify_jobs(Shell& shell) {
    JobTable& table = shell.jobs;
    std::vector<int> finished;
    for (auto& job : table.all()) {
        if (!job.changed)
            continue;
        job.changed = false;
        say(job_line(table, job) + "\n");
        if (job.state == Job::State::done)
            finished.push_back(job.number);
    }
    for (int number : finished)
        table.remove(number);
}

std::string job_line(const JobTable& table, const Job& job, bool with_pid) {
    char marker = job.number == table.current() ? '+' : job.number == table.previous() ? '-' : ' ';
    std::string state;
    std::string text = job.text;
    switch (job.state) {
    case Job::State::running:
        state = "Running";
        text += " &";
        break;
    case Job::State::stopped: state = signal_description(job.signal ? job.signal : signal_numbers::tstp); break;
    case Job::State::done:
        state = job.signal ? signal_description(job.signal)
                           : job.status == 0 ? "Done" : "Exit " + std::to_string(job.status);
        break;
    }
    if (state.size() < 24)
        state.resize(24, ' ');
    std::string line = "[" + std::to_string(job.number) + "]" + marker + " ";
    line += with_pid ? std::to_string(job.pgid) + " " : " ";
    return line + state + text;
}

Job* resolve_job(Shell& shell, std::string_view spec, std::string& error) {
    JobTable& table = shell.jobs;
    std::string shown(spec);
    if (!spec.empty() && spec[0] == '%')
        spec.remove_prefix(1);
    if (spec.empty() || spec == "%" || spec == "+") {
        error = "current: no such job";
        return table.find(table.current());
    }
    if (spec == "-") {
        error = "previous: no such job";
        return table.find(table.previous());
    }
    error = shown + ": no such job";
    int number = 0;
    auto [end, failure] = std::from_chars(spec.data(), spec.data() + spec.size(), number);
    if (failure == std::errc{} && end == spec.data() + spec.size())
        return table.find(number);
    bool contains = spec[0] == '?';
    if (contains)
        spec.remove_prefix(1);
    Job* found = nullptr;
    for (auto& job : table.all()) {
        bool match = contains ? job.text.find(spec) != std::string::npos : job.text.starts_with(spec);
        if (!match)
            continue;
        if (found) {
            error = shown + ": ambiguous job spec";
            return nullptr;
        }
        found = &job;
    }
    return found;
}

void interactive_signal(Shell& shell, int signal) {
    if (signal == signal_numbers::winch) {
        update_window_size(shell);
    } else if (signal == signal_numbers::interrupt && shell.flow == Flow::normal) {
        say("\n");  // after the ^C the terminal echoed
        shell.flow = Flow::interrupted;
    }
}

bool interrupt_pending(Shell& shell) {
    if (!shell.jobs.enabled || shell.is_child)
        return false;
    defer_signals(shell);
    return std::find(shell.deferred_signals.begin(), shell.deferred_signals.end(), signal_numbers::interrupt) !=
           shell.deferred_signals.end();
}

void update_window_size(Shell& shell) {
    secure_exec_winsize size{};
    int fd = shell.jobs.terminal_fd >= 0 ? shell.jobs.terminal_fd : 0;
    if (sx_get_winsize(fd, &size) != 0 || size.columns == 0)
        return;
    (void)shell.variables.set("COLUMNS", std::to_string(size.columns));
    (void)shell.variables.set("LINES", std::to_string(size.rows));
}

}  // namespace sh
