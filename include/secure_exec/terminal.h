// terminal.h — interactive shells on a pseudo-terminal: Kernel::open_shell and connect_terminal.
//
//   ShellOptions options;
//   options.on_data = [](std::span<const std::byte> bytes) { render(bytes); };
//   auto shell = MUST(kernel->open_shell(options));
//   MUST(shell->write(as_bytes("echo hello\n")));
//   int status = shell->wait();
//
// The shell runs as a session leader with the PTY replica as its controlling terminal and
// stdin/stdout/stderr, in its own process group, which is the terminal's foreground group: ^C
// written to the handle reaches that group as SIGINT through the line discipline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

namespace secure_exec {

struct ShellOptions {
    std::string command{"sh"};
    std::vector<std::string> args;
    std::map<std::string, std::string> env;  // added to the kernel's base environment
    std::optional<std::string> cwd;
    uint16_t columns{80};
    uint16_t rows{24};
    // Everything the terminal shows (echo included), from the shell's output thread, in order.
    std::function<void(std::span<const std::byte>)> on_data;
};

class ShellHandle {
public:
    virtual ~ShellHandle() = default;
    virtual Pid pid() const = 0;
    // Keyboard input: bytes written to the PTY master, as a terminal emulator would.
    virtual ErrorOr<void> write(std::span<const std::byte> data) = 0;
    // Sets the window size; the foreground group gets SIGWINCH.
    virtual ErrorOr<void> resize(uint16_t columns, uint16_t rows) = 0;
    virtual ErrorOr<void> kill(int signal) = 0;
    // Blocks until the shell exits and its output has been delivered; returns its wait status.
    virtual int wait() = 0;
    virtual std::optional<int> wait_for(uint32_t timeout_ms) = 0;
};

struct TerminalOptions {
    ShellOptions shell;
    int input_fd{0};   // the host terminal (or any readable fd)
    int output_fd{1};
};

}  // namespace secure_exec
