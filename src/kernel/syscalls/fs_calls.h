// fs_calls.h — the path and file syscalls, shared by KernelInterface (guest processes) and
// Kernel's file helpers (the host). Each follows the same order: check the Permissions policy on
// the path as written (normalized), resolve, refuse writes to read-only mounts (EROFS before
// EACCES, as Linux), check Unix permissions, check the policy again on the canonical path, act.
// A denied or failed call changes nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

#include "kernel_state.h"
#include "proc/fd_table.h"

namespace secure_exec::kernel::fs_calls {

// `base` is where relative paths start (the caller's cwd or a dirfd's directory).
ErrorOr<DescriptionPtr> open(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                             int flags, uint32_t mode);
ErrorOr<Stat> stat(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                   bool follow_symlinks);
ErrorOr<void> access(KernelState& state, const Caller& caller, const Location& base, std::string_view path, int mode);
ErrorOr<void> mkdir(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    uint32_t mode);
ErrorOr<void> rmdir(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
ErrorOr<void> unlink(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
ErrorOr<void> rename(KernelState& state, const Caller& caller, const Location& old_base, std::string_view old_path,
                     const Location& new_base, std::string_view new_path, unsigned flags);
ErrorOr<void> symlink(KernelState& state, const Caller& caller, std::string_view target, const Location& base,
                      std::string_view link_path);
ErrorOr<std::string> readlink(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
ErrorOr<void> link(KernelState& state, const Caller& caller, const Location& old_base, std::string_view old_path,
                   const Location& new_base, std::string_view new_path);
ErrorOr<void> chmod(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    uint32_t mode);
ErrorOr<void> chown(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    std::optional<uint32_t> uid, std::optional<uint32_t> gid, bool follow_symlinks);
ErrorOr<void> utimes(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                     std::optional<Timespec> access_time, std::optional<Timespec> modify_time, bool follow_symlinks);
ErrorOr<void> truncate(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                       int64_t size);
ErrorOr<std::string> realpath(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
ErrorOr<StatFs> statfs(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
ErrorOr<Location> directory(KernelState& state, const Caller& caller, const Location& base, std::string_view path);
// Entries of an open directory, "." and ".." first.
ErrorOr<std::vector<DirEntry>> read_directory(KernelState& state, OpenFileDescription& description);

// Shared checks, also used by fchmod.
ErrorOr<void> check_owner(const Caller& caller, const Stat& status);
ErrorOr<void> check_writable_mount(const Location& location);

}  // namespace secure_exec::kernel::fs_calls
