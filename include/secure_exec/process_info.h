// process_info.h — what the kernel reports about a process (Kernel::processes, /proc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <secure_exec/fs_types.h>

namespace secure_exec {

enum class ProcessState : uint8_t { running, stopped, zombie };

struct ProcessInfo {
    Pid pid{0};
    Pid ppid{0};
    Pid pgid{0};
    Pid sid{0};
    std::string driver;
    std::string command;
    std::vector<std::string> argv;
    std::string cwd;
    ProcessState state{ProcessState::running};
    std::optional<int> wait_status;  // set once the process has exited (POSIX wstatus)
};

// waitpid(2) result. pid == 0 with WNOHANG means no child changed state yet.
struct WaitResult {
    Pid pid{0};
    int status{0};
};

// poll(2) readiness of one descriptor.
struct PollState {
    bool readable{false};
    bool writable{false};
    bool hangup{false};
    bool error{false};
};

// poll(2)'s event bits, with Linux's values. POLLERR, POLLHUP and POLLNVAL are reported whether
// or not they were asked for.
namespace poll_events {
constexpr short pollin = 0x001;
constexpr short pollout = 0x004;
constexpr short pollerr = 0x008;
constexpr short pollhup = 0x010;
constexpr short pollnval = 0x020;
}  // namespace poll_events

// One entry of KernelInterface::poll, laid out like struct pollfd. A negative fd is skipped
// (revents 0), as poll(2) does.
struct PollFd {
    int fd{-1};
    short events{0};
    short revents{0};
};

}  // namespace secure_exec
