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

}  // namespace secure_exec
