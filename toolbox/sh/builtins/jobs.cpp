// trap, wait, kill, jobs.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <sys/wait.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/builtins/signals.h"
#include "sh/process.h"
#include "sh/quote.h"

namespace sh {

namespace {

void print_trap(int signal, const std::string& action) {
    std::string name = signal > 0 ? "SIG" + signal_name(signal) : signal_name(signal);
    out("trap -- " + quote_single(action) + " " + name + "\n");
}

// `wait` in an interactive shell: jobspecs, and ^C ends the wait (the shell is in the foreground).
int wait_with_jobs(Shell& shell, std::vector<std::string>& argv) {
    std::vector<int> pids;
    int status = 0;
    if (argv.size() == 1)
        pids = shell.background_jobs;
    for (size_t i = 1; i < argv.size(); ++i) {
        std::string error;
        if (argv[i].starts_with("%")) {
            if (Job* job = resolve_job(shell, argv[i], error))
                pids.insert(pids.end(), job->pids.begin(), job->pids.end());
            else
                builtin_error(shell, "wait", error), status = 127;
            continue;
        }
        int pid = 0;
        std::from_chars(argv[i].data(), argv[i].data() + argv[i].size(), pid);
        if (std::find(shell.background_jobs.begin(), shell.background_jobs.end(), pid) == shell.background_jobs.end()) {
            builtin_error(shell, "wait", "pid " + argv[i] + " is not a child of this shell");
            status = 127;
            continue;
        }
        pids.push_back(pid);
    }
    for (int pid : pids) {
        auto result = wait_interruptible(shell, pid);
        if (!result)
            return 130;
        status = *result;
    }
    update_jobs(shell);
    return argv.size() == 1 ? 0 : status;
}

}  // namespace

int builtin_trap(Shell& shell, std::vector<std::string>& argv) {
    size_t i = 1;
    if (i < argv.size() && argv[i] == "--")
        ++i;
    if (i < argv.size() && argv[i] == "-l") {
        for (int signal = 1; signal < 32; ++signal)
            out(std::to_string(signal) + ") SIG" + signal_name(signal) + (signal % 5 == 0 ? "\n" : "\t"));
        out("\n");
        return 0;
    }
    if (i < argv.size() && argv[i] == "-p" && i + 1 < argv.size()) {
        int status = 0;
        for (size_t k = i + 1; k < argv.size(); ++k) {
            auto signal = signal_number(argv[k], true);
            if (!signal) {
                builtin_error(shell, "trap", argv[k] + ": invalid signal specification");
                status = 1;
            } else if (auto it = shell.traps.find(*signal); it != shell.traps.end()) {
                print_trap(*signal, it->second);
            }
        }
        return status;
    }
    if (i == argv.size() || argv[i] == "-p") {
        for (const auto& [signal, action] : shell.traps)
            print_trap(signal, action);
        return 0;
    }
    std::string action = argv[i];
    bool reset = action == "-";
    size_t first_signal = i + 1;
    // `trap INT` (one operand that is a signal) resets it, as bash.
    if (argv.size() == i + 1 && signal_number(action, true)) {
        reset = true;
        first_signal = i;
    }
    int status = 0;
    for (size_t k = first_signal; k < argv.size(); ++k) {
        auto signal = signal_number(argv[k], true);
        if (!signal) {
            builtin_error(shell, "trap", argv[k] + ": invalid signal specification");
            status = 1;
            continue;
        }
        if (reset) {
            shell.traps.erase(*signal);
            if (*signal > 0)
                (void)sx_signal(*signal, SECURE_EXEC_SIG_DEFAULT);
            continue;
        }
        shell.traps[*signal] = action;
        if (*signal > 0)
            (void)sx_signal(*signal, action.empty() ? SECURE_EXEC_SIG_IGNORE : SECURE_EXEC_SIG_CATCH);
    }
    return status;
}

int builtin_wait(Shell& shell, std::vector<std::string>& argv) {
    if (shell.jobs.enabled)
        return wait_with_jobs(shell, argv);
    if (argv.size() == 1) {
        for (int pid : shell.background_jobs)
            (void)wait_for(shell, pid);
        shell.background_jobs.clear();
        return 0;
    }
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-n") {
            if (shell.background_jobs.empty())
                return 127;
            int raw = 0;
            int pid = waitpid(-1, &raw, 0);
            std::erase(shell.background_jobs, pid);
            status = WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw);
            continue;
        }
        std::string_view text = argv[i];
        if (!text.empty() && text[0] == '%')
            text.remove_prefix(1);
        int pid = 0;
        auto parsed = std::from_chars(text.data(), text.data() + text.size(), pid);
        if (argv[i][0] != '%' && (text.empty() || parsed.ptr != text.data() + text.size())) {
            builtin_error(shell, "wait", "`" + argv[i] + "': not a pid or valid job spec");
            status = 1;
            continue;
        }
        auto it = std::find(shell.background_jobs.begin(), shell.background_jobs.end(), pid);
        if (it == shell.background_jobs.end()) {
            builtin_error(shell, "wait", "pid " + argv[i] + " is not a child of this shell");
            status = 127;
            continue;
        }
        shell.background_jobs.erase(it);
        status = wait_for(shell, pid);
    }
    return status;
}

