#include <array>
#include <string>

#include <secure_exec/signals.h>

namespace secure_exec {

DefaultAction default_action(int signal) {
    using namespace signals;
    switch (signal) {
    case sigchld:
    case sigurg:
    case sigwinch:
        return DefaultAction::ignore;
    case sigcont:
        return DefaultAction::resume;
    case sigstop:
    case sigtstp:
    case sigttin:
    case sigttou:
        return DefaultAction::stop;
    case sigquit:
    case sigill:
    case sigtrap:
    case sigabrt:
    case sigbus:
    case sigfpe:
    case sigsegv:
    case sigxcpu:
    case sigxfsz:
    case sigsys:
        return DefaultAction::core;
    default:
        return DefaultAction::terminate;
    }
}

std::string_view signal_name(int signal) {
    static constexpr std::array<std::string_view, 32> k_names{
        "",        "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",  "SIGTRAP", "SIGABRT", "SIGBUS",
        "SIGFPE",  "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
        "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",  "SIGSYS"};
    // Real-time signals are named as glibc's strsignal-independent tools (kill -l) name them.
    static const auto k_realtime = [] {
        std::array<std::string, 33> names;
        for (int n = 32; n <= 64; ++n) {
            if (n < 34)
                names[n - 32] = "SIG" + std::to_string(n);  // reserved by glibc, unnamed
            else if (n <= 48)
                names[n - 32] = n == 34 ? "SIGRTMIN" : "SIGRTMIN+" + std::to_string(n - 34);
            else
                names[n - 32] = n == 64 ? "SIGRTMAX" : "SIGRTMAX-" + std::to_string(64 - n);
        }
        return names;
    }();
    if (signal >= 1 && signal < 32)
        return k_names[static_cast<size_t>(signal)];
    if (signal >= 32 && signal <= signals::k_max_signal)
        return k_realtime[static_cast<size_t>(signal - 32)];
    return {};
}

}  // namespace secure_exec
