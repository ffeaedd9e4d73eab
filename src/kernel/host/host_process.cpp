#include "host/host_process.h"

#include <chrono>

namespace secure_exec::kernel {

HostProcess::HostProcess(KernelState& state, Pid pid, DescriptionPtr stdin_end, std::shared_ptr<OutputSink> out,
                         std::shared_ptr<OutputSink> err)
    : m_state(state), m_pid(pid), m_stdout(std::move(out)), m_stderr(std::move(err)), m_stdin(std::move(stdin_end)) {}

HostProcess::~HostProcess() {
    close_stdin();
    m_state.processes().release_host_handle(m_pid);
}

ErrorOr<void> HostProcess::write_stdin(std::span<const std::byte> data) {
    DescriptionPtr end;
    {
        MutexLocker lock(m_mutex);
        end = m_stdin;
    }
    if (!end)
        return Errno::epipe;
    Waiter waiter;
    IoContext context{waiter};
    while (!data.empty()) {
        size_t written = TRY(end->write(context, data));
        data = data.subspan(written);
    }
    return {};
}

void HostProcess::close_stdin() {
    DescriptionPtr closing;
    MutexLocker lock(m_mutex);
    closing = std::move(m_stdin);
    lock.unlock();
}

ErrorOr<void> HostProcess::kill(int signal) { return m_state.processes().kill(nullptr, m_pid, signal); }

int HostProcess::wait() { return m_state.processes().wait_host(m_pid, std::nullopt).value_or(0); }

std::optional<int> HostProcess::wait_for(uint32_t timeout_ms) {
    auto deadline = Waiter::Clock::now() + std::chrono::milliseconds(timeout_ms);
    return m_state.processes().wait_host(m_pid, deadline);
}

}  // namespace secure_exec::kernel
