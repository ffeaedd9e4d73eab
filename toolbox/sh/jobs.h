// jobs.h — job control for an interactive shell on a terminal (bash manual "Job Control").
//
// With job control on, every pipeline the top-level shell starts runs in a process group of its
// own. A foreground job gets the terminal (the spawn request makes its group the terminal's
// foreground group, so there is no window where it runs without it); when it exits or stops the
// shell takes the terminal back. ^C and ^Z from the line discipline therefore reach the job and
// not the shell. A stopped or `&` job stays in the table until it is reported done.
// Without job control (scripts, child shells) nothing here is used and children stay in the
// shell's group, as in bash.
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <termios.h>

namespace sh {

class Shell;
struct ChildFds;

// Linux's numbers (the kernel's); wasi-libc's signal.h does not define them all.
namespace signal_numbers {
constexpr int hup = 1, interrupt = 2, quit = 3, kill = 9, pipe = 13, terminate = 15, cont = 18, stop = 19, tstp = 20,
              ttin = 21, ttou = 22, winch = 28;
}

struct Job {
    enum class State : uint8_t { running, stopped, done };
    int number{0};
    int pgid{0};
    std::vector<int> pids;       // members not reaped yet
    int last_pid{0};             // the pipeline's last command: its status is the job's
    int status{0};               // as the shell reports it (128 + signal when killed)
    int signal{0};               // the signal that ended or stopped it, 0 if none
    State state{State::running};
    bool changed{false};         // a state change not reported yet
    std::string text;            // the command as typed
    std::optional<termios> modes;  // the terminal modes it left when it stopped
};

class JobTable {
public:
    bool enabled{false};  // job control is on (interactive top-level shell, set -m)
    int terminal_fd{-1};
    int shell_pgid{0};
    std::optional<termios> shell_modes;  // restored when a foreground job stops or is killed

    Job& add(int pgid, std::vector<int> pids, std::string text, Job::State state);
    Job* find(int number);
    Job* find_pid(int pid);
    void remove(int number);
    // %+ and %-: the most recent stopped (else started) job and the one before.
    int current() const { return m_current; }
    int previous() const { return m_previous; }
    void make_current(int number);
    bool any_stopped() const;
    std::vector<Job>& all() { return m_jobs; }

private:
    void fix_current();
    std::vector<Job> m_jobs;  // ordered by number
    int m_current{0};
    int m_previous{0};
};

// Sets up job control for an interactive shell on `terminal_fd`: its own process group in the
// terminal's foreground, and the job-control signals caught (never ignored: children would
// inherit an ignored disposition, while a caught one is reset to the default in them).
void enable_job_control(Shell& shell, int terminal_fd);

// Puts the child of `fds` in a new process group (or `group` when > 0), in the terminal's
// foreground when `foreground`. Returns false (nothing changed) when job control is off.
bool join_job(Shell& shell, ChildFds& fds, int group, bool foreground);

// Waits for the foreground job made of `pids` (process group `pgid`) to exit or stop, then takes
// the terminal back. A stopped job joins the table ("[1]+  Stopped  TEXT"). Returns its status;
// `statuses` gets each member's (PIPESTATUS).
int wait_foreground(Shell& shell, std::vector<int> pids, int pgid, std::string_view text,
                    std::vector<int>* statuses = nullptr);
// The same for a job already in the table (fg).
int continue_foreground(Shell& shell, Job& job);
// Gives the shell its terminal back (SIGTTOU blocked around tcsetpgrp, as the shell is in the
// background when it asks).
void take_terminal(Shell& shell);

// Waits for background member `pid` (the job table learns of it); nullopt when ^C ends the wait.
std::optional<int> wait_interruptible(Shell& shell, int pid);

// Collects state changes of the table's jobs without blocking.
void update_jobs(Shell& shell);
// Prints "[1]+  Done  TEXT" for jobs that changed since the last report and drops finished ones.
void notify_jobs(Shell& shell);
// "[1]+  Stopped                 sleep 100"
std::string job_line(const JobTable& table, const Job& job, bool with_pid = false);
// %1, %%, %+, %-, %name, %?text, or a plain number (fg 1). Null when there is no such job.
Job* resolve_job(Shell& shell, std::string_view spec, std::string& error);

// Interactive handling of a signal the shell caught (SIGINT, SIGWINCH, …): called where traps run.
void interactive_signal(Shell& shell, int signal);
// After a blocking call failed with EINTR in an interactive shell: takes the caught signals (for
// the traps to handle later) and says whether ^C was among them, which ends the builtin.
bool interrupt_pending(Shell& shell);
// COLUMNS and LINES from the terminal's window size.
void update_window_size(Shell& shell);

}  // namespace sh
