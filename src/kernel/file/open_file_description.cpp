#include "file/open_file_description.h"

#include <limits>

#include <secure_exec/open_flags.h>

namespace secure_exec::kernel {

std::atomic<size_t> OpenFileDescription::s_live_count{0};

OpenFileDescription::OpenFileDescription(std::shared_ptr<File> file, int flags, std::string path)
    : m_file(std::move(file)), m_path(std::move(path)), m_flags(flags) {
    s_live_count.fetch_add(1, std::memory_order_relaxed);
}

OpenFileDescription::~OpenFileDescription() { s_live_count.fetch_sub(1, std::memory_order_relaxed); }

size_t OpenFileDescription::live_count() { return s_live_count.load(std::memory_order_relaxed); }

bool OpenFileDescription::can_read() const {
    int mode = flags() & flags::o_accmode;
    return mode == flags::o_rdonly || mode == flags::o_rdwr;
}

bool OpenFileDescription::can_write() const {
    int mode = flags() & flags::o_accmode;
    return mode == flags::o_wronly || mode == flags::o_rdwr;
}

int OpenFileDescription::flags() const {
    MutexLocker lock(m_mutex);
    return m_flags;
}

void OpenFileDescription::set_status_flags(int new_flags) {
    MutexLocker lock(m_mutex);
    m_flags = (m_flags & ~flags::k_setfl_mask) | (new_flags & flags::k_setfl_mask);
}

bool OpenFileDescription::nonblocking() const { return (flags() & flags::o_nonblock) != 0; }

ErrorOr<size_t> OpenFileDescription::read(IoContext& context, std::span<std::byte> buffer) {
    if (!can_read())
        return Errno::ebadf;
    context.nonblocking = nonblocking();
    if (!m_file->is_seekable())
        return m_file->read(context, 0, buffer);
    // The cursor lock is held across the read so concurrent readers of one description get
    // disjoint ranges, as on Linux (f_pos_lock).
    MutexLocker lock(m_mutex);
    size_t count = TRY(m_file->read(context, m_offset, buffer));
    m_offset += count;
    return count;
}

ErrorOr<size_t> OpenFileDescription::write(IoContext& context, std::span<const std::byte> data) {
    if (!can_write())
        return Errno::ebadf;
    context.nonblocking = nonblocking();
    if (!m_file->is_seekable()) {
        auto result = TRY(m_file->write(context, 0, data, false));
        return result.bytes;
    }
    MutexLocker lock(m_mutex);
    bool append = (m_flags & flags::o_append) != 0;
    auto result = TRY(m_file->write(context, m_offset, data, append));
    m_offset = result.end_offset;
    return result.bytes;
}

ErrorOr<size_t> OpenFileDescription::pread(IoContext& context, std::span<std::byte> buffer, int64_t offset) {
    if (!can_read())
        return Errno::ebadf;
    if (!m_file->is_seekable())
        return Errno::espipe;
    if (offset < 0)
        return Errno::einval;
    context.nonblocking = nonblocking();
    return m_file->read(context, static_cast<uint64_t>(offset), buffer);
}

ErrorOr<size_t> OpenFileDescription::pwrite(IoContext& context, std::span<const std::byte> data, int64_t offset) {
    if (!can_write())
        return Errno::ebadf;
    if (!m_file->is_seekable())
        return Errno::espipe;
    if (offset < 0)
        return Errno::einval;
    context.nonblocking = nonblocking();
    // Linux quirk kept on purpose: pwrite on an O_APPEND description appends (see pwrite(2) BUGS).
    bool append = (flags() & flags::o_append) != 0;
    auto result = TRY(m_file->write(context, static_cast<uint64_t>(offset), data, append));
    return result.bytes;
}

ErrorOr<uint64_t> OpenFileDescription::seek(int64_t offset, int whence) {
    if (!m_file->is_seekable())
        return Errno::espipe;
    MutexLocker lock(m_mutex);
    int64_t base = 0;
    switch (whence) {
    case flags::seek_set:
        base = 0;
        break;
    case flags::seek_cur:
        base = static_cast<int64_t>(m_offset);
        break;
    case flags::seek_end: {
        auto status = TRY(m_file->stat());
        base = static_cast<int64_t>(status.size);
        break;
    }
    default:
        return Errno::einval;
    }
    if ((offset > 0 && base > std::numeric_limits<int64_t>::max() - offset))
        return Errno::eoverflow;
    int64_t target = base + offset;
    if (target < 0)
        return Errno::einval;
    m_offset = static_cast<uint64_t>(target);
    return m_offset;
}

ErrorOr<std::vector<DirEntry>> OpenFileDescription::read_directory() { return m_file->read_directory(); }

}  // namespace secure_exec::kernel