int builtin_kill(Shell& shell, std::vector<std::string>& argv) {
    int signal = 15;
    size_t i = 1;
    if (i < argv.size() && argv[i] == "-l") {
        if (i + 1 < argv.size()) {
            int number = 0;
            std::from_chars(argv[i + 1].data(), argv[i + 1].data() + argv[i + 1].size(), number);
            out(signal_name(number > 128 ? number - 128 : number) + "\n");
            return 0;
        }
        for (int s = 1; s < 32; ++s)
            out(std::to_string(s) + ") SIG" + signal_name(s) + (s % 5 == 0 ? "\n" : "\t"));
        out("\n");
        return 0;
    }
    if (i < argv.size() && (argv[i] == "-s" || argv[i] == "-n") && i + 1 < argv.size()) {
        auto number = signal_number(argv[i + 1], false);
        if (!number) {
            builtin_error(shell, "kill", argv[i + 1] + ": invalid signal specification");
            return 1;
        }
        signal = *number;
        i += 2;
    } else if (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-' && argv[i] != "--") {
        auto number = signal_number(std::string_view(argv[i]).substr(1), false);
        if (!number) {
            builtin_error(shell, "kill", argv[i].substr(1) + ": invalid signal specification");
            return 1;
        }
        signal = *number;
        ++i;
    }
    if (i < argv.size() && argv[i] == "--")
        ++i;
    if (i == argv.size()) {
        builtin_usage("kill");
        return 2;
    }
    int status = 0;
    for (; i < argv.size(); ++i) {
        if (argv[i].starts_with("%")) {
            std::string error;
            Job* job = shell.jobs.enabled ? resolve_job(shell, argv[i], error) : nullptr;
            if (!job) {
                builtin_error(shell, "kill", shell.jobs.enabled ? error : argv[i] + ": no such job");
                status = 1;
                continue;
            }
            (void)kill(-job->pgid, signal);
            if (job->state == Job::State::stopped && signal != signal_numbers::kill && signal != signal_numbers::cont)
                (void)kill(-job->pgid, signal_numbers::cont);  // so it can act on the signal (bash)
            continue;
        }
        int pid = 0;
        auto [end, error] = std::from_chars(argv[i].data(), argv[i].data() + argv[i].size(), pid);
        if (error != std::errc{} || end != argv[i].data() + argv[i].size()) {
            builtin_error(shell, "kill", argv[i] + ": arguments must be process or job IDs");
            status = 1;
            continue;
        }
        if (kill(pid, signal) != 0) {
            builtin_error(shell, "kill", "(" + argv[i] + ") - " + std::string(errno == ESRCH ? "No such process" : "Operation not permitted"));
            status = 1;
        }
    }
    return status;
}

int builtin_jobs(Shell& shell, std::vector<std::string>& argv) {
    bool with_pid = false, pids_only = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (char flag : argv[i].substr(1)) {
            if (flag == 'l')
                with_pid = true;
            else if (flag == 'p')
                pids_only = true;
            else if (flag != 'r' && flag != 's' && flag != 'n') {
                builtin_error(shell, "jobs", argv[i] + ": invalid option");
                return 2;
            }
        }
    }
    if (!shell.jobs.enabled) {
        int number = 0;
        for (int pid : shell.background_jobs)
            out("[" + std::to_string(++number) + "]  Running                 " + std::to_string(pid) + "\n");
        return 0;
    }
    update_jobs(shell);
    std::vector<Job*> selected;
    int status = 0;
    for (; i < argv.size(); ++i) {
        std::string error;
        if (Job* job = resolve_job(shell, argv[i], error))
            selected.push_back(job);
        else
            builtin_error(shell, "jobs", error), status = 1;
    }
    if (selected.empty() && status == 0)
        for (auto& job : shell.jobs.all())
            selected.push_back(&job);
    for (Job* job : selected) {
        out(pids_only ? std::to_string(job->pgid) + "\n" : job_line(shell.jobs, *job, with_pid) + "\n");
        job->changed = false;
    }
    std::vector<int> finished;
    for (auto& job : shell.jobs.all())
        if (job.state == Job::State::done && !job.changed)
            finished.push_back(job.number);
    for (int number : finished)
        shell.jobs.remove(number);
    return status;
}

namespace {

Job* job_operand(Shell& shell, std::vector<std::string>& argv, const char* name) {
    if (!shell.jobs.enabled) {
        builtin_error(shell, name, "no job control");
        return nullptr;
    }
    update_jobs(shell);
    std::string error;
    Job* job = resolve_job(shell, argv.size() > 1 ? argv[1] : "%+", error);
    if (!job || job->state == Job::State::done) {
        builtin_error(shell, name, job ? argv[1] + ": job has terminated" : error);
        return nullptr;
    }
    return job;
}

}  // namespace

int builtin_fg(Shell& shell, std::vector<std::string>& argv) {
    Job* job = job_operand(shell, argv, "fg");
    if (!job)
        return 1;
    shell.jobs.make_current(job->number);
    return continue_foreground(shell, *job);
}

int builtin_bg(Shell& shell, std::vector<std::string>& argv) {
    Job* job = job_operand(shell, argv, "bg");
    if (!job)
        return 1;
    if (job->state == Job::State::running) {
        builtin_error(shell, "bg", "job " + std::to_string(job->number) + " already in background");
        return 0;
    }
    job->state = Job::State::running;
    job->changed = false;
    shell.jobs.make_current(job->number);
    std::string marker = job->number == shell.jobs.current() ? "+" : job->number == shell.jobs.previous() ? "-" : " ";
    out("[" + std::to_string(job->number) + "]" + marker + " " + job->text + " &\n");
    (void)kill(-job->pgid, signal_numbers::cont);
    return 0;
}

}  // namespace sh
