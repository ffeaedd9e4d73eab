// wasi_snapshot_preview1 over kernel syscalls: args, environ, clocks, random, proc_exit and the
// descriptor and path calls the toolbox and ordinary C programs need. WASI fd numbers are
// kernel fd numbers; "/" is preopened. Calls not here are answered ENOSYS by the driver.
#include <sys/random.h>

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
template <bool Write>
void transfer(const Info& info) {
    auto& process = process_of(info);
    GuestMemory memory(process);
    uint32_t fd = u32(info, 0), iovs = u32(info, 1), count = u32(info, 2), result_at = u32(info, 3);
    if (!memory.valid(iovs, 8ull * count) || !memory.valid(result_at, 4))
        return reply(info, k_wasi_fault);
    uint64_t total = 0;
    for (uint32_t i = 0; i < count; ++i) {
        uint32_t buffer = memory.load<uint32_t>(iovs + 8 * i), length = memory.load<uint32_t>(iovs + 8 * i + 4);
        if (!memory.valid(buffer, length))
            return reply(info, k_wasi_fault);
        ErrorOr<size_t> moved = Write ? process.kernel.write(process.pid, static_cast<int>(fd), memory.bytes(buffer, length))
                                      : process.kernel.read(process.pid, static_cast<int>(fd), memory.bytes(buffer, length));
        if (moved.is_error()) {
            if (total > 0)
                break;  // bytes already moved win over the error, as on Linux
            return reply(info, to_wasi(moved.error()));
        }
        total += moved.value();
        if (moved.value() < length)
            break;
    }
    GuestMemory(process).store<uint32_t>(result_at, static_cast<uint32_t>(total));
    reply(info, k_wasi_success);
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
    // Rights: everything, except that a terminal cannot seek (wasi-libc's isatty() tests that).
    uint64_t rights = ~uint64_t{0};
    auto terminal = process.kernel.isatty(process.pid, fd);
    if (!terminal.is_error() && terminal.value())
        rights &= ~((uint64_t{1} << 2) | (uint64_t{1} << 5));  // fd_seek, fd_tell
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
    {"fd_filestat_get", fd_filestat_get},
    {"fd_prestat_get", fd_prestat_get},
    {"fd_prestat_dir_name", fd_prestat_dir_name},
    {"path_open", path_open},
    {"path_filestat_get", path_filestat_get},
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
