// wasi_snapshot_preview1 over kernel syscalls: install_preview1 puts every family's functions
// (wasi_calls.h) into the import object. Here: the process calls (proc_exit, proc_raise,
// sched_yield), sock_* (ENOTSUP), and the filestat and fst_flags helpers the families share.
#include <initializer_list>
#include <optional>
#include <span>

#include "wasm/wasi_calls.h"

namespace secure_exec::wasm {

namespace preview1 {

namespace {

constexpr uint16_t k_wasi_notsup = 58;

uint64_t nanoseconds(const Timespec& time) {
    return static_cast<uint64_t>(time.seconds) * 1'000'000'000u + static_cast<uint64_t>(time.nanoseconds);
}

void proc_exit(const Info& info) {
    auto& process = process_of(info);
    process.exit_code = static_cast<int>(u32(info, 0) & 0xff);
    // Unwind out of the guest: wasm cannot catch a JS exception.
    info.GetIsolate()->ThrowException(v8::Null(info.GetIsolate()));
}

void sched_yield(const Info& info) { reply(info, k_wasi_success); }

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

constexpr Import k_imports[] = {
    {"proc_exit", proc_exit},
    {"proc_raise", proc_raise},
    {"sched_yield", sched_yield},
    {"sock_accept", not_supported},
    {"sock_recv", not_supported},
    {"sock_send", not_supported},
    {"sock_shutdown", not_supported},
};

// Every function of wasi_snapshot_preview1 (witx), whether or not this driver implements it.
constexpr const char* k_preview1_names[] = {
    "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
    "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
    "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
    "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
    "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
    "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
    "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
    "sock_recv", "sock_send", "sock_shutdown",
};

}  // namespace

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

}  // namespace preview1

GuestMemory::GuestMemory(WasiProcess& process) {
    if (process.memory.IsEmpty())
        return;
    auto buffer = process.memory.Get(process.isolate)->Buffer();
    m_base = static_cast<uint8_t*>(buffer->GetBackingStore()->Data());
    m_size = buffer->ByteLength();
}

void install_preview1(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> namespace_object) {
    using namespace preview1;
    for (auto imports : {std::span<const Import>(k_imports), args_clock_imports(), fd_imports(), path_imports(), poll_imports()})
        install_imports(isolate, context, namespace_object, imports);
    auto nosys = v8::Function::New(context, [](const Info& info) { reply(info, k_wasi_nosys); }).ToLocalChecked();
    for (const char* name : k_preview1_names) {
        auto key = v8::String::NewFromUtf8(isolate, name).ToLocalChecked();
        if (!namespace_object->HasOwnProperty(context, key).FromMaybe(true))
            namespace_object->Set(context, key, nosys).Check();
    }
}

}  // namespace secure_exec::wasm
