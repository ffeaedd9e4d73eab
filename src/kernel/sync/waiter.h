// waiter.h — sleeping in the kernel: Waiter (one sleeping thread) and WaitQueue (who to wake).
//
// This is the Linux wait-queue pattern. A blocking call, holding the lock of the object it waits
// on, checks its condition; if it must wait it adds its Waiter to the object's WaitQueue, drops
// the object lock and sleeps. Whoever changes the object wakes the queue while holding the object
// lock. Because the waiter is queued (and its wake token cleared) before the object lock is
// dropped, no wake-up is lost. Signals interrupt a sleep through Waiter::kick().
//
// Thread safety: a Waiter is slept on by its own thread only; wake()/kick() from any thread.
// A WaitQueue is guarded by the lock of the object that owns it (callers hold it).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "sync/mutex.h"

namespace secure_exec::kernel {

enum class WakeReason : uint8_t { woken, interrupted, timed_out };

class Waiter {
public:
    using Clock = std::chrono::steady_clock;

    virtual ~Waiter() = default;

    // Sleeps until wake(), an interruption, or the deadline. Returns at once if a wake-up came
    // after the last prepare().
    WakeReason sleep(std::optional<Clock::time_point> deadline = std::nullopt);
    // Clears the wake token; called (by WaitQueue::add) under the lock of the awaited object.
    void prepare();
    void wake();
    // Wakes the sleeper so it re-checks interrupted(); for signal delivery.
    void kick();
    // Whether a signal must end the sleep. Host threads are never interrupted.
    virtual bool interrupted() const { return false; }

private:
    std::mutex m_mutex;
    std::condition_variable m_condition;
    bool m_woken{false};
};

class WaitQueue {
public:
    // Preconditions: the owner's lock is held; `waiter` stays valid until remove().
    void add(Waiter& waiter);
    // Like add(), but keeps the wake token: for one waiter on several queues at once (poll), whose
    // thread clears the token itself before it checks the objects of all of them.
    void add_prepared(Waiter& waiter);
    void remove(Waiter& waiter);
    void wake_all();
    bool empty() const { return m_waiters.empty(); }

private:
    std::vector<Waiter*> m_waiters;
};

// Sleeps on `queue` until `ready()` holds, with `lock` (the owner's lock) held around each check.
// Returns EINTR-worthy WakeReason::interrupted or timed_out when those end the wait first.
// Not analysed: the analysis cannot tie `lock` to the owner's mutex that `ready` requires.
template <typename Ready>
WakeReason wait_until(MutexLocker& lock, WaitQueue& queue, Waiter& waiter, Ready ready,
                      std::optional<Waiter::Clock::time_point> deadline = std::nullopt) NO_THREAD_SAFETY_ANALYSIS {
    while (!ready()) {
        if (waiter.interrupted())
            return WakeReason::interrupted;
        queue.add(waiter);
        lock.unlock();
        WakeReason reason = waiter.sleep(deadline);
        lock.lock();
        queue.remove(waiter);
        if (reason == WakeReason::timed_out && !ready())
            return WakeReason::timed_out;
    }
    return WakeReason::woken;
}

}  // namespace secure_exec::kernel
