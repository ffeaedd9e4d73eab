#include "host/terminal_session.h"

#include <chrono>
#include <mutex>

#include <secure_exec/open_flags.h>
#include <secure_exec/signals.h>

namespace secure_exec::kernel {

ErrorOr<std::unique_ptr<TerminalSession>> TerminalSession::start(KernelState& state, ShellOptions options,
                                                                 std::vector<std::string> environ) {
    auto master_file = TRY(state.terminals().open_master());
    auto pty = static_cast<PtyMaster&>(*master_file).pty();
    pty->set_owner(state.user());
    pty->set_window_size(WindowSize{.rows = options.rows, .columns = options.columns});
    auto replica_file = TRY(state.terminals().open_replica(pty->index()));
    auto master = std::make_shared<OpenFileDescription>(master_file, flags::o_rdwr, master_file->link_text());
    auto replica = std::make_shared<OpenFileDescription>(replica_file, flags::o_rdwr, replica_file->link_text());
    auto fds = std::make_unique<FdTable>(state.limits().max_fds_per_process);
    for (int fd = 0; fd <= 2; ++fd)
        TRY(fds->install_at(fd, replica));
    replica.reset();
    replica_file.reset();
    auto session = std::make_unique<TerminalSession>(state, std::move(master), pty, std::move(options.on_data));
    // A host-started process is a session and group leader (ppid 0), so it may own the terminal.
    SpawnParams params{.parent = nullptr,
                       .command = options.command,
                       .args = std::move(options.args),
                       .environ = std::move(environ),
                       .cwd = options.cwd,
                       .fds = std::move(fds),
                       .host_waitable = true};
    session->m_pid = TRY(state.spawn(std::move(params)));
    state.terminals().attach(session->m_pid, session->m_pid, pty);
    session->m_pump = std::thread(&TerminalSession::pump, session.get());
    return session;
}

TerminalSession::TerminalSession(KernelState& state, DescriptionPtr master, std::shared_ptr<Pty> pty,
                                 std::function<void(std::span<const std::byte>)> on_data)
    : m_state(state), m_master(std::move(master)), m_pty(std::move(pty)), m_on_data(std::move(on_data)) {}

TerminalSession::~TerminalSession() {
    m_pump_waiter.stop = true;
    m_pump_waiter.kick();
    finish_pump();
    m_master.reset();  // hangs up the terminal: the session's groups get SIGHUP
    if (m_pid)
        m_state.processes().release_host_handle(m_pid);
}

void TerminalSession::pump() {
    std::byte buffer[4096];
    while (!m_pump_waiter.stop) {
        IoContext context{m_pump_waiter};
        // Once the shell has exited, take what is buffered and stop (background jobs may keep
        // the replica open, so EIO might never come).
        context.nonblocking = m_pump_waiter.drain.load();
        auto count = m_pty->master_read(context, buffer);
        if (count.is_error() && count.error() == Errno::eintr && m_pump_waiter.drain)
            continue;
        if (count.is_error() || count.value() == 0)
            return;
        if (m_on_data)
            m_on_data(std::span(buffer, count.value()));
    }
}

void TerminalSession::finish_pump() {
    std::call_once(m_pump_joined, [&] {
        if (m_pump.joinable())
            m_pump.join();
    });
}

ErrorOr<void> TerminalSession::write(std::span<const std::byte> data) {
    Waiter waiter;
    IoContext context{waiter};
    while (!data.empty()) {
        size_t written = TRY(m_pty->master_write(context, data));
        data = data.subspan(written);
    }
    return {};
}

ErrorOr<void> TerminalSession::resize(uint16_t columns, uint16_t rows) {
    m_pty->set_window_size(WindowSize{.rows = rows, .columns = columns});
    return {};
}

ErrorOr<void> TerminalSession::kill(int signal) { return m_state.processes().kill(nullptr, m_pid, signal); }

int TerminalSession::wait() {
    int status = m_state.processes().wait_host(m_pid, std::nullopt).value_or(0);
    m_pump_waiter.drain = true;
    m_pump_waiter.kick();
    finish_pump();
    return status;
}

std::optional<int> TerminalSession::wait_for(uint32_t timeout_ms) {
    auto deadline = Waiter::Clock::now() + std::chrono::milliseconds(timeout_ms);
    auto status = m_state.processes().wait_host(m_pid, deadline);
    if (!status)
        return std::nullopt;
    return wait();
}

}  // namespace secure_exec::kernel
