#include "tty/pty.h"

#include <chrono>

#include <secure_exec/signals.h>

#include "util/clock.h"

namespace secure_exec::kernel {

namespace {
constexpr uint32_t k_pts_major = 136;
constexpr uint32_t k_ptmx_rdev = (5u << 8) | 2u;

Stat terminal_stat(uint64_t rdev, uint64_t inode) {
    Stat status;
    status.type = FileType::char_device;
    status.permissions = 0620;
    status.rdev = rdev;
    status.inode = inode;
    status.block_size = 1024;
    status.access_time = status.modify_time = status.change_time = now_realtime();
    return status;
}
}  // namespace

Pty::Pty(int index, TerminalJobControl& job_control) : m_index(index), m_job_control(job_control) {}

void Pty::open_end(bool master) {
    MutexLocker lock(m_mutex);
    ++(master ? m_master_opens : m_replica_opens);
}

void Pty::close_end(bool master) {
    Pid group = 0;
    Pid leader = 0;
    {
        MutexLocker lock(m_mutex);
        int& opens = master ? m_master_opens : m_replica_opens;
        if (--opens > 0)
            return;
        if (master) {
            m_hung_up = true;
            group = m_foreground;
            leader = m_session;
            m_input_readers.wake_all();
            m_output_writers.wake_all();
        } else {
            m_output_readers.wake_all();  // master readers get the rest, then EIO
            m_input_writers.wake_all();
        }
    }
    // Linux tty_vhangup(): the controlling process and the foreground group hear about it.
    for (Pid target : {group, leader}) {
        if (target > 0) {
            m_job_control.signal_group(target, signals::sighup);
            m_job_control.signal_group(target, signals::sigcont);
        }
    }
}

bool Pty::master_open() const {
    MutexLocker lock(m_mutex);
    return m_master_opens > 0;
}

ErrorOr<void> Pty::wait_locked(MutexLocker& lock, WaitQueue& queue, IoContext& context, auto ready) {
    if (context.nonblocking)
        return Errno::eagain;
    if (wait_until(lock, queue, context.waiter, ready) == WakeReason::interrupted)
        return Errno::eintr;
    return {};
}

ErrorOr<size_t> Pty::master_read(IoContext& context, std::span<std::byte> buffer) {
    if (buffer.empty())
        return size_t{0};
    MutexLocker lock(m_mutex);
    auto ready = [&]() REQUIRES(m_mutex) { return m_discipline.output_available() > 0 || m_replica_opens == 0; };
    if (!ready())
        TRY(wait_locked(lock, m_output_readers, context, ready));
    if (m_discipline.output_available() == 0)
        return Errno::eio;  // every replica is closed and the output is drained
    size_t count = m_discipline.read_output(buffer);
    m_output_writers.wake_all();
    return count;
}

ErrorOr<size_t> Pty::master_write(IoContext& context, std::span<const std::byte> data) {
    size_t written = 0;
    while (true) {
        std::vector<int> signals;
        Pid group = 0;
        {
            MutexLocker lock(m_mutex);
            auto result = m_discipline.receive_input(data.subspan(written));
            written += result.consumed;
            signals = std::move(result.signals);
            group = m_foreground;
            m_input_readers.wake_all();
            m_output_readers.wake_all();  // echo
            if (written < data.size() && signals.empty()) {
                auto space = [&]() REQUIRES(m_mutex) { return m_discipline.input_space() > 0 || m_hung_up; };
                auto waited = wait_locked(lock, m_input_writers, context, space);
                if (waited.is_error())
                    return written > 0 ? ErrorOr<size_t>(written) : ErrorOr<size_t>(waited.error());
            }
        }
        deliver_signals(signals, group);
        if (written == data.size())
            return written;
    }
}

ErrorOr<size_t> Pty::replica_read(IoContext& context, std::span<std::byte> buffer) {
    TRY(m_job_control.check_background_access(context.process, *this, signals::sigttin));
    MutexLocker lock(m_mutex);
    const Termios& settings = m_discipline.termios();
    size_t minimum = 1;
    std::optional<Waiter::Clock::time_point> deadline;
    if (!m_discipline.canonical()) {
        minimum = std::min<size_t>(settings.cc[cc::vmin], buffer.size());
        if (settings.cc[cc::vtime] > 0)
            deadline = Waiter::Clock::now() + std::chrono::milliseconds(100 * settings.cc[cc::vtime]);
    }
    auto ready = [&]() REQUIRES(m_mutex) {
        if (m_hung_up)
            return true;
        if (m_discipline.canonical())
            return m_discipline.read_ready();
        return m_discipline.readable() >= std::max<size_t>(minimum, 1);
    };
    if (!ready() && (minimum > 0 || deadline)) {
        if (context.nonblocking)
            return Errno::eagain;
        auto reason = wait_until(lock, m_input_readers, context.waiter, ready, deadline);
        if (reason == WakeReason::interrupted)
            return Errno::eintr;
    }
    size_t count = m_discipline.read_input(buffer);
    m_input_writers.wake_all();
    return count;  // 0 at an EOF mark, after a hangup, or when VMIN/VTIME allow it
}

ErrorOr<size_t> Pty::replica_write(IoContext& context, std::span<const std::byte> data) {
    bool to_stop;
    {
        MutexLocker lock(m_mutex);
        if (m_hung_up)
            return Errno::eio;
        to_stop = (m_discipline.termios().lflag & termios_flags::tostop) != 0;
    }
    if (to_stop)
        TRY(m_job_control.check_background_access(context.process, *this, signals::sigttou));
    MutexLocker lock(m_mutex);
    size_t written = 0;
    while (written < data.size()) {
        if (m_hung_up)
            return written > 0 ? ErrorOr<size_t>(written) : ErrorOr<size_t>(Errno::eio);
        size_t taken = m_discipline.write_output(data.subspan(written));
        written += taken;
        if (taken > 0)
            m_output_readers.wake_all();
        if (written == data.size())
            break;
        // Room for the next byte after output processing: ONLCR turns "\n" into two bytes.
        auto space = [&]() REQUIRES(m_mutex) { return m_discipline.output_space() >= 2 || m_hung_up; };
        auto waited = wait_locked(lock, m_output_writers, context, space);
        if (waited.is_error())
            return written > 0 ? ErrorOr<size_t>(written) : ErrorOr<size_t>(waited.error());
    }
    return written;
}

PollState Pty::master_poll() const {
    MutexLocker lock(m_mutex);
    return {.readable = m_discipline.output_available() > 0 || m_replica_opens == 0,
            .writable = m_discipline.input_space() > 0,
            .hangup = m_replica_opens == 0};
}

PollState Pty::replica_poll() const {
    MutexLocker lock(m_mutex);
    return {.readable = m_discipline.read_ready() || m_hung_up,
            .writable = m_discipline.output_space() > 0 && !m_hung_up,
            .hangup = m_hung_up};
}

void Pty::add_poller(bool master, Waiter& waiter) {
    MutexLocker lock(m_mutex);
    (master ? m_output_readers : m_input_readers).add_prepared(waiter);
    (master ? m_input_writers : m_output_writers).add_prepared(waiter);
}

void Pty::remove_poller(bool master, Waiter& waiter) {
    MutexLocker lock(m_mutex);
    (master ? m_output_readers : m_input_readers).remove(waiter);
    (master ? m_input_writers : m_output_writers).remove(waiter);
}

Termios Pty::termios() const {
    MutexLocker lock(m_mutex);
    return m_discipline.termios();
}

ErrorOr<void> Pty::set_termios(IoContext& context, int action, const Termios& settings) {
    if (action != tcsa::now && action != tcsa::drain && action != tcsa::flush)
        return Errno::einval;
    if (action != tcsa::now)
        TRY(drain(context));
    MutexLocker lock(m_mutex);
    if (action == tcsa::flush)
        m_discipline.flush_input();
    m_discipline.set_termios(settings);
    m_input_readers.wake_all();  // a mode change can make input readable
    m_input_writers.wake_all();  // and a flush or a mode change can make room for the master
    return {};
}

ErrorOr<void> Pty::flush(int queue) {
    if (queue < tcflush_queue::input || queue > tcflush_queue::both)
        return Errno::einval;
    MutexLocker lock(m_mutex);
    if (queue != tcflush_queue::output)
        m_discipline.flush_input();
    if (queue != tcflush_queue::input)
        m_discipline.flush_output();
    m_input_writers.wake_all();
    m_output_writers.wake_all();
    return {};
}

ErrorOr<void> Pty::drain(IoContext& context) {
    MutexLocker lock(m_mutex);
    auto drained = [&]() REQUIRES(m_mutex) { return m_discipline.output_available() == 0 || m_master_opens == 0; };
    if (drained())
        return {};
    if (wait_until(lock, m_output_writers, context.waiter, drained) == WakeReason::interrupted)
        return Errno::eintr;
    return {};
}

WindowSize Pty::window_size() const {
    MutexLocker lock(m_mutex);
    return m_window;
}

void Pty::set_window_size(const WindowSize& size) {
    Pid group = 0;
    {
        MutexLocker lock(m_mutex);
        if (m_window == size)
            return;
        m_window = size;
        group = m_foreground;
    }
    if (group > 0)
        m_job_control.signal_group(group, signals::sigwinch);
}

Pid Pty::session() const {
    MutexLocker lock(m_mutex);
    return m_session;
}

Pid Pty::foreground_group() const {
    MutexLocker lock(m_mutex);
    return m_foreground;
}

void Pty::set_session(Pid sid, Pid foreground_pgid) {
    MutexLocker lock(m_mutex);
    m_session = sid;
    m_foreground = foreground_pgid;
}

Credentials Pty::owner() const {
    MutexLocker lock(m_mutex);
    return m_owner;
}

void Pty::set_owner(const Credentials& owner) {
    MutexLocker lock(m_mutex);
    m_owner = owner;
}

void Pty::set_foreground_group(Pid pgid) {
    MutexLocker lock(m_mutex);
    m_foreground = pgid;
}

void Pty::deliver_signals(const std::vector<int>& signals, Pid group) {
    if (group <= 0)
        return;
    for (int signal : signals)
        m_job_control.signal_group(group, signal);
}

PtyMaster::PtyMaster(std::shared_ptr<Pty> pty) : m_pty(std::move(pty)) { m_pty->open_end(true); }
PtyMaster::~PtyMaster() { m_pty->close_end(true); }

ErrorOr<size_t> PtyMaster::read(IoContext& context, uint64_t, std::span<std::byte> buffer) {
    return m_pty->master_read(context, buffer);
}

ErrorOr<WriteResult> PtyMaster::write(IoContext& context, uint64_t, std::span<const std::byte> data, bool) {
    size_t count = TRY(m_pty->master_write(context, data));
    return WriteResult{count, 0};
}

ErrorOr<Stat> PtyMaster::stat() { return terminal_stat(k_ptmx_rdev, 2); }

PtyReplica::PtyReplica(std::shared_ptr<Pty> pty) : m_pty(std::move(pty)) { m_pty->open_end(false); }
PtyReplica::~PtyReplica() { m_pty->close_end(false); }

ErrorOr<size_t> PtyReplica::read(IoContext& context, uint64_t, std::span<std::byte> buffer) {
    return m_pty->replica_read(context, buffer);
}

ErrorOr<WriteResult> PtyReplica::write(IoContext& context, uint64_t, std::span<const std::byte> data, bool) {
    size_t count = TRY(m_pty->replica_write(context, data));
    return WriteResult{count, 0};
}

ErrorOr<Stat> PtyReplica::stat() {
    return terminal_stat((k_pts_major << 8) | static_cast<uint32_t>(m_pty->index()), 3 + m_pty->index());
}

}  // namespace secure_exec::kernel
