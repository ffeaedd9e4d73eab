// pty.h — a pseudo-terminal pair: the master (/dev/ptmx) and the replica (/dev/pts/N).
//
// The Pty owns the line discipline, the lock around it and the wait queues; the two ends are
// Files (PtyMaster, PtyReplica) counting their opens. Job control rules that need the process
// table (SIGTTIN/SIGTTOU for background groups, signalling the foreground group) go through the
// TerminalJobControl interface the kernel implements, because the tty layer sits below processes.
//
// Hangup, as Linux: when the last master closes, replica reads return 0 after the buffered input
// (EOF) and replica writes fail with EIO, and the session's foreground group gets SIGHUP (then
// SIGCONT). When every replica is closed, master reads return the buffered output, then EIO.
// Writers block while the queue they write to is full; nothing is dropped.
//
// Thread safety: all state is guarded by m_mutex. Signals are sent after it is released.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>
#include <secure_exec/termios.h>

#include "file/file.h"
#include "sync/mutex.h"
#include "sync/waiter.h"
#include "tty/line_discipline.h"

namespace secure_exec::kernel {

class Pty;

// What the tty needs from the process layer.
class TerminalJobControl {
public:
    virtual ~TerminalJobControl() = default;
    virtual void signal_group(Pid pgid, int signal) = 0;
    // Linux tty_check_change()/__tty_check_change(): a process in a background group of the
    // terminal's session that reads (signal SIGTTIN) or writes with TOSTOP (SIGTTOU) gets its
    // group signalled and EINTR; EIO when that signal is ignored or blocked or its group is
    // orphaned. Returns {} when the access may proceed.
    virtual ErrorOr<void> check_background_access(Process* process, const Pty& pty, int signal) = 0;
};

class Pty : public std::enable_shared_from_this<Pty> {
public:
    Pty(int index, TerminalJobControl& job_control);

    int index() const { return m_index; }
    std::string replica_path() const { return "/dev/pts/" + std::to_string(m_index); }

    // ^Ends (called by PtyMaster/PtyReplica constructors and destructors)
    void open_end(bool master);
    void close_end(bool master);
    bool master_open() const;

    // ^I/O
    ErrorOr<size_t> master_read(IoContext& context, std::span<std::byte> buffer);
    ErrorOr<size_t> master_write(IoContext& context, std::span<const std::byte> data);
    ErrorOr<size_t> replica_read(IoContext& context, std::span<std::byte> buffer);
    ErrorOr<size_t> replica_write(IoContext& context, std::span<const std::byte> data);
    PollState master_poll() const;
    PollState replica_poll() const;
    // poll(2) on several files: `waiter` joins the queues woken when that end's PollState may
    // change (the master: output to read, input room; the replica: input to read, output room).
    void add_poller(bool master, Waiter& waiter);
    void remove_poller(bool master, Waiter& waiter);

    // ^Attributes
    Termios termios() const;
    // tcsetattr(3): TCSADRAIN waits for output to drain; TCSAFLUSH also discards unread input.
    ErrorOr<void> set_termios(IoContext& context, int action, const Termios& termios);
    ErrorOr<void> flush(int queue);
    ErrorOr<void> drain(IoContext& context);
    WindowSize window_size() const;
    // Sends SIGWINCH to the foreground group when the size changes.
    void set_window_size(const WindowSize& size);

    // Who /dev/pts/N belongs to: whoever opened the pair (Linux devpts).
    Credentials owner() const;
    void set_owner(const Credentials& owner);

    // ^Session (maintained by the kernel's terminal control)
    Pid session() const;
    Pid foreground_group() const;
    void set_session(Pid sid, Pid foreground_pgid);
    void set_foreground_group(Pid pgid);

private:
    ErrorOr<void> wait_locked(MutexLocker& lock, WaitQueue& queue, IoContext& context, auto ready) REQUIRES(m_mutex);
    void deliver_signals(const std::vector<int>& signals, Pid group);

    const int m_index;
    TerminalJobControl& m_job_control;
    mutable Mutex m_mutex;
    LineDiscipline m_discipline GUARDED_BY(m_mutex);
    WindowSize m_window GUARDED_BY(m_mutex);
    int m_master_opens GUARDED_BY(m_mutex){0};
    int m_replica_opens GUARDED_BY(m_mutex){0};
    bool m_hung_up GUARDED_BY(m_mutex){false};  // the master was closed: for good
    Credentials m_owner GUARDED_BY(m_mutex){0, 0};
    Pid m_session GUARDED_BY(m_mutex){0};
    Pid m_foreground GUARDED_BY(m_mutex){0};
    WaitQueue m_input_readers GUARDED_BY(m_mutex);   // replica readers
    WaitQueue m_input_writers GUARDED_BY(m_mutex);   // master writers
    WaitQueue m_output_readers GUARDED_BY(m_mutex);  // master readers
    WaitQueue m_output_writers GUARDED_BY(m_mutex);  // replica writers, drain
};

// The master end, as an open file.
class PtyMaster final : public File {
public:
    explicit PtyMaster(std::shared_ptr<Pty> pty);
    ~PtyMaster() override;
    const std::shared_ptr<Pty>& pty() const { return m_pty; }

    // ^File
    ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                               bool append) override;
    ErrorOr<Stat> stat() override;
    PollState poll() override { return m_pty->master_poll(); }
    void poll_subscribe(Waiter& waiter) override { m_pty->add_poller(true, waiter); }
    void poll_unsubscribe(Waiter& waiter) override { m_pty->remove_poller(true, waiter); }
    std::string link_text() const override { return "/dev/ptmx"; }

private:
    const std::shared_ptr<Pty> m_pty;
};

// The replica end (/dev/pts/N), as an open file. It is the terminal programs see: isatty is true.
class PtyReplica final : public File {
public:
    explicit PtyReplica(std::shared_ptr<Pty> pty);
    ~PtyReplica() override;
    const std::shared_ptr<Pty>& pty() const { return m_pty; }

    // ^File
    ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                               bool append) override;
    ErrorOr<Stat> stat() override;
    PollState poll() override { return m_pty->replica_poll(); }
    void poll_subscribe(Waiter& waiter) override { m_pty->add_poller(false, waiter); }
    void poll_unsubscribe(Waiter& waiter) override { m_pty->remove_poller(false, waiter); }
    bool is_terminal() const override { return true; }
    std::string link_text() const override { return m_pty->replica_path(); }

private:
    const std::shared_ptr<Pty> m_pty;
};

}  // namespace secure_exec::kernel
