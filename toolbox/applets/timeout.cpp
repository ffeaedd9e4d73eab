// timeout, as GNU coreutils: runs COMMAND and sends it a signal (TERM, or -s SIGNAL) when it is
// still running after DURATION, then KILL after -k DURATION more. Exits 124 on a timeout (or the
// command's status with --preserve-status), 125 when timeout itself fails, 126/127 when the
// command cannot run or is not found, else the command's status; a command killed by a signal
// makes timeout die of that signal too. The command runs in a process group of its own (GNU
// moves timeout itself into a new group; here the command leads one) unless --foreground, and
// the signal goes to the command and its group. Signals timeout receives (INT, TERM, HUP, QUIT)
// are passed on to the command.
// applet: timeout timeout_main
#include <time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <sx/posix.h>
#include <sys/wait.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"
#include "lib/signal_names.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: timeout [OPTION] DURATION COMMAND [ARG]...\n"
    "  or:  timeout [OPTION]\n"
    "Start COMMAND, and kill it if still running after DURATION.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "      --preserve-status\n"
    "                 exit with the same status as COMMAND, even when the\n"
    "                   command times out\n"
    "      --foreground\n"
    "                 when not running timeout directly from a shell prompt,\n"
    "                   allow COMMAND to read from the TTY and get TTY signals;\n"
    "                   in this mode, children of COMMAND will not be timed out\n"
    "  -k, --kill-after=DURATION\n"
    "                 also send a KILL signal if COMMAND is still running\n"
    "                   this long after the initial signal was sent\n"
    "  -s, --signal=SIGNAL\n"
    "                 specify the signal to be sent on timeout;\n"
    "                   SIGNAL may be a name like 'HUP' or a number;\n"
    "                   see 'kill -l' for a list of signals\n"
    "  -v, --verbose  diagnose to stderr any signal sent upon timeout\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "DURATION is a floating point number with an optional suffix:\n"
    "'s' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\n"
    "A duration of 0 disables the associated timeout.\n"
    "\n"
    "Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.\n"
    "The TERM signal kills any process that does not block or catch that signal.\n"
    "It may be necessary to use the KILL signal, since this signal can't be caught.\n"
    "\n"
    "EXIT status:\n"
    "  124  if COMMAND times out, and --preserve-status is not specified\n"
    "  125  if the timeout command itself fails\n"
    "  126  if COMMAND is found but cannot be invoked\n"
    "  127  if COMMAND cannot be found\n"
    "  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)\n"
    "  -    the exit status of COMMAND otherwise\n";

constexpr int k_exit_timed_out = 124;
constexpr int k_exit_canceled = 125;
constexpr int k_sigkill = 9;
constexpr int k_sigterm = 15;
constexpr int k_sigcont = 18;

enum : int { k_preserve_status = k_long_only, k_foreground };

constexpr LongOption k_long_options[] = {
    {"kill-after", Argument::required, 'k'},
    {"signal", Argument::required, 's'},
    {"verbose", Argument::none, 'v'},
    {"foreground", Argument::none, k_foreground},
    {"preserve-status", Argument::none, k_preserve_status},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    double duration{0};
    double kill_after{0};
    int signal{k_sigterm};
    bool verbose{false};
    bool foreground{false};
    bool preserve_status{false};
};

// parse_duration(): a non-negative floating-point number with an optional s/m/h/d suffix.
bool parse_duration(std::string_view text, double& seconds) {
    std::string copy(text);
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() || value < 0 || std::isnan(value))
        return false;
    std::string_view suffix(end);
    double multiplier = 1;
    if (suffix.size() == 1) {
        switch (suffix[0]) {
        case 's': break;
        case 'm': multiplier = 60; break;
        case 'h': multiplier = 3600; break;
        case 'd': multiplier = 86400; break;
        default: return false;
        }
    } else if (!suffix.empty()) {
        return false;
    }
    seconds = value * multiplier;
    return true;
}

// operand2sig(): a number (a wait status like 137 means its signal) or a name, any case, with
// or without "SIG".
std::optional<int> parse_signal(std::string_view text) {
    if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
        char* end = nullptr;
        std::string copy(text);
        errno = 0;
        long value = std::strtol(copy.c_str(), &end, 10);
        if (*end != '\0' || errno != 0 || value > 0x7fffffff)
            return std::nullopt;
        int status = static_cast<int>(value);
        int number = WIFSIGNALED(status) ? WTERMSIG(status) : status;
        if (number > k_signal_max)
            return std::nullopt;
        return number;
    }
    std::string upper;
    for (char c : text)
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (auto number = name_to_signal(upper))
        return number;
    if (upper.starts_with("SIG"))
        return name_to_signal(std::string_view(upper).substr(3));
    return std::nullopt;
}

double seconds_since(const timespec& start) {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<double>(now.tv_sec - start.tv_sec) + static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9;
}

void sleep_briefly(double seconds) {
    timespec request{};
    request.tv_sec = static_cast<time_t>(seconds);
    request.tv_nsec = static_cast<long>((seconds - static_cast<double>(request.tv_sec)) * 1e9);
    ::nanosleep(&request, nullptr);  // a caught signal cuts it short, which is what we want
}

class Monitor {
public:
    Monitor(const Settings& settings, std::string command, pid_t child)
        : m_settings(settings), m_command(std::move(command)), m_child(child) {}

