// Kernel::connect_terminal: a shell on the host's terminal. The host tty goes into raw mode so
// every key reaches the kernel's line discipline (which then does the cooking, echo and ^C), and
// is restored on every way out: return, error, or a terminating signal to the host process.
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include <secure_exec/kernel.h>

#include "host/terminal_session.h"

namespace secure_exec {

namespace {

// Async-signal-safe restoration state: one connection at a time per host process.
std::atomic<int> g_restore_fd{-1};
struct termios g_saved_termios {};
std::atomic<bool> g_window_changed{false};

void restore_and_reraise(int signal) {
    int fd = g_restore_fd.load();
    if (fd >= 0)
        tcsetattr(fd, TCSAFLUSH, &g_saved_termios);
    std::signal(signal, SIG_DFL);
    raise(signal);
}

void note_window_change(int) { g_window_changed = true; }

// Raw mode on the host terminal for the guard's lifetime, plus the signal handlers that undo it.
class HostTerminalGuard {
public:
    explicit HostTerminalGuard(int fd) {
        if (!isatty(fd) || tcgetattr(fd, &g_saved_termios) != 0)
            return;
        struct termios raw = g_saved_termios;
        cfmakeraw(&raw);
        if (tcsetattr(fd, TCSAFLUSH, &raw) != 0)
            return;
        m_fd = fd;
        g_restore_fd = fd;
        for (int signal : {SIGTERM, SIGHUP, SIGINT, SIGQUIT})
            m_previous.push_back({signal, std::signal(signal, restore_and_reraise)});
    }
    ~HostTerminalGuard() {
        if (m_fd < 0)
            return;
        tcsetattr(m_fd, TCSAFLUSH, &g_saved_termios);
        g_restore_fd = -1;
        for (auto [signal, handler] : m_previous)
            std::signal(signal, handler);
    }
    HostTerminalGuard(const HostTerminalGuard&) = delete;
    HostTerminalGuard& operator=(const HostTerminalGuard&) = delete;

private:
    int m_fd{-1};
    std::vector<std::pair<int, sighandler_t>> m_previous;
};

std::optional<std::pair<uint16_t, uint16_t>> host_window_size(int fd) {
    struct winsize size {};
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
        return std::nullopt;
    return std::pair{size.ws_col, size.ws_row};
}

bool write_all(int fd, std::span<const std::byte> data) {
    while (!data.empty()) {
        ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data = data.subspan(static_cast<size_t>(written));
    }
    return true;
}

}  // namespace

ErrorOr<int> Kernel::connect_terminal(TerminalOptions options) {
    if (auto size = host_window_size(options.output_fd)) {
        options.shell.columns = size->first;
        options.shell.rows = size->second;
    }
    int output_fd = options.output_fd;
    if (!options.shell.on_data)
        options.shell.on_data = [output_fd](std::span<const std::byte> data) { write_all(output_fd, data); };
    HostTerminalGuard guard(options.input_fd);
    auto previous_winch = std::signal(SIGWINCH, note_window_change);
    auto shell = open_shell(std::move(options.shell));
    if (shell.is_error()) {
        std::signal(SIGWINCH, previous_winch);
        return shell.error();
    }
    auto& handle = *shell.value();
    std::byte buffer[4096];
    bool input_open = true;
    while (!handle.wait_for(0)) {
        if (g_window_changed.exchange(false)) {
            if (auto size = host_window_size(output_fd))
                (void)handle.resize(size->first, size->second);
        }
        struct pollfd poll_fd {options.input_fd, POLLIN, 0};
        if (!input_open || ::poll(&poll_fd, 1, 50) <= 0)
            continue;
        ssize_t count = ::read(options.input_fd, buffer, sizeof buffer);
        if (count <= 0) {
            input_open = false;  // host input ended: keep showing output until the shell exits
            continue;
        }
        (void)handle.write(std::span(buffer, static_cast<size_t>(count)));
    }
    int status = handle.wait();
    std::signal(SIGWINCH, previous_winch);
    return wait_status::shell_code(status);
}

}  // namespace secure_exec
