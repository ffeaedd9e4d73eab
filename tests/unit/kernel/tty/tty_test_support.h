// tty_test_support.h — helpers shared by the PTY, termios, job-control and shell tests.
//
// Process bodies return int and cannot ASSERT; they use CHECK_OK (fd_test_support.h) and EXPECT_*.
// Every wait here has a deadline, so a kernel that loses a byte or a signal fails the test
// instead of hanging it. The helpers live in their own namespace (tty) so they cannot collide
// with the inline helpers of other suites' headers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <secure_exec/signals.h>
#include <secure_exec/termios.h>

#include "unit/kernel/fd/fd_test_support.h"
#include "unit/kernel/support/wait_helpers.h"

namespace secure_exec::testing::tty {

using namespace secure_exec::flags;
using Clock = std::chrono::steady_clock;

inline long long ms_since(Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

inline bool wait_until(const std::function<bool()>& condition, int timeout_ms = 10000) {
    return poll_until(condition, timeout_ms);
}

inline std::string status_text(int status) { return describe_status(status); }
inline std::string exited_text(int code) { return status_text(wait_status::exited(code)); }
inline std::string signaled_text(int signal) { return status_text(wait_status::signaled(signal)); }
inline std::string stopped_text(int signal) { return status_text(wait_status::stopped(signal)); }

// waitpid(2) with a deadline: polls with WNOHANG. On timeout the child is SIGKILLed and reaped,
// and the result is "timeout" (so a lost signal fails the test instead of hanging it).
inline std::string wait_child(KernelInterface& k, Pid pid, Pid child, int options = 0, int timeout_ms = 10000) {
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        auto result = k.waitpid(pid, child, options | wnohang);
        if (result.is_error())
            return std::string("waitpid: ") + std::string(errno_name(result.error()));
        if (result.value().pid == child)
            return status_text(result.value().status);
        if (Clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    (void)k.kill(pid, child, signals::sigkill);
    (void)k.waitpid(pid, child, 0);
    return "timeout";
}

// Reads `fd` (without blocking: poll_state first) until `done(collected)` holds, the fd fails
// (EIO once the other side is gone) or `timeout_ms` passes. Returns what was read.
inline std::string read_until(KernelInterface& k, Pid pid, int fd, const std::function<bool(const std::string&)>& done,
                              int timeout_ms = 10000, std::optional<Errno>* error = nullptr) {
    std::string collected;
    std::string buffer(65536, '\0');
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done(collected)) {
        auto state = k.poll_state(pid, fd);
        if (state.is_error()) {
            if (error)
                *error = state.error();
            break;
        }
        if (!state.value().readable) {
            if (Clock::now() >= deadline)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        auto count = k.read(pid, fd, std::as_writable_bytes(std::span(buffer)));
        if (count.is_error()) {
            if (error)
                *error = count.error();
            break;
        }
        if (count.value() == 0)
            break;
        collected.append(buffer.data(), count.value());
    }
    return collected;
}

// Reads until exactly `size` bytes arrived (or timeout / error).
inline std::string read_bytes(KernelInterface& k, Pid pid, int fd, size_t size, int timeout_ms = 10000) {
    return read_until(k, pid, fd, [size](const std::string& got) { return got.size() >= size; }, timeout_ms);
}

// Reads until `needle` appears.
inline std::string read_until_text(KernelInterface& k, Pid pid, int fd, const std::string& needle,
                                   int timeout_ms = 10000) {
    return read_until(k, pid, fd, [&](const std::string& got) { return got.find(needle) != std::string::npos; },
                      timeout_ms);
}

// Whether `fd` has nothing to read right now.
inline bool nothing_to_read(KernelInterface& k, Pid pid, int fd) {
    auto state = k.poll_state(pid, fd);
    return !state.is_error() && !state.value().readable;
}

inline Termios raw_mode(Termios termios, uint8_t vmin = 1, uint8_t vtime = 0) {
    termios.lflag &= ~(termios_flags::icanon | termios_flags::echo);
    termios.cc[cc::vmin] = vmin;
    termios.cc[cc::vtime] = vtime;
    return termios;
}

inline SignalAction handle_signal() {
    SignalAction action;
    action.disposition = Disposition::handler;
    return action;
}

inline SignalAction ignore_signal() {
    SignalAction action;
    action.disposition = Disposition::ignore;
    return action;
}

// A job body: sleeps in short interruptible naps until a syscall fails (a fatal signal), or
// `limit_ms` passes (then exits 0, so a lost signal shows as exited(0) in the wait status).
inline int nap_until_signaled(ProcessContext& p, int limit_ms = 3000) {
    auto started = Clock::now();
    while (ms_since(started) < limit_ms) {
        auto slept = p.kernel().sleep(p.pid(), 5'000'000);
        if (slept.is_error()) {
            if (p.terminated())
                return 1;
            (void)p.kernel().take_signal(p.pid());
        }
    }
    return 0;
}

// Opens `pairs` and makes both ends close-on-exec, so children do not hold them by accident.
struct Pair {
    int master{-1};
    int replica{-1};
    std::string path;
};

inline ErrorOr<Pair> open_pair(KernelInterface& k, Pid pid, bool cloexec = true) {
    auto pair = TRY(k.openpty(pid));
    if (cloexec) {
        TRY(k.fcntl(pid, pair.master_fd, f_setfd, fd_cloexec));
        TRY(k.fcntl(pid, pair.replica_fd, f_setfd, fd_cloexec));
    }
    return Pair{pair.master_fd, pair.replica_fd, pair.replica_path};
}

// "0000042 xxxx...\n": `count` numbered lines of exactly `width` bytes (newline included).
inline std::string numbered_lines(size_t count, size_t width, const std::string& newline = "\n") {
    std::string out;
    out.reserve(count * (width - 1 + newline.size()));
    char number[32];
    for (size_t i = 0; i < count; ++i) {
        std::snprintf(number, sizeof number, "%07zu ", i);
        std::string line = number;
        line.resize(width - 1, 'x');
        out += line;
        out += newline;
    }
    return out;
}

// The fixture of the terminal suites. A kernel bug in this layer tends to be a lost wakeup or a
// thread spinning with a lock held, which would hang the whole test binary; a watchdog turns
// that into an abort naming the test. Tests are meant to take well under 2 s.
class TtyFixture : public KernelFixture {
protected:
    static constexpr int k_watchdog_ms = 60000;

    // The user whose pseudo-terminals these are. Opening /dev/pts/N by path needs the pair to
    // belong to this user (see PtyTest.ReplicaPathOpensForTheUserWhoOpenedThePair).
    void run_as_root() { options().user = Credentials{0, 0}; }

    void SetUp() override {
        KernelFixture::SetUp();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "." + info->name();
        m_watchdog = std::thread([this, name] {
            std::unique_lock lock(m_watchdog_mutex);
            if (!m_watchdog_done.wait_for(lock, std::chrono::milliseconds(k_watchdog_ms), [&] { return m_finished; })) {
                std::fprintf(stderr, "\n*** %s did not finish in %d ms: a kernel deadlock or lost wakeup; aborting\n",
                             name.c_str(), k_watchdog_ms);
                std::fflush(stderr);
                std::abort();
            }
        });
    }

    void TearDown() override {
        KernelFixture::TearDown();
        {
            std::lock_guard lock(m_watchdog_mutex);
            m_finished = true;
        }
        m_watchdog_done.notify_all();
        m_watchdog.join();
    }

private:
    std::thread m_watchdog;
    std::mutex m_watchdog_mutex;
    std::condition_variable m_watchdog_done;
    bool m_finished{false};
};

}  // namespace secure_exec::testing::tty
