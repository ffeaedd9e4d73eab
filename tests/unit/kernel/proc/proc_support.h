// proc_support.h — helpers shared by the process, signal and kernel-facade tests.
//
// Process functions run on their own threads and return int, so they cannot use ASSERT_*; they
// use EXPECT_* (thread-safe in GoogleTest) with the helpers below, e.g.
//   EXPECT_EQ(err(k.setsid(p.pid())), "EPERM");
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "../support/kernel_fixture.h"
#include "../support/wait_helpers.h"

namespace secure_exec::testing {

// "OK" for a success, else the errno's name ("EPERM").
template <typename T>
std::string err(const ErrorOr<T>& result) {
    return result.is_error() ? std::string(errno_name(result.error())) : std::string("OK");
}

inline void host_sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

using SteadyClock = std::chrono::steady_clock;

inline long long elapsed_ms(SteadyClock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - since).count();
}

// Polls `condition` every millisecond until it holds or `timeout_ms` passed; returns whether it held.
// The shared helpers (support/wait_helpers.h) with this suite's default deadline.
inline bool poll_until(const std::function<bool()>& condition) { return poll_until(condition, 5000); }

inline std::string exited(int code) { return describe_status(wait_status::exited(code)); }
inline std::string signaled(int signal) { return describe_status(wait_status::signaled(signal)); }

inline SignalAction handler_action(uint32_t flags = 0) {
    SignalAction action;
    action.disposition = Disposition::handler;
    action.flags = flags;
    return action;
}

inline SignalAction ignore_action() {
    SignalAction action;
    action.disposition = Disposition::ignore;
    return action;
}

// Blocks in interruptible sleeps until a syscall fails (a signal), then returns 0.
inline int sleep_until_interrupted(ProcessContext& p) {
    while (!p.kernel().sleep(p.pid(), 5'000'000).is_error()) {
    }
    return 0;
}

class ProcFixture : public KernelFixture {
protected:
    // A pipe in the calling process whose ends are close-on-exec (children do not inherit them).
    struct Gate {
        int read_fd{-1};
        int write_fd{-1};
    };

    static Gate make_gate(ProcessContext& p) {
        auto ends = MUST(p.kernel().pipe(p.pid(), flags::o_cloexec));
        return Gate{ends.first, ends.second};
    }

    // A child that reads its stdin (the gate's read end) until EOF or an error, then exits with
    // `code`. Close the gate's write end to let it go.
    Pid spawn_waiting(ProcessContext& p, const Gate& gate, int code = 0) {
        auto request = child([code](ProcessContext& c) {
            (void)c.read_all(0);
            return code;
        });
        request.stdin_fd = gate.read_fd;
        return MUST(p.kernel().spawn(p.pid(), request));
    }

    // Information on `pid` from Kernel::processes(), if it is in the table.
    std::optional<ProcessInfo> info_of(Pid pid) {
        for (auto& info : kernel().processes())
            if (info.pid == pid)
                return info;
        return std::nullopt;
    }

    // Waits until Kernel::processes() reports `pid` in `state`.
    bool poll_until_state(Pid pid, ProcessState state, int timeout_ms = 5000) {
        return poll_until([&] {
            auto info = info_of(pid);
            return info && info->state == state;
        }, timeout_ms);
    }
};

}  // namespace secure_exec::testing
