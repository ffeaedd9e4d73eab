// host_process.h — ManagedProcess: a process the host started, with a stdin pipe it writes to
// and output sinks it reads. Dropping the handle lets the kernel reap the process.
// Thread safety: m_mutex guards the stdin end and the cached status.
#pragma once

#include <memory>
#include <optional>

#include <secure_exec/kernel.h>

#include "host/output_sink.h"
#include "kernel_state.h"

namespace secure_exec::kernel {

class HostProcess final : public ManagedProcess {
public:
    HostProcess(KernelState& state, Pid pid, DescriptionPtr stdin_end, std::shared_ptr<OutputSink> out,
                std::shared_ptr<OutputSink> err);
    ~HostProcess() override;

    // ^ManagedProcess
    Pid pid() const override { return m_pid; }
    ErrorOr<void> write_stdin(std::span<const std::byte> data) override;
    void close_stdin() override;
    ErrorOr<void> kill(int signal) override;
    int wait() override;
    std::optional<int> wait_for(uint32_t timeout_ms) override;
    std::string stdout_text() const override { return m_stdout->collected(); }
    std::string stderr_text() const override { return m_stderr->collected(); }

private:
    KernelState& m_state;
    const Pid m_pid;
    const std::shared_ptr<OutputSink> m_stdout;
    const std::shared_ptr<OutputSink> m_stderr;
    Mutex m_mutex;
    DescriptionPtr m_stdin GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
