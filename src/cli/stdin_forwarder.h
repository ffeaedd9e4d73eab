// stdin_forwarder.h — the host's stdin copied to a sandboxed process's stdin, on a thread of its
// own, until the host's stdin ends (then the process's stdin is closed) or the forwarder is
// destroyed. The destructor wakes the thread through a pipe and joins it, so the thread never
// touches a process (or kernel) that is gone.
// Thread safety: construct and destroy on one thread; the forwarding thread is internal.
#pragma once

#include <thread>

#include <secure_exec/kernel.h>

namespace secure_exec::cli {

class StdinForwarder {
public:
    explicit StdinForwarder(ManagedProcess& process);
    ~StdinForwarder();
    StdinForwarder(const StdinForwarder&) = delete;
    StdinForwarder& operator=(const StdinForwarder&) = delete;

private:
    void run(ManagedProcess& process);

    int m_wake[2]{-1, -1};
    std::thread m_thread;
};

}  // namespace secure_exec::cli
