// mutex.h — a std::mutex that Clang's thread-safety analysis understands.
// libstdc++'s std::mutex carries no capability attributes, so GUARDED_BY on it checks nothing;
// this wrapper does. Build with clang and -Wthread-safety to check the annotations.
#pragma once

#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define SE_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SE_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) SE_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY SE_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) SE_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) SE_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) SE_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) SE_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) SE_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define EXCLUDES(...) SE_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) SE_THREAD_ANNOTATION(assert_capability(x))
#define NO_THREAD_SAFETY_ANALYSIS SE_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace secure_exec::kernel {

class CAPABILITY("mutex") Mutex {
public:
    void lock() ACQUIRE() { m_mutex.lock(); }
    void unlock() RELEASE() { m_mutex.unlock(); }
    std::mutex& native() { return m_mutex; }

private:
    std::mutex m_mutex;
};

// RAII lock of a Mutex; can be released and re-taken inside its scope (for sleeping).
class SCOPED_CAPABILITY MutexLocker {
public:
    explicit MutexLocker(Mutex& mutex) ACQUIRE(mutex) : m_mutex(mutex) { m_mutex.lock(); }
    ~MutexLocker() RELEASE() {
        if (m_locked)
            m_mutex.unlock();
    }
    void unlock() RELEASE() {
        m_mutex.unlock();
        m_locked = false;
    }
    void lock() ACQUIRE() {
        m_mutex.lock();
        m_locked = true;
    }
    MutexLocker(const MutexLocker&) = delete;
    MutexLocker& operator=(const MutexLocker&) = delete;

private:
    Mutex& m_mutex;
    bool m_locked{true};
};

}  // namespace secure_exec::kernel
