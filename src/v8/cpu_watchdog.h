// cpu_watchdog.h — stops guest code that has used too much CPU time.
//
// Limits are on the guest thread's own CPU time (pthread_getcpuclockid), not wall-clock time:
// a process blocked on a pipe or sleeping uses none, and a busy machine does not make a guest
// "time out" early. One watchdog thread polls every guarded thread's clock (every 2 ms) and calls
// the guard's callback — typically Isolate::terminate — once its budget is spent.
//
//   CpuWatchdog watchdog;
//   auto guard = watchdog.watch(std::chrono::milliseconds(500), [&] { isolate.terminate(); });
//   run_guest();   // on this thread
//   bool stopped = guard->exceeded();
//
// Thread safety: watch() from any thread (it watches the caller); a Guard must be destroyed on
// the thread it watches, before that thread exits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace secure_exec::v8_layer {

class CpuWatchdog {
public:
    class Guard {
    public:
        ~Guard();
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        bool exceeded() const { return m_exceeded.load(); }
        // CPU time the watched thread has used since the guard was made.
        std::chrono::nanoseconds used() const;

    private:
        friend class CpuWatchdog;
        Guard(CpuWatchdog& watchdog, clockid_t clock, std::chrono::nanoseconds budget, std::function<void()> on_exceeded);

        CpuWatchdog& m_watchdog;
        const clockid_t m_clock;
        const std::chrono::nanoseconds m_start;
        const std::chrono::nanoseconds m_budget;
        const std::function<void()> m_on_exceeded;
        std::atomic<bool> m_exceeded{false};
    };

    explicit CpuWatchdog(std::chrono::milliseconds period = std::chrono::milliseconds(2));
    ~CpuWatchdog();
    CpuWatchdog(const CpuWatchdog&) = delete;
    CpuWatchdog& operator=(const CpuWatchdog&) = delete;

    // Watches the calling thread until the guard is destroyed.
    std::unique_ptr<Guard> watch(std::chrono::nanoseconds budget, std::function<void()> on_exceeded);

private:
    void run();
    void remove(Guard* guard);
    static std::chrono::nanoseconds read_clock(clockid_t clock);

    const std::chrono::milliseconds m_period;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::list<Guard*> m_guards;  // guarded by m_mutex
    bool m_stopping{false};      // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace secure_exec::v8_layer
