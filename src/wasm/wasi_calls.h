// wasi_calls.h — what the wasi_snapshot_preview1 families share. install_preview1 installs them all:
//
//   wasi_args_clock.cpp  args, environ, clocks, random
//   wasi_fd.cpp          fd_*: I/O, seek, fdstat, filestat, prestat, readdir, renumber
//   wasi_path.cpp        path_*
//   wasi_poll.cpp        poll_oneoff
//   wasi_preview1.cpp    install_preview1, proc_exit, proc_raise, sched_yield, sock_* (ENOTSUP), and
//                        the filestat and fst_flags helpers declared here
//
// Arguments and replies come from import_call.h, guest memory from wasi_process.h. WASI fd
// numbers are kernel fd numbers; "/" is preopened. Calls not installed answer ENOSYS (the driver).
// Thread safety: confined to the calling process's thread, as WasiProcess.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include <secure_exec/fs_types.h>

#include "wasm/import_call.h"
#include "wasm/wasi_errno.h"

namespace secure_exec::wasm::preview1 {

// WASI preview1 constants (witx: typenames.witx) that more than one family uses.
constexpr uint16_t k_fdflags_append = 1, k_fdflags_nonblock = 4;
constexpr uint32_t k_lookup_symlink_follow = 1;

template <typename T>
uint16_t errno_of(const ErrorOr<T>& result) {
    return result.is_error() ? to_wasi(result.error()) : k_wasi_success;
}

// A descriptor argument: WASI's u32 fd as the kernel's int.
inline int fd_arg(const Info& info, int index) { return static_cast<int>(u32(info, index)); }

// The time on WASI clock `id`, in nanoseconds: 0 realtime, 1 monotonic, 2 and 3 the CPU time of
// the guest's thread (its process is a thread of ours). Preconditions: id <= 3.
uint64_t clock_now(uint32_t id);

// filestat (64 bytes): dev u64, ino u64, filetype u8 @16, nlink u64 @24, size @32, atim @40,
// mtim @48, ctim @56.
uint8_t wasi_filetype(FileType type);
void store_filestat(const GuestMemory& memory, uint32_t at, const Stat& status);

// fst_flags of fd_filestat_set_times and path_filestat_set_times → utimensat's pair of times:
// nullopt leaves a time alone (UTIME_OMIT).
constexpr uint32_t k_fst_atim = 1, k_fst_atim_now = 2, k_fst_mtim = 4, k_fst_mtim_now = 8;
std::optional<Timespec> time_of(uint64_t value, uint32_t fst_flags, uint32_t set, uint32_t now);
bool valid_fst_flags(uint32_t fst_flags);

// Each family's functions, for install_preview1.
std::span<const Import> args_clock_imports();
std::span<const Import> fd_imports();
std::span<const Import> path_imports();
std::span<const Import> poll_imports();

}  // namespace secure_exec::wasm::preview1
