// wasi_snapshot_preview1: the path_* calls, (dirfd, path, path_len) first (see wasi_calls.h for
// the families).
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include <secure_exec/open_flags.h>

#include "wasm/wasi_calls.h"

namespace secure_exec::wasm::preview1 {

namespace {

// WASI preview1 constants (witx: typenames.witx).
constexpr uint16_t k_oflags_creat = 1, k_oflags_directory = 2, k_oflags_excl = 4, k_oflags_trunc = 8;
constexpr uint64_t k_right_fd_read = 1u << 1, k_right_fd_write = 1u << 6;

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

constexpr Import k_imports[] = {
    {"path_open", path_open},
    {"path_filestat_get", path_filestat_get},
    {"path_filestat_set_times", path_filestat_set_times},
    {"path_create_directory", path_create_directory},
    {"path_remove_directory", simple_path_call<&KernelInterface::rmdir>},
    {"path_unlink_file", simple_path_call<&KernelInterface::unlink>},
    {"path_rename", path_rename},
    {"path_symlink", path_symlink},
    {"path_readlink", path_readlink},
    {"path_link", path_link},
};

}  // namespace

std::span<const Import> path_imports() { return k_imports; }

}  // namespace secure_exec::wasm::preview1
