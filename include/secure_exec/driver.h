// driver.h — how a runtime (WasmVM, Node, the C++ function driver) plugs into the kernel.
//
// A driver registers command names at mount. To start a process the kernel creates the process
// entry (pid, fd table, env, cwd) and calls Driver::spawn; the driver runs the program on a thread
// of its own, talks to the kernel only through the KernelInterface it received in init(), and
// calls KernelInterface::exit(pid, code) when the program ends. The kernel tells the driver about
// signals through DriverProcess::notify so it can stop code that never makes a syscall.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

namespace secure_exec {

class KernelInterface;

// What the driver needs to start a program. The process already exists in the kernel.
struct ProcessStart {
    Pid pid{0};
    Pid ppid{0};
    std::string command;               // registered command name, or the program's base name
    std::string executable_path;       // resolved guest path of the program file ("" if none)
    std::vector<std::string> argv;     // argv[0] included
    std::vector<std::string> environ;  // "NAME=value"
    std::string cwd;
};

enum class ProcessEvent : uint8_t {
    terminate,       // a fatal signal: stop running guest code now; syscalls return EINTR
    stop,            // a stop signal: park at the next syscall or interrupt point
    resume,          // SIGCONT after a stop
    signal_pending,  // a handled signal is pending: run handlers at the next safe point
};

// The kernel's handle on a running program. notify() may be called from any thread, and must
// not call back into the kernel or block.
class DriverProcess {
public:
    virtual ~DriverProcess() = default;
    virtual void notify(ProcessEvent event, int signal) = 0;
};

class Driver {
public:
    virtual ~Driver() = default;
    virtual std::string_view name() const = 0;
    virtual std::vector<std::string> commands() const = 0;
    // Called once by Kernel::mount. The interface outlives the driver's use of it (until dispose).
    virtual ErrorOr<void> init(KernelInterface& kernel) = 0;
    virtual ErrorOr<std::unique_ptr<DriverProcess>> spawn(const ProcessStart& start) = 0;
    // Whether this driver runs a program file whose first bytes are `header` (e.g. "\0asm").
    virtual bool can_execute(std::span<const std::byte> header) const {
        (void)header;
        return false;
    }
    // Called by Kernel::dispose after every process has exited: join threads, free engines.
    virtual void dispose() = 0;
};

}  // namespace secure_exec
