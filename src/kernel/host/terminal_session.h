// terminal_session.h — ShellHandle: a process on a PTY that the host drives like a terminal
// emulator. The host holds the master; a pump thread reads the master and calls on_data.
// Thread safety: write/resize/kill from any thread; the pump is the only reader of the master.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

#include <secure_exec/terminal.h>

#include "kernel_state.h"
#include "tty/pty.h"

namespace secure_exec::kernel {

class TerminalSession final : public ShellHandle {
public:
    static ErrorOr<std::unique_ptr<TerminalSession>> start(KernelState& state, ShellOptions options,
                                                           std::vector<std::string> environ);
    ~TerminalSession() override;

    // ^ShellHandle
    Pid pid() const override { return m_pid; }
    ErrorOr<void> write(std::span<const std::byte> data) override;
    ErrorOr<void> resize(uint16_t columns, uint16_t rows) override;
    ErrorOr<void> kill(int signal) override;
    int wait() override;
    std::optional<int> wait_for(uint32_t timeout_ms) override;

    TerminalSession(KernelState& state, DescriptionPtr master, std::shared_ptr<Pty> pty,
                    std::function<void(std::span<const std::byte>)> on_data);

private:
    // A host waiter the destructor can interrupt.
    class PumpWaiter final : public Waiter {
    public:
        bool interrupted() const override { return stop.load() || drain.load(); }
        std::atomic<bool> stop{false};   // the handle is going away: leave now
        std::atomic<bool> drain{false};  // the shell exited: take what is buffered, then leave
    };

    void pump();
    void finish_pump();

    KernelState& m_state;
    Pid m_pid{0};
    DescriptionPtr m_master;
    const std::shared_ptr<Pty> m_pty;
    const std::function<void(std::span<const std::byte>)> m_on_data;
    PumpWaiter m_pump_waiter;
    std::thread m_pump;
    std::once_flag m_pump_joined;
};

}  // namespace secure_exec::kernel
