// wasi_snapshot_preview1: the fd_* calls (see wasi_calls.h for the families).
#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

#include <secure_exec/open_flags.h>

#include "wasm/wasi_calls.h"

namespace secure_exec::wasm::preview1 {

namespace {

constexpr uint16_t k_wasi_spipe = 70, k_wasi_notcapable = 76;

// ^Reading and writing

// The iovec loop of fd_read/fd_write/fd_pread/fd_pwrite over iovecs {buf: u32, len: u32}:
// `move(span, done)` moves one buffer (`done` bytes already moved); stops at a short transfer;
// bytes moved win over a later error.
template <typename Move>
void for_each_iovec(const Info& info, uint32_t iovs, uint32_t count, uint32_t result_at, Move move) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    if (!memory.valid(iovs, 8ull * count) || !memory.valid(result_at, 4))
        return reply(info, k_wasi_fault);
    uint64_t total = 0;
    for (uint32_t i = 0; i < count; ++i) {
        uint32_t buffer = memory.load<uint32_t>(iovs + 8 * i), length = memory.load<uint32_t>(iovs + 8 * i + 4);
        if (!memory.valid(buffer, length))
            return reply(info, k_wasi_fault);
        ErrorOr<size_t> moved = move(memory.bytes(buffer, length), total);
        if (moved.is_error()) {
            if (total > 0)
                break;  // as on Linux
            return reply(info, to_wasi(moved.error()));
        }
        total += moved.value();
        if (moved.value() < length)
            break;
    }
    GuestMemory(process).store<uint32_t>(result_at, static_cast<uint32_t>(total));
    reply(info, k_wasi_success);
}

template <bool Write>
void transfer(const Info& info) {
    auto& process = process_of(info);
    int fd = static_cast<int>(u32(info, 0));
    for_each_iovec(info, u32(info, 1), u32(info, 2), u32(info, 3), [&](std::span<std::byte> span, uint64_t) {
        return Write ? process.kernel.write(process.pid, fd, span) : process.kernel.read(process.pid, fd, span);
    });
}

// fd_pread/fd_pwrite: iovecs at a u64 offset; the file position is untouched.
template <bool Write>
void positioned_transfer(const Info& info) {
    auto& process = process_of(info);
    int fd = fd_arg(info, 0);
    uint64_t offset = u64(info, 3);
    if (offset > static_cast<uint64_t>(INT64_MAX))
        return reply(info, k_wasi_inval);
    for_each_iovec(info, u32(info, 1), u32(info, 2), u32(info, 4), [&](std::span<std::byte> span, uint64_t done) {
        auto at = static_cast<int64_t>(offset + done);
        return Write ? process.kernel.pwrite(process.pid, fd, span, at) : process.kernel.pread(process.pid, fd, span, at);
    });
}

void fd_close(const Info& info) {
    auto& process = process_of(info);
    reply(info, errno_of(process.kernel.close(process.pid, static_cast<int>(u32(info, 0)))));
}

void fd_seek(const Info& info) {
    auto& process = process_of(info);
    int64_t offset = static_cast<int64_t>(u64(info, 1));
    uint32_t whence = u32(info, 2), result_at = u32(info, 3);
    if (!GuestMemory(process).valid(result_at, 8))
        return reply(info, k_wasi_fault);
    auto result = process.kernel.seek(process.pid, static_cast<int>(u32(info, 0)), offset, static_cast<int>(whence));
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    GuestMemory(process).store<uint64_t>(result_at, result.value());
    reply(info, k_wasi_success);
}

void fd_tell(const Info& info) {
    auto& process = process_of(info);
    uint32_t result_at = u32(info, 1);
    if (!GuestMemory(process).valid(result_at, 8))
        return reply(info, k_wasi_fault);
    auto result = process.kernel.seek(process.pid, fd_arg(info, 0), 0, flags::seek_cur);
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    GuestMemory(process).store<uint64_t>(result_at, result.value());
    reply(info, k_wasi_success);
}

// ^Descriptor state

constexpr uint8_t k_prestat_not_a_directory = 1;  // preview1 defines only 0 (dir)

// Rights: everything, except that a terminal cannot seek (wasi-libc's isatty() tests that).
uint64_t rights_of(WasiProcess& process, int fd) {
    uint64_t rights = ~uint64_t{0};
    auto terminal = process.kernel.isatty(process.pid, fd);
    if (!terminal.is_error() && terminal.value())
        rights &= ~((uint64_t{1} << 2) | (uint64_t{1} << 5));  // fd_seek, fd_tell
    return rights;
}

void fd_fdstat_get(const Info& info) {
    auto& process = process_of(info);
    int fd = static_cast<int>(u32(info, 0));
    uint32_t result_at = u32(info, 1);
    if (!GuestMemory(process).valid(result_at, 24))
        return reply(info, k_wasi_fault);
    auto status = process.kernel.fstat(process.pid, fd);
    auto status_flags = process.kernel.fcntl(process.pid, fd, flags::f_getfl);
    if (status.is_error() || status_flags.is_error())
        return reply(info, to_wasi(status.is_error() ? status.error() : status_flags.error()));
    uint16_t fdflags = ((status_flags.value() & flags::o_append) ? k_fdflags_append : 0) |
                       ((status_flags.value() & flags::o_nonblock) ? k_fdflags_nonblock : 0);
    uint64_t rights = rights_of(process, fd);
    GuestMemory memory(process);
    memory.store<uint8_t>(result_at, wasi_filetype(status.value().type));
    memory.store<uint16_t>(result_at + 2, fdflags);
    memory.store<uint64_t>(result_at + 8, rights);
    memory.store<uint64_t>(result_at + 16, rights);
    reply(info, k_wasi_success);
}

void fd_fdstat_set_flags(const Info& info) {
    auto& process = process_of(info);
    uint32_t wasi_flags = u32(info, 1);
    int status = ((wasi_flags & k_fdflags_append) ? flags::o_append : 0) |
                 ((wasi_flags & k_fdflags_nonblock) ? flags::o_nonblock : 0);
    reply(info, errno_of(process.kernel.fcntl(process.pid, static_cast<int>(u32(info, 0)), flags::f_setfl, status)));
}

// Rights are not enforced: what a descriptor may do is decided by its kernel access mode and the
// file's permissions. So this only refuses to grow them (ENOTCAPABLE) and remembers nothing:
// fd_fdstat_get still reports the full set afterwards.
void fd_fdstat_set_rights(const Info& info) {
    auto& process = process_of(info);
    int fd = static_cast<int>(u32(info, 0));
    uint64_t base = u64(info, 1), inheriting = u64(info, 2);
    auto status = process.kernel.fstat(process.pid, fd);
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    uint64_t rights = rights_of(process, fd);
    reply(info, ((base | inheriting) & ~rights) ? k_wasi_notcapable : k_wasi_success);
}

void fd_filestat_get(const Info& info) {
    auto& process = process_of(info);
    uint32_t result_at = u32(info, 1);
    if (!GuestMemory(process).valid(result_at, 64))
        return reply(info, k_wasi_fault);
    auto status = process.kernel.fstat(process.pid, static_cast<int>(u32(info, 0)));
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    store_filestat(GuestMemory(process), result_at, status.value());
    reply(info, k_wasi_success);
}

void fd_prestat_get(const Info& info) {
    auto& process = process_of(info);
    uint32_t result_at = u32(info, 1);
    int fd = static_cast<int>(u32(info, 0));
    if (!GuestMemory(process).valid(result_at, 8))
        return reply(info, k_wasi_fault);
    GuestMemory memory(process);
    if (fd != process.preopen_fd) {
        // libc scans fds 3, 4, ... for preopens and stops at the first EBADF. A descriptor the
        // parent passed down (say fd 3) would hide "/" behind it, so an open fd that is not a
        // preopen answers "not a directory preopen" (a tag libc skips), and only a closed one EBADF.
        if (process.kernel.fstat(process.pid, fd).is_error())
            return reply(info, k_wasi_badf);
        memory.store<uint8_t>(result_at, k_prestat_not_a_directory);
        memory.store<uint32_t>(result_at + 4, 0);
        return reply(info, k_wasi_success);
    }
    memory.store<uint8_t>(result_at, 0);  // a directory
    memory.store<uint32_t>(result_at + 4, 1);  // "/"
    reply(info, k_wasi_success);
}

void fd_prestat_dir_name(const Info& info) {
    auto& process = process_of(info);
    uint32_t buffer = u32(info, 1), length = u32(info, 2);
    if (static_cast<int>(u32(info, 0)) != process.preopen_fd)
        return reply(info, k_wasi_badf);
    GuestMemory memory(process);
    if (length < 1 || !memory.valid(buffer, 1))
        return reply(info, k_wasi_inval);
    memory.store<char>(buffer, '/');
    reply(info, k_wasi_success);
}

// ^Files

// fd_sync, fd_datasync: the VFS has nothing to flush; only the descriptor is checked.
void fd_sync(const Info& info) {
    auto& process = process_of(info);
    reply(info, errno_of(process.kernel.fstat(process.pid, fd_arg(info, 0))));
}

void fd_advise(const Info& info) {
    auto& process = process_of(info);
    auto status = process.kernel.fstat(process.pid, fd_arg(info, 0));
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    if (u32(info, 3) > 5)  // advice: normal, sequential, random, willneed, dontneed, noreuse
        return reply(info, k_wasi_inval);
    if (status.value().type == FileType::fifo || status.value().type == FileType::socket)
        return reply(info, k_wasi_spipe);
    reply(info, k_wasi_success);
}

// fd_allocate: posix_fallocate(3) without holes to fill: grows the file when offset + len passes its end.
void fd_allocate(const Info& info) {
    auto& process = process_of(info);
    int fd = fd_arg(info, 0);
    uint64_t offset = u64(info, 1), length = u64(info, 2);
    auto status = process.kernel.fstat(process.pid, fd);
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    if (status.value().type == FileType::fifo || status.value().type == FileType::socket)
        return reply(info, k_wasi_spipe);
    if (status.value().type == FileType::directory)
        return reply(info, to_wasi(Errno::eisdir));
    if (status.value().type != FileType::regular)
        return reply(info, to_wasi(Errno::enodev));
    if (length == 0)
        return reply(info, k_wasi_inval);
    if (offset > static_cast<uint64_t>(INT64_MAX) || length > static_cast<uint64_t>(INT64_MAX) - offset)
        return reply(info, to_wasi(Errno::efbig));
    if (offset + length <= status.value().size)
        return reply(info, k_wasi_success);
    reply(info, errno_of(process.kernel.ftruncate(process.pid, fd, static_cast<int64_t>(offset + length))));
}

void fd_filestat_set_size(const Info& info) {
    auto& process = process_of(info);
    uint64_t size = u64(info, 1);
    if (size > static_cast<uint64_t>(INT64_MAX))
        return reply(info, k_wasi_inval);
    reply(info, errno_of(process.kernel.ftruncate(process.pid, fd_arg(info, 0), static_cast<int64_t>(size))));
}

// The kernel has no futimens: the descriptor is named through /proc/self/fd/N.
void fd_filestat_set_times(const Info& info) {
    auto& process = process_of(info);
    int fd = fd_arg(info, 0);
    uint64_t atim = u64(info, 1), mtim = u64(info, 2);
    uint32_t fst_flags = u32(info, 3);
    auto status = process.kernel.fstat(process.pid, fd);
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    if (!valid_fst_flags(fst_flags))
        return reply(info, k_wasi_inval);
    reply(info, errno_of(process.kernel.utimes(process.pid, "/proc/self/fd/" + std::to_string(fd),
                                               time_of(atim, fst_flags, k_fst_atim, k_fst_atim_now),
                                               time_of(mtim, fst_flags, k_fst_mtim, k_fst_mtim_now), true)));
}

// ^Directories and numbers

// fd_readdir: dirents {d_next u64, d_ino u64, d_namlen u32, d_type u8} (24 bytes) each followed by
// its name, from entry number `cookie` on. The last entry is cut at buf_len: a full buffer tells
// the caller there may be more (wasi-libc then retries with a larger one).
void fd_readdir(const Info& info) {
    auto& process = process_of(info);
    uint32_t buffer = u32(info, 1), length = u32(info, 2), result_at = u32(info, 4);
    uint64_t cookie = u64(info, 3);
    {
        GuestMemory memory(process);
        if (!memory.valid(buffer, length) || !memory.valid(result_at, 4))
            return reply(info, k_wasi_fault);
    }
    auto entries = process.kernel.read_directory(process.pid, fd_arg(info, 0));
    if (entries.is_error())
        return reply(info, to_wasi(entries.error()));
    GuestMemory memory(process);
    uint32_t used = 0;
    for (uint64_t index = cookie; index < entries.value().size() && used < length; ++index) {
        const auto& entry = entries.value()[index];
        uint8_t header[24] = {};
        uint64_t next = index + 1, inode = entry.inode;
        auto name_length = static_cast<uint32_t>(entry.name.size());
        std::memcpy(header, &next, 8);
        std::memcpy(header + 8, &inode, 8);
        std::memcpy(header + 16, &name_length, 4);
        header[20] = wasi_filetype(entry.type);
        uint32_t take = std::min<uint32_t>(sizeof header, length - used);
        std::memcpy(memory.at(buffer + used), header, take);
        used += take;
        take = std::min<uint32_t>(name_length, length - used);
        std::memcpy(memory.at(buffer + used), entry.name.data(), take);
        used += take;
    }
    memory.store<uint32_t>(result_at, used);
    reply(info, k_wasi_success);
}

void fd_renumber(const Info& info) {
    auto& process = process_of(info);
    int from = fd_arg(info, 0), to = fd_arg(info, 1);
    auto status = process.kernel.fstat(process.pid, from);
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    if (from == to)
        return reply(info, k_wasi_success);
    auto result = process.kernel.dup2(process.pid, from, to);
    if (result.is_error())
        return reply(info, to_wasi(result.error()));
    reply(info, errno_of(process.kernel.close(process.pid, from)));
}

constexpr Import k_imports[] = {
    {"fd_read", transfer<false>},
    {"fd_write", transfer<true>},
    {"fd_pread", positioned_transfer<false>},
    {"fd_pwrite", positioned_transfer<true>},
    {"fd_close", fd_close},
    {"fd_seek", fd_seek},
    {"fd_tell", fd_tell},
    {"fd_fdstat_get", fd_fdstat_get},
    {"fd_fdstat_set_flags", fd_fdstat_set_flags},
    {"fd_fdstat_set_rights", fd_fdstat_set_rights},
    {"fd_filestat_get", fd_filestat_get},
    {"fd_filestat_set_size", fd_filestat_set_size},
    {"fd_filestat_set_times", fd_filestat_set_times},
    {"fd_prestat_get", fd_prestat_get},
    {"fd_prestat_dir_name", fd_prestat_dir_name},
    {"fd_sync", fd_sync},
    {"fd_datasync", fd_sync},
    {"fd_advise", fd_advise},
    {"fd_allocate", fd_allocate},
    {"fd_readdir", fd_readdir},
    {"fd_renumber", fd_renumber},
};

}  // namespace

std::span<const Import> fd_imports() { return k_imports; }

}  // namespace secure_exec::wasm::preview1
