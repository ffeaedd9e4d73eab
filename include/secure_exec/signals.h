// signals.h — signal numbers (Linux x86-64), default actions, sigaction flags and wait statuses.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace secure_exec {

namespace signals {
constexpr int sighup = 1;
constexpr int sigint = 2;
constexpr int sigquit = 3;
constexpr int sigill = 4;
constexpr int sigtrap = 5;
constexpr int sigabrt = 6;
constexpr int sigbus = 7;
constexpr int sigfpe = 8;
constexpr int sigkill = 9;
constexpr int sigusr1 = 10;
constexpr int sigsegv = 11;
constexpr int sigusr2 = 12;
constexpr int sigpipe = 13;
constexpr int sigalrm = 14;
constexpr int sigterm = 15;
constexpr int sigstkflt = 16;
constexpr int sigchld = 17;
constexpr int sigcont = 18;
constexpr int sigstop = 19;
constexpr int sigtstp = 20;
constexpr int sigttin = 21;
constexpr int sigttou = 22;
constexpr int sigurg = 23;
constexpr int sigxcpu = 24;
constexpr int sigxfsz = 25;
constexpr int sigvtalrm = 26;
constexpr int sigprof = 27;
constexpr int sigwinch = 28;
constexpr int sigio = 29;
constexpr int sigpwr = 30;
constexpr int sigsys = 31;
// Signals are 1..k_max_signal; 0 is the existence check of kill(2).
constexpr int k_max_signal = 64;

// sigaction(2) flags.
constexpr uint32_t sa_nocldstop = 0x1;
constexpr uint32_t sa_restart = 0x10000000;
constexpr uint32_t sa_resethand = 0x80000000;

// sigprocmask(2) how.
constexpr int sig_block = 0;
constexpr int sig_unblock = 1;
constexpr int sig_setmask = 2;
}  // namespace signals

// A set of signals 1..64, bit (n-1) for signal n.
using SignalSet = uint64_t;
constexpr SignalSet signal_bit(int signal) { return SignalSet{1} << (signal - 1); }

enum class DefaultAction : uint8_t { terminate, core, ignore, stop, resume };

// The POSIX default action of a signal (signal(7)).
DefaultAction default_action(int signal);

// "SIGINT" for 2, "SIGRTMIN+3" for 37; empty for numbers outside 1..64.
std::string_view signal_name(int signal);

enum class Disposition : uint8_t { default_action, ignore, handler };

struct SignalAction {
    Disposition disposition{Disposition::default_action};
    SignalSet mask{0};
    uint32_t flags{0};
};

// waitpid(2) status words, encoded as Linux does (<bits/waitstatus.h>).
namespace wait_status {
constexpr int exited(int code) { return (code & 0xff) << 8; }
constexpr int signaled(int signal) { return signal & 0x7f; }
constexpr int stopped(int signal) { return (signal << 8) | 0x7f; }
constexpr int continued() { return 0xffff; }

constexpr bool if_exited(int status) { return (status & 0x7f) == 0; }
constexpr int exit_status(int status) { return (status >> 8) & 0xff; }
constexpr bool if_signaled(int status) { return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0x7f) != 0x7f; }
constexpr int term_signal(int status) { return status & 0x7f; }
constexpr bool if_stopped(int status) { return (status & 0xff) == 0x7f; }
constexpr int stop_signal(int status) { return (status >> 8) & 0xff; }
constexpr bool if_continued(int status) { return status == 0xffff; }

// The shell's view: the exit code, or 128 + the signal that ended the process.
constexpr int shell_code(int status) { return if_exited(status) ? exit_status(status) : 128 + term_signal(status); }
}  // namespace wait_status

}  // namespace secure_exec
