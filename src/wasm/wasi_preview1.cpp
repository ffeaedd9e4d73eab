// wasi_snapshot_preview1 over kernel syscalls: args, environ, clocks, random, proc_exit/raise,
// the descriptor and path calls, poll_oneoff (clocks and descriptors) and sock_* (ENOTSUP). WASI
// fd numbers are kernel fd numbers; "/" is preopened. Calls not here are answered ENOSYS by the
// driver.
#include <sys/random.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <ctime>

#include <secure_exec/open_flags.h>

#include "wasm/wasi_errno.h"
#include "wasm/wasi_process.h"

namespace secure_exec::wasm {

namespace {

using Info = v8::FunctionCallbackInfo<v8::Value>;

// WASI preview1 constants (witx: typenames.witx).
constexpr uint16_t k_oflags_creat = 1, k_oflags_directory = 2, k_oflags_excl = 4, k_oflags_trunc = 8;
constexpr uint16_t k_fdflags_append = 1, k_fdflags_nonblock = 4;
constexpr uint64_t k_right_fd_read = 1u << 1, k_right_fd_write = 1u << 6;
constexpr uint32_t k_lookup_symlink_follow = 1;
constexpr uint16_t k_wasi_notsup = 58, k_wasi_spipe = 70, k_wasi_notcapable = 76;

WasiProcess& process_of(const Info& info) {
    return *static_cast<WasiProcess*>(info.Data().As<v8::External>()->Value());
}

uint32_t u32(const Info& info, int index) {
    return info[index]->Uint32Value(info.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

uint64_t u64(const Info& info, int index) {
    if (info[index]->IsBigInt())
        return info[index].As<v8::BigInt>()->Uint64Value();
    return static_cast<uint64_t>(info[index]->NumberValue(info.GetIsolate()->GetCurrentContext()).FromMaybe(0));
}

void reply(const Info& info, uint16_t wasi_errno) { info.GetReturnValue().Set(static_cast<uint32_t>(wasi_errno)); }

template <typename T>
uint16_t errno_of(const ErrorOr<T>& result) {
    return result.is_error() ? to_wasi(result.error()) : k_wasi_success;
}

uint8_t wasi_filetype(FileType type) {
    switch (type) {
    case FileType::block_device: return 1;
    case FileType::char_device: return 2;
    case FileType::directory: return 3;
    case FileType::regular: return 4;
    case FileType::socket: return 6;
    case FileType::symlink: return 7;
    default: return 0;
    }
}

uint64_t nanoseconds(const Timespec& time) {
    return static_cast<uint64_t>(time.seconds) * 1'000'000'000u + static_cast<uint64_t>(time.nanoseconds);
}

void store_filestat(const GuestMemory& memory, uint32_t at, const Stat& status) {
    memory.store<uint64_t>(at, status.device);
    memory.store<uint64_t>(at + 8, status.inode);
    memory.store<uint8_t>(at + 16, wasi_filetype(status.type));
    memory.store<uint64_t>(at + 24, status.link_count);
    memory.store<uint64_t>(at + 32, status.size);
    memory.store<uint64_t>(at + 40, nanoseconds(status.access_time));
    memory.store<uint64_t>(at + 48, nanoseconds(status.modify_time));
    memory.store<uint64_t>(at + 56, nanoseconds(status.change_time));
}

// args_get/environ_get: NUL-terminated strings packed at `buffer`, pointers at `pointers`.
void copy_strings(const Info& info, const std::vector<std::string>& strings) {
    GuestMemory memory(process_of(info));
    uint32_t pointers = u32(info, 0), buffer = u32(info, 1);
    uint64_t total = 0;
    for (const auto& text : strings)
        total += text.size() + 1;
    if (!memory.valid(pointers, 4ull * strings.size()) || !memory.valid(buffer, total))
        return reply(info, k_wasi_fault);
    for (const auto& text : strings) {
        memory.store<uint32_t>(pointers, buffer);
        std::memcpy(memory.at(buffer), text.c_str(), text.size() + 1);
        pointers += 4;
        buffer += static_cast<uint32_t>(text.size() + 1);
    }
    reply(info, k_wasi_success);
}

void sizes_of(const Info& info, const std::vector<std::string>& strings) {
    GuestMemory memory(process_of(info));
    uint32_t count_at = u32(info, 0), size_at = u32(info, 1);
    if (!memory.valid(count_at, 4) || !memory.valid(size_at, 4))
        return reply(info, k_wasi_fault);
    uint64_t total = 0;
    for (const auto& text : strings)
        total += text.size() + 1;
    memory.store<uint32_t>(count_at, static_cast<uint32_t>(strings.size()));
    memory.store<uint32_t>(size_at, static_cast<uint32_t>(total));
    reply(info, k_wasi_success);
}

void args_get(const Info& info) { copy_strings(info, process_of(info).argv); }
void args_sizes_get(const Info& info) { sizes_of(info, process_of(info).argv); }
void environ_get(const Info& info) { copy_strings(info, process_of(info).environ); }
void environ_sizes_get(const Info& info) { sizes_of(info, process_of(info).environ); }

void clock_time_get(const Info& info) {
    static constexpr clockid_t k_clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                             CLOCK_THREAD_CPUTIME_ID};
    uint32_t id = u32(info, 0), result_at = u32(info, 2);
    GuestMemory memory(process_of(info));
    if (id > 3)
        return reply(info, k_wasi_inval);
    if (!memory.valid(result_at, 8))
        return reply(info, k_wasi_fault);
    // The guest's process is a thread of ours: its CPU clocks are the thread's.
    timespec now{};
    clock_gettime(id >= 2 ? CLOCK_THREAD_CPUTIME_ID : k_clocks[id], &now);
    memory.store<uint64_t>(result_at, static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + now.tv_nsec);
    reply(info, k_wasi_success);
}

void clock_res_get(const Info& info) {
    GuestMemory memory(process_of(info));
    uint32_t result_at = u32(info, 1);
    if (u32(info, 0) > 3)
        return reply(info, k_wasi_inval);
    if (!memory.valid(result_at, 8))
        return reply(info, k_wasi_fault);
    memory.store<uint64_t>(result_at, 1);
    reply(info, k_wasi_success);
}

void random_get(const Info& info) {
    GuestMemory memory(process_of(info));
    uint32_t buffer = u32(info, 0), length = u32(info, 1);
    if (!memory.valid(buffer, length))
        return reply(info, k_wasi_fault);
    for (uint32_t done = 0; done < length;) {
        ssize_t got = getrandom(memory.at(buffer + done), length - done, 0);
        if (got <= 0)
            return reply(info, to_wasi(Errno::eio));
        done += static_cast<uint32_t>(got);
    }
    reply(info, k_wasi_success);
}

void proc_exit(const Info& info) {
    auto& process = process_of(info);
    process.exit_code = static_cast<int>(u32(info, 0) & 0xff);
    // Unwind out of the guest: wasm cannot catch a JS exception.
    info.GetIsolate()->ThrowException(v8::Null(info.GetIsolate()));
}

void sched_yield(const Info& info) { reply(info, k_wasi_success); }

// fd_read/fd_write: scatter/gather over iovecs {buf: u32, len: u32}; stops at a short transfer.
// The iovec loop of fd_read/fd_write/fd_pread/fd_pwrite: `move(span, done)` moves one buffer
// (`done` bytes already moved); stops at a short transfer; bytes moved win over a later error.
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
    if (static_cast<int>(u32(info, 0)) != process.preopen_fd)
        return reply(info, k_wasi_badf);
    if (!GuestMemory(process).valid(result_at, 8))
        return reply(info, k_wasi_fault);
    GuestMemory memory(process);
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

std::optional<std::string> guest_string(const GuestMemory& memory, uint32_t offset, uint32_t length) {
    if (!memory.valid(offset, length))
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(memory.at(offset)), length);
}

void path_open(const Info& info) {
    auto& process = process_of(info);
    int dirfd = static_cast<int>(u32(info, 0));
    uint32_t lookup = u32(info, 1);
    auto path = guest_string(GuestMemory(process), u32(info, 2), u32(info, 3));
    uint32_t oflags = u32(info, 4);
    uint64_t rights = u64(info, 5);
    uint32_t fdflags = u32(info, 7), result_at = u32(info, 8);
    if (!path || !GuestMemory(process).valid(result_at, 4))
        return reply(info, k_wasi_fault);
    bool reading = (rights & k_right_fd_read) != 0, writing = (rights & k_right_fd_write) != 0;
    int open_flags = writing ? (reading ? flags::o_rdwr : flags::o_wronly) : flags::o_rdonly;
    open_flags |= (oflags & k_oflags_creat ? flags::o_creat : 0) | (oflags & k_oflags_directory ? flags::o_directory : 0) |
                  (oflags & k_oflags_excl ? flags::o_excl : 0) | (oflags & k_oflags_trunc ? flags::o_trunc : 0) |
                  (fdflags & k_fdflags_append ? flags::o_append : 0) | (fdflags & k_fdflags_nonblock ? flags::o_nonblock : 0) |
                  (lookup & k_lookup_symlink_follow ? 0 : flags::o_nofollow);
    auto fd = process.kernel.open(process.pid, *path, open_flags, 0666, dirfd);
    if (fd.is_error() && fd.error() == Errno::eisdir && writing && reading && !(oflags & (k_oflags_creat | k_oflags_trunc)))
        fd = process.kernel.open(process.pid, *path, (open_flags & ~flags::o_accmode) | flags::o_rdonly, 0666, dirfd);
    if (fd.is_error())
        return reply(info, to_wasi(fd.error()));
    GuestMemory(process).store<uint32_t>(result_at, static_cast<uint32_t>(fd.value()));
    reply(info, k_wasi_success);
}

void path_filestat_get(const Info& info) {
    auto& process = process_of(info);
    bool follow = (u32(info, 1) & k_lookup_symlink_follow) != 0;
    auto path = guest_string(GuestMemory(process), u32(info, 2), u32(info, 3));
    uint32_t result_at = u32(info, 4);
    if (!path || !GuestMemory(process).valid(result_at, 64))
        return reply(info, k_wasi_fault);
    auto status = process.kernel.stat(process.pid, *path, follow, static_cast<int>(u32(info, 0)));
    if (status.is_error())
        return reply(info, to_wasi(status.error()));
    store_filestat(GuestMemory(process), result_at, status.value());
    reply(info, k_wasi_success);
}

// ^More descriptor calls.

int fd_arg(const Info& info, int index) { return static_cast<int>(u32(info, index)); }

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

// fst_flags → utimensat's pair of times: nullopt leaves a time alone (UTIME_OMIT).
constexpr uint32_t k_fst_atim = 1, k_fst_atim_now = 2, k_fst_mtim = 4, k_fst_mtim_now = 8;

std::optional<Timespec> time_of(uint64_t value, uint32_t fst_flags, uint32_t set, uint32_t now) {
    if (fst_flags & now)
        return Timespec::now();
    if (fst_flags & set)
        return Timespec{static_cast<int64_t>(value / 1'000'000'000u), static_cast<int64_t>(value % 1'000'000'000u)};
    return std::nullopt;
}

bool valid_fst_flags(uint32_t fst_flags) {
    return !(fst_flags & ~0xfu) && !((fst_flags & k_fst_atim) && (fst_flags & k_fst_atim_now)) &&
           !((fst_flags & k_fst_mtim) && (fst_flags & k_fst_mtim_now));
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

void path_filestat_set_times(const Info& info) {
    auto& process = process_of(info);
    bool follow = (u32(info, 1) & k_lookup_symlink_follow) != 0;
    auto path = guest_string(GuestMemory(process), u32(info, 2), u32(info, 3));
    uint64_t atim = u64(info, 4), mtim = u64(info, 5);
    uint32_t fst_flags = u32(info, 6);
    if (!path)
        return reply(info, k_wasi_fault);
    if (!valid_fst_flags(fst_flags))
        return reply(info, k_wasi_inval);
    reply(info, errno_of(process.kernel.utimes(process.pid, *path, time_of(atim, fst_flags, k_fst_atim, k_fst_atim_now),
                                               time_of(mtim, fst_flags, k_fst_mtim, k_fst_mtim_now), follow,
                                               fd_arg(info, 0))));
}

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

// ^More path calls: (dirfd, path, path_len) first.

template <ErrorOr<void> (KernelInterface::*Call)(Pid, std::string_view, int)>
void simple_path_call(const Info& info) {
    auto& process = process_of(info);
    auto path = guest_string(GuestMemory(process), u32(info, 1), u32(info, 2));
    if (!path)
        return reply(info, k_wasi_fault);
    reply(info, errno_of((process.kernel.*Call)(process.pid, *path, fd_arg(info, 0))));
}

void path_create_directory(const Info& info) {
    auto& process = process_of(info);
    auto path = guest_string(GuestMemory(process), u32(info, 1), u32(info, 2));
    if (!path)
        return reply(info, k_wasi_fault);
    reply(info, errno_of(process.kernel.mkdir(process.pid, *path, 0777, fd_arg(info, 0))));
}

void path_rename(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    auto old_path = guest_string(memory, u32(info, 1), u32(info, 2));
    auto new_path = guest_string(memory, u32(info, 4), u32(info, 5));
    if (!old_path || !new_path)
        return reply(info, k_wasi_fault);
    reply(info, errno_of(process.kernel.rename(process.pid, *old_path, *new_path, 0, fd_arg(info, 0), fd_arg(info, 3))));
}

void path_symlink(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    auto target = guest_string(memory, u32(info, 0), u32(info, 1));
    auto link_path = guest_string(memory, u32(info, 3), u32(info, 4));
    if (!target || !link_path)
        return reply(info, k_wasi_fault);
    reply(info, errno_of(process.kernel.symlink(process.pid, *target, *link_path, fd_arg(info, 2))));
}

void path_readlink(const Info& info) {
    auto& process = process_of(info);
    auto path = guest_string(GuestMemory(process), u32(info, 1), u32(info, 2));
    uint32_t buffer = u32(info, 3), length = u32(info, 4), result_at = u32(info, 5);
    if (!path || !GuestMemory(process).valid(buffer, length) || !GuestMemory(process).valid(result_at, 4))
        return reply(info, k_wasi_fault);
    auto target = process.kernel.readlink(process.pid, *path, fd_arg(info, 0));
    if (target.is_error())
        return reply(info, to_wasi(target.error()));
    GuestMemory memory(process);
    auto take = static_cast<uint32_t>(std::min<size_t>(target.value().size(), length));
    std::memcpy(memory.at(buffer), target.value().data(), take);
    memory.store<uint32_t>(result_at, take);
    reply(info, k_wasi_success);
}

void path_link(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    int old_dirfd = fd_arg(info, 0), new_dirfd = fd_arg(info, 4);
    bool follow = (u32(info, 1) & k_lookup_symlink_follow) != 0;
    auto old_path = guest_string(memory, u32(info, 2), u32(info, 3));
    auto new_path = guest_string(memory, u32(info, 5), u32(info, 6));
    if (!old_path || !new_path)
        return reply(info, k_wasi_fault);
    std::string source = *old_path;
    if (follow) {
        // linkat(AT_SYMLINK_FOLLOW): link what the symlink names. The kernel's link never follows,
        // so resolve first (relative to the directory through /proc/self/fd/N).
        auto status = process.kernel.stat(process.pid, source, false, old_dirfd);
        if (status.is_error())
            return reply(info, to_wasi(status.error()));
        if (status.value().is_symlink()) {
            std::string absolute = source;
            if (absolute.empty() || absolute[0] != '/') {
                auto directory = old_dirfd == at_fdcwd ? process.kernel.getcwd(process.pid)
                                                       : process.kernel.readlink(process.pid, "/proc/self/fd/" + std::to_string(old_dirfd));
                if (directory.is_error())
                    return reply(info, to_wasi(directory.error()));
                absolute = directory.value() + "/" + absolute;
            }
            auto resolved = process.kernel.realpath(process.pid, absolute);
            if (resolved.is_error())
                return reply(info, to_wasi(resolved.error()));
            source = resolved.value();
        }
    }
    reply(info, errno_of(process.kernel.link(process.pid, source, *new_path, old_dirfd, new_dirfd)));
}

// ^poll_oneoff: descriptor subscriptions wait in the kernel's poll(), with the earliest clock
// subscription as the timeout; without descriptors it is a sleep.
// subscription (48 bytes): userdata u64 @0, tag u8 @8, then @16 clock {id u32, timeout u64 @24,
// precision u64 @32, flags u16 @40} or fd_readwrite {fd u32}.
// event (32 bytes): userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite {nbytes u64 @16, flags u16 @24}.
constexpr uint8_t k_event_clock = 0, k_event_fd_read = 1, k_event_fd_write = 2;
constexpr uint16_t k_subclock_abstime = 1, k_event_hangup = 1;

struct Subscription {
    uint64_t userdata{0};
    uint8_t tag{0};
    uint16_t error{k_wasi_success};  // found while reading it (bad clock, tag or fd): reported at once
    uint64_t remaining_ns{0};        // clocks: time left from the start of the call
    size_t poll_index{0};            // descriptors: the entry in the kernel poll's list
};

struct Event {
    uint64_t userdata{0};
    uint16_t error{k_wasi_success};
    uint8_t type{0};
    uint64_t nbytes{0};
    uint16_t flags{0};
};

uint64_t clock_now(uint32_t id) {
    timespec now{};
    clock_gettime(id == 0 ? CLOCK_REALTIME : id == 1 ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

// Reads subscription `at`; a descriptor subscription adds its entry to `fds`.
Subscription read_subscription(const GuestMemory& memory, uint32_t at, std::vector<PollFd>& fds) {
    Subscription subscription{.userdata = memory.load<uint64_t>(at), .tag = memory.load<uint8_t>(at + 8)};
    if (subscription.tag == k_event_clock) {
        uint32_t id = memory.load<uint32_t>(at + 16);
        uint64_t timeout = memory.load<uint64_t>(at + 24);
        if (id > 3) {
            subscription.error = k_wasi_inval;
        } else if (memory.load<uint16_t>(at + 40) & k_subclock_abstime) {
            uint64_t now = clock_now(id);
            subscription.remaining_ns = timeout > now ? timeout - now : 0;
        } else {
            subscription.remaining_ns = timeout;
        }
    } else if (subscription.tag == k_event_fd_read || subscription.tag == k_event_fd_write) {
        uint32_t fd = memory.load<uint32_t>(at + 16);
        if (fd > static_cast<uint32_t>(INT_MAX)) {
            subscription.error = k_wasi_badf;  // poll() would skip it as a negative fd
        } else {
            subscription.poll_index = fds.size();
            short events = subscription.tag == k_event_fd_read ? poll_events::pollin : poll_events::pollout;
            fds.push_back({static_cast<int>(fd), events, 0});
        }
    } else {
        subscription.error = k_wasi_inval;
    }
    return subscription;
}

// What a read would find (wasmtime reports FIONREAD): a pipe's buffered bytes, or a regular file's
// bytes past the position; 0 for what the kernel cannot say cheaply (terminals, devices).
uint64_t readable_bytes(WasiProcess& process, int fd) {
    auto status = process.kernel.fstat(process.pid, fd);
    if (status.is_error())
        return 0;
    if (status.value().type == FileType::fifo)
        return status.value().size;
    if (status.value().type != FileType::regular)
        return 0;
    auto position = process.kernel.seek(process.pid, fd, 0, flags::seek_cur);
    if (position.is_error() || position.value() >= status.value().size)
        return 0;
    return status.value().size - position.value();
}

// The event of a ready descriptor subscription. wasi-libc's poll() reads EBADF as POLLNVAL and
// EPIPE as POLLHUP; a write end without readers (POLLERR) is EPIPE, as a write would be.
Event descriptor_event(WasiProcess& process, const Subscription& subscription, const PollFd& entry) {
    using namespace poll_events;
    Event event{.userdata = subscription.userdata, .type = subscription.tag};
    if (entry.revents & pollnval)
        event.error = k_wasi_badf;
    else if (entry.revents & pollerr)
        event.error = to_wasi(subscription.tag == k_event_fd_write ? Errno::epipe : Errno::eio);
    else if (entry.revents & pollhup)
        event.flags = k_event_hangup;
    if (event.error == k_wasi_success && subscription.tag == k_event_fd_read)
        event.nbytes = readable_bytes(process, entry.fd);
    return event;
}

void store_event(const GuestMemory& memory, uint32_t at, const Event& event) {
    std::memset(memory.at(at), 0, 32);
    memory.store<uint64_t>(at, event.userdata);
    memory.store<uint16_t>(at + 8, event.error);
    memory.store<uint8_t>(at + 10, event.type);
    memory.store<uint64_t>(at + 16, event.nbytes);
    memory.store<uint16_t>(at + 24, event.flags);
}

// The kernel poll's timeout: none without clocks, 0 when an event is already due.
std::optional<uint64_t> poll_timeout(const std::vector<Subscription>& subscriptions) {
    std::optional<uint64_t> timeout;
    for (const auto& subscription : subscriptions) {
        if (subscription.error != k_wasi_success)
            return 0;
        if (subscription.tag == k_event_clock)
            timeout = std::min(timeout.value_or(UINT64_MAX), subscription.remaining_ns);
    }
    return timeout;
}

void poll_oneoff(const Info& info) {
    auto& process = process_of(info);
    uint32_t in = u32(info, 0), out = u32(info, 1), count = u32(info, 2), result_at = u32(info, 3);
    std::vector<Subscription> subscriptions;
    std::vector<PollFd> fds;
    {
        GuestMemory memory(process);
        if (!memory.valid(in, 48ull * count) || !memory.valid(out, 32ull * count) || !memory.valid(result_at, 4))
            return reply(info, k_wasi_fault);
        if (count == 0)
            return reply(info, k_wasi_inval);
        for (uint32_t i = 0; i < count; ++i)
            subscriptions.push_back(read_subscription(memory, in + 48 * i, fds));
    }
    std::optional<uint64_t> timeout = poll_timeout(subscriptions);
    auto started = std::chrono::steady_clock::now();
    auto ready = process.kernel.poll(process.pid, fds, timeout);
    if (ready.is_error())
        return reply(info, to_wasi(ready.error()));  // EINTR: a signal came first
    auto elapsed = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count());
    if (ready.value() == 0 && timeout)
        elapsed = std::max(elapsed, *timeout);  // the poll timed out: the earliest clock is due
    std::vector<Event> events;
    for (const auto& subscription : subscriptions) {
        if (subscription.error != k_wasi_success)
            events.push_back({.userdata = subscription.userdata, .error = subscription.error, .type = subscription.tag});
        else if (subscription.tag == k_event_clock && subscription.remaining_ns <= elapsed)
            events.push_back({.userdata = subscription.userdata, .type = k_event_clock});
        else if (subscription.tag != k_event_clock && fds[subscription.poll_index].revents != 0)
            events.push_back(descriptor_event(process, subscription, fds[subscription.poll_index]));
    }
    GuestMemory memory(process);
    for (size_t i = 0; i < events.size(); ++i)
        store_event(memory, out + 32 * static_cast<uint32_t>(i), events[i]);
    memory.store<uint32_t>(result_at, static_cast<uint32_t>(events.size()));
    reply(info, k_wasi_success);
}

// proc_raise: WASI numbers its signals without Linux's SIGSTKFLT (16): 16.. are Linux's 17..
void proc_raise(const Info& info) {
    auto& process = process_of(info);
    uint32_t wasi_signal = u32(info, 0);
    if (wasi_signal > 30)
        return reply(info, k_wasi_inval);
    int signal = wasi_signal < 16 ? static_cast<int>(wasi_signal) : static_cast<int>(wasi_signal) + 1;
    auto sent = process.kernel.kill(process.pid, process.pid, signal);
    if (sent.is_error())
        return reply(info, to_wasi(sent.error()));
    // A fatal signal has stopped the isolate; give a stop or handler its safe point.
    reply(info, errno_of(process.kernel.checkpoint(process.pid)));
}

void not_supported(const Info& info) { reply(info, k_wasi_notsup); }

struct Import {
    const char* name;
    v8::FunctionCallback callback;
};

constexpr Import k_imports[] = {
    {"args_get", args_get},
    {"args_sizes_get", args_sizes_get},
    {"environ_get", environ_get},
    {"environ_sizes_get", environ_sizes_get},
    {"clock_time_get", clock_time_get},
    {"clock_res_get", clock_res_get},
    {"random_get", random_get},
    {"proc_exit", proc_exit},
    {"sched_yield", sched_yield},
    {"fd_read", transfer<false>},
    {"fd_write", transfer<true>},
    {"fd_close", fd_close},
    {"fd_seek", fd_seek},
    {"fd_fdstat_get", fd_fdstat_get},
    {"fd_fdstat_set_flags", fd_fdstat_set_flags},
    {"fd_fdstat_set_rights", fd_fdstat_set_rights},
    {"fd_filestat_get", fd_filestat_get},
    {"fd_prestat_get", fd_prestat_get},
    {"fd_prestat_dir_name", fd_prestat_dir_name},
    {"path_open", path_open},
    {"path_filestat_get", path_filestat_get},
    {"fd_pread", positioned_transfer<false>},
    {"fd_pwrite", positioned_transfer<true>},
    {"fd_tell", fd_tell},
    {"fd_sync", fd_sync},
    {"fd_datasync", fd_sync},
    {"fd_advise", fd_advise},
    {"fd_allocate", fd_allocate},
    {"fd_filestat_set_size", fd_filestat_set_size},
    {"fd_filestat_set_times", fd_filestat_set_times},
    {"path_filestat_set_times", path_filestat_set_times},
    {"fd_readdir", fd_readdir},
    {"fd_renumber", fd_renumber},
    {"path_create_directory", path_create_directory},
    {"path_remove_directory", simple_path_call<&KernelInterface::rmdir>},
    {"path_unlink_file", simple_path_call<&KernelInterface::unlink>},
    {"path_rename", path_rename},
    {"path_symlink", path_symlink},
    {"path_readlink", path_readlink},
    {"path_link", path_link},
    {"poll_oneoff", poll_oneoff},
    {"proc_raise", proc_raise},
    {"sock_accept", not_supported},
    {"sock_recv", not_supported},
    {"sock_send", not_supported},
    {"sock_shutdown", not_supported},
};

}  // namespace

GuestMemory::GuestMemory(WasiProcess& process) {
    if (process.memory.IsEmpty())
        return;
    auto buffer = process.memory.Get(process.isolate)->Buffer();
    m_base = static_cast<uint8_t*>(buffer->GetBackingStore()->Data());
    m_size = buffer->ByteLength();
}

void install_preview1(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> namespace_object,
                      WasiProcess& process) {
    auto data = v8::External::New(isolate, &process);
    for (const auto& import : k_imports) {
        auto function = v8::Function::New(context, import.callback, data).ToLocalChecked();
        namespace_object->Set(context, v8::String::NewFromUtf8(isolate, import.name).ToLocalChecked(), function).Check();
    }
}

}  // namespace secure_exec::wasm
