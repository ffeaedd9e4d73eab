#include "pipe/pipe.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>

#include "util/clock.h"

namespace secure_exec::kernel {

namespace {
std::atomic<uint64_t> g_next_pipe_id{1};
constexpr uint64_t k_pipefs_device = 0x0d;
}  // namespace

Pipe::Pipe(size_t capacity_bytes)
    : m_capacity(std::max<size_t>(capacity_bytes, k_pipe_atomic_bytes)),
      m_id(g_next_pipe_id.fetch_add(1, std::memory_order_relaxed)) {}

std::pair<std::shared_ptr<File>, std::shared_ptr<File>> Pipe::create_ends(size_t capacity_bytes) {
    auto pipe = std::make_shared<Pipe>(capacity_bytes);
    auto reader = std::make_shared<PipeEnd>(pipe, PipeEnd::Direction::read);
    auto writer = std::make_shared<PipeEnd>(pipe, PipeEnd::Direction::write);
    return {std::move(reader), std::move(writer)};
}

size_t Pipe::copy_in_locked(std::span<const std::byte> data) {
    if (m_ring.empty())
        m_ring.resize(m_capacity);
    size_t count = std::min(data.size(), space_locked());
    if (count == 0)
        return 0;
    size_t tail = (m_head + m_size) % m_capacity;
    size_t first = std::min(count, m_capacity - tail);
    std::memcpy(m_ring.data() + tail, data.data(), first);
    std::memcpy(m_ring.data(), data.data() + first, count - first);
    m_size += count;
    return count;
}

size_t Pipe::copy_out_locked(std::span<std::byte> buffer) {
    size_t count = std::min(buffer.size(), m_size);
    if (count == 0)
        return 0;
    size_t first = std::min(count, m_capacity - m_head);
    std::memcpy(buffer.data(), m_ring.data() + m_head, first);
    std::memcpy(buffer.data() + first, m_ring.data(), count - first);
    m_head = (m_head + count) % m_capacity;
    m_size -= count;
    if (m_size == 0)
        m_head = 0;
    return count;
}

ErrorOr<size_t> Pipe::read(IoContext& context, std::span<std::byte> buffer) {
    if (buffer.empty())
        return size_t{0};
    MutexLocker lock(m_mutex);
    if (m_size == 0 && m_writers > 0) {
        if (context.nonblocking)
            return Errno::eagain;
        auto reason = wait_until(lock, m_read_waiters, context.waiter, [&]() REQUIRES(m_mutex) {
            return m_size > 0 || m_writers == 0;
        });
        if (reason == WakeReason::interrupted)
            return Errno::eintr;
    }
    size_t count = copy_out_locked(buffer);
    if (count > 0)
        m_write_waiters.wake_all();
    return count;
}

ErrorOr<size_t> Pipe::write(IoContext& context, std::span<const std::byte> data) {
    MutexLocker lock(m_mutex);
    if (m_readers == 0) {
        context.broken_pipe = true;
        return Errno::epipe;
    }
    // Writes of at most PIPE_BUF bytes go in whole or not at all; larger ones may interleave.
    const bool atomic = data.size() <= k_pipe_atomic_bytes;
    size_t written = 0;
    while (written < data.size()) {
        size_t needed = atomic ? data.size() : 1;
        if (space_locked() < needed) {
            if (context.nonblocking)
                break;
            auto reason = wait_until(lock, m_write_waiters, context.waiter, [&]() REQUIRES(m_mutex) {
                return space_locked() >= needed || m_readers == 0;
            });
            if (m_readers == 0) {
                context.broken_pipe = true;
                return written > 0 ? ErrorOr<size_t>(written) : ErrorOr<size_t>(Errno::epipe);
            }
            if (reason == WakeReason::interrupted)
                break;
        }
        size_t count = copy_in_locked(data.subspan(written));
        written += count;
        if (count > 0)
            m_read_waiters.wake_all();
    }
    if (written == 0 && !data.empty())
        return context.nonblocking ? Errno::eagain : Errno::eintr;
    return written;
}

PollState Pipe::poll_reader() {
    MutexLocker lock(m_mutex);
    return {.readable = m_size > 0 || m_writers == 0, .writable = false, .hangup = m_writers == 0};
}

PollState Pipe::poll_writer() {
    MutexLocker lock(m_mutex);
    return {.readable = false, .writable = m_readers > 0 && space_locked() > 0, .error = m_readers == 0};
}

void Pipe::add_poller(bool read_end, Waiter& waiter) {
    MutexLocker lock(m_mutex);
    (read_end ? m_read_waiters : m_write_waiters).add_prepared(waiter);
}

void Pipe::remove_poller(bool read_end, Waiter& waiter) {
    MutexLocker lock(m_mutex);
    (read_end ? m_read_waiters : m_write_waiters).remove(waiter);
}

void Pipe::open_reader() {
    MutexLocker lock(m_mutex);
    ++m_readers;
}

void Pipe::open_writer() {
    MutexLocker lock(m_mutex);
    ++m_writers;
}

void Pipe::close_reader() {
    MutexLocker lock(m_mutex);
    if (--m_readers == 0)
        m_write_waiters.wake_all();  // blocked writers now fail with EPIPE
}

void Pipe::close_writer() {
    MutexLocker lock(m_mutex);
    if (--m_writers == 0)
        m_read_waiters.wake_all();  // blocked readers now see EOF
}

size_t Pipe::buffered_bytes() {
    MutexLocker lock(m_mutex);
    return m_size;
}

PipeEnd::PipeEnd(std::shared_ptr<Pipe> pipe, Direction direction) : m_pipe(std::move(pipe)), m_direction(direction) {
    if (m_direction == Direction::read)
        m_pipe->open_reader();
    else
        m_pipe->open_writer();
}

PipeEnd::~PipeEnd() {
    if (m_direction == Direction::read)
        m_pipe->close_reader();
    else
        m_pipe->close_writer();
}

ErrorOr<size_t> PipeEnd::read(IoContext& context, uint64_t, std::span<std::byte> buffer) {
    if (m_direction != Direction::read)
        return Errno::ebadf;
    return m_pipe->read(context, buffer);
}

ErrorOr<WriteResult> PipeEnd::write(IoContext& context, uint64_t, std::span<const std::byte> data, bool) {
    if (m_direction != Direction::write)
        return Errno::ebadf;
    size_t count = TRY(m_pipe->write(context, data));
    return WriteResult{count, 0};
}

ErrorOr<Stat> PipeEnd::stat() {
    Stat status;
    status.device = k_pipefs_device;
    status.inode = m_pipe->id();
    status.type = FileType::fifo;
    status.permissions = 0600;
    status.link_count = 1;
    status.size = m_pipe->buffered_bytes();
    status.access_time = status.modify_time = status.change_time = now_realtime();
    return status;
}

PollState PipeEnd::poll() { return m_direction == Direction::read ? m_pipe->poll_reader() : m_pipe->poll_writer(); }

void PipeEnd::poll_subscribe(Waiter& waiter) { m_pipe->add_poller(m_direction == Direction::read, waiter); }

void PipeEnd::poll_unsubscribe(Waiter& waiter) { m_pipe->remove_poller(m_direction == Direction::read, waiter); }

std::string PipeEnd::link_text() const { return "pipe:[" + std::to_string(m_pipe->id()) + "]"; }

}  // namespace secure_exec::kernel
