// pipe.h — an anonymous pipe: a bounded byte ring with blocking readers and writers.
//
// Mirrors Linux fs/pipe.c: writers block while the ring is full and readers while it is empty;
// a read returns what is there (a partial read), and 0 only once every write end is closed;
// writes of at most PIPE_BUF bytes are atomic; a write with no read end left fails with EPIPE
// (the syscall layer then raises SIGPIPE). The ends are Files; an end counts as closed when its
// last open description goes away.
//
//   ┌────────────┐  write()  ┌──────────────── ring (capacity) ─────────────────┐  read()  ┌────────────┐
//   │ PipeWriter ├──────────►│ m_head ... m_head + m_size                        ├─────────►│ PipeReader │
//   └────────────┘           └──────────────────────────────────────────────────┘          └────────────┘
//
// Thread safety: all state is guarded by m_mutex; readers and writers sleep on their own queues.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "file/file.h"
#include "sync/mutex.h"
#include "sync/waiter.h"

namespace secure_exec::kernel {

constexpr size_t k_pipe_atomic_bytes = 4096;  // PIPE_BUF

class Pipe {
public:
    explicit Pipe(size_t capacity_bytes);

    // A connected read end and write end, each counted as open.
    static std::pair<std::shared_ptr<File>, std::shared_ptr<File>> create_ends(size_t capacity_bytes);

    ErrorOr<size_t> read(IoContext& context, std::span<std::byte> buffer);
    ErrorOr<size_t> write(IoContext& context, std::span<const std::byte> data);
    PollState poll_reader();
    PollState poll_writer();
    // poll(2) on several files: `waiter` joins the queue that is woken whenever the PollState of
    // the read end (data, no writers) or of the write end (room, no readers) may change.
    void add_poller(bool read_end, Waiter& waiter);
    void remove_poller(bool read_end, Waiter& waiter);
    void open_reader();
    void open_writer();
    void close_reader();
    void close_writer();
    uint64_t id() const { return m_id; }
    size_t buffered_bytes();

private:
    size_t copy_in_locked(std::span<const std::byte> data) REQUIRES(m_mutex);
    size_t copy_out_locked(std::span<std::byte> buffer) REQUIRES(m_mutex);
    size_t space_locked() const REQUIRES(m_mutex) { return m_capacity - m_size; }

    const size_t m_capacity;
    const uint64_t m_id;
    Mutex m_mutex;
    std::vector<std::byte> m_ring GUARDED_BY(m_mutex);  // allocated on first write
    size_t m_head GUARDED_BY(m_mutex){0};
    size_t m_size GUARDED_BY(m_mutex){0};
    uint32_t m_readers GUARDED_BY(m_mutex){0};
    uint32_t m_writers GUARDED_BY(m_mutex){0};
    WaitQueue m_read_waiters GUARDED_BY(m_mutex);
    WaitQueue m_write_waiters GUARDED_BY(m_mutex);
};

// One end of a pipe as an open File.
class PipeEnd final : public File {
public:
    enum class Direction : uint8_t { read, write };
    PipeEnd(std::shared_ptr<Pipe> pipe, Direction direction);
    ~PipeEnd() override;

    // ^File
    ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                               bool append) override;
    ErrorOr<Stat> stat() override;
    PollState poll() override;
    void poll_subscribe(Waiter& waiter) override;
    void poll_unsubscribe(Waiter& waiter) override;
    std::string link_text() const override;

private:
    const std::shared_ptr<Pipe> m_pipe;
    const Direction m_direction;
};

}  // namespace secure_exec::kernel