    // Waits for the child, signalling it on the way; returns timeout's exit status.
    int run();

private:
    void send(int signal);
    int finish(int status);

    const Settings& m_settings;
    std::string m_command;
    pid_t m_child;
    bool m_timed_out{false};
    bool m_sent_kill{false};
};

void Monitor::send(int signal) {
    if (m_settings.verbose) {
        auto name = signal_to_name(signal);
        write_all(2, "timeout: sending signal " + (name ? *name : std::to_string(signal)) + " to command " +
                         quote(m_command) + "\n");
    }
    ::kill(m_child, signal);
    if (!m_settings.foreground) {
        ::kill(-m_child, signal);
        if (signal != k_sigkill && signal != k_sigcont) {
            ::kill(m_child, k_sigcont);
            ::kill(-m_child, k_sigcont);
        }
    }
    if (signal == k_sigkill)
        m_sent_kill = true;
}

int Monitor::run() {
    timespec start{};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    double deadline = m_settings.duration > 0 ? m_settings.duration : INFINITY;
    bool kill_pending = m_settings.kill_after > 0;
    double pause = 0.001;
    while (true) {
        int status = 0;
        pid_t done = ::waitpid(m_child, &status, WNOHANG);
        if (done == m_child)
            return finish(status);
        if (done < 0 && errno != EINTR) {
            write_all(2, "timeout: error waiting for command: " + std::string(strerror_gnu(errno)) + "\n");
            return k_exit_canceled;
        }
        while (int caught = sx_take_signal())
            send(caught);
        double elapsed = seconds_since(start);
        if (elapsed >= deadline) {
            if (!m_timed_out) {
                m_timed_out = true;
                send(m_settings.signal);
            } else {
                send(k_sigkill);
            }
            if (kill_pending && !m_sent_kill) {
                deadline = elapsed + m_settings.kill_after;
                kill_pending = false;
            } else {
                deadline = INFINITY;
            }
            continue;
        }
        // Short sleeps at first (quick commands finish fast), then up to 50 ms between checks.
        sleep_briefly(std::min({pause, 0.05, deadline - elapsed}));
        pause = std::min(pause * 2, 0.05);
    }
}

int Monitor::finish(int status) {
    int result;
    bool preserve = m_settings.preserve_status;
    if (WIFSIGNALED(status)) {
        int signal = WTERMSIG(status);
        if (!m_timed_out) {
            // Die the way the command did, as GNU's timeout re-raises the signal.
            sx_signal(signal, SECURE_EXEC_SIG_DEFAULT);
            ::kill(::getpid(), signal);
        }
        if (m_timed_out && signal == k_sigkill)
            preserve = true;
        result = 128 + signal;
    } else {
        result = WEXITSTATUS(status);
    }
    // Without --foreground GNU's KILL goes to timeout's own process group, timeout included.
    if (m_sent_kill && !m_settings.foreground) {
        sx_signal(k_sigkill, SECURE_EXEC_SIG_DEFAULT);
        ::kill(::getpid(), k_sigkill);
    }
    if (m_timed_out && !preserve)
        return k_exit_timed_out;
    return result;
}

int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string_view>& operands) {
    OptionParser parser("timeout", argc, argv, "+k:s:v", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return k_exit_canceled;
        case k_help: print_usage(k_usage); return -1;
        case k_version: print_version("timeout"); return -1;
        case 'k':
            if (!parse_duration(option.argument, settings.kill_after)) {
                write_all(2, "timeout: invalid time interval " + quote(option.argument) + "\n");
                return try_help("timeout", k_exit_canceled);
            }
            break;
        case 's': {
            auto signal = parse_signal(option.argument);
            if (!signal) {
                write_all(2, "timeout: " + quote(option.argument) + ": invalid signal\n");
                return try_help("timeout", k_exit_canceled);
            }
            settings.signal = *signal;
            break;
        }
        case 'v': settings.verbose = true; break;
        case k_foreground: settings.foreground = true; break;
        case k_preserve_status: settings.preserve_status = true; break;
        }
    }
    operands = parser.operands();
    if (operands.size() < 2)
        return try_help("timeout", k_exit_canceled);
    if (!parse_duration(operands[0], settings.duration)) {
        write_all(2, "timeout: invalid time interval " + quote(operands[0]) + "\n");
        return try_help("timeout", k_exit_canceled);
    }
    return 0;
}

}  // namespace

int timeout_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string_view> operands;
    if (int status = parse_options(argc, argv, settings, operands); status != 0)
        return status < 0 ? 0 : status;
    std::vector<std::string> words(operands.begin() + 1, operands.end());
    std::vector<char*> arguments;
    for (auto& word : words)
        arguments.push_back(word.data());
    arguments.push_back(nullptr);
    for (int signal : {1, 2, 3, 15})
        sx_signal(signal, SECURE_EXEC_SIG_CATCH);
    sx_spawn_options options = sx_spawn_defaults();
    if (!settings.foreground)
        options.process_group = 0;
    pid_t child = sx_spawn(words[0].c_str(), arguments.data(), nullptr, &options);
    if (child < 0) {
        int error = errno;
        write_all(2, "timeout: failed to run command " + quote(words[0]) + ": " + strerror_gnu(error) + "\n");
        return error == ENOENT ? 127 : 126;
    }
    return Monitor(settings, words[0], child).run();
}

}  // namespace toolbox
