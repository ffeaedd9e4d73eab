// wait_helpers.h — polling with a deadline and readable wait statuses, shared by the test suites.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <secure_exec/signals.h>

namespace secure_exec::testing {

// Polls `condition` every millisecond until it holds or `timeout_ms` passes.
inline bool poll_until(const std::function<bool()>& condition, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// "exited(0)", "signaled(SIGINT)", "stopped(SIGTSTP)", "continued": for readable EXPECT_EQ messages.
inline std::string describe_status(int status) {
    if (wait_status::if_exited(status))
        return "exited(" + std::to_string(wait_status::exit_status(status)) + ")";
    if (wait_status::if_stopped(status))
        return "stopped(" + std::string(signal_name(wait_status::stop_signal(status))) + ")";
    if (wait_status::if_continued(status))
        return "continued";
    if (wait_status::if_signaled(status))
        return "signaled(" + std::string(signal_name(wait_status::term_signal(status))) + ")";
    return "raw(" + std::to_string(status) + ")";
}

}  // namespace secure_exec::testing
