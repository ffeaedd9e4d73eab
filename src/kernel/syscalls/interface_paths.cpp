// KernelInterface: path calls. Each resolves its base directory (cwd or dirfd) and defers to
// fs_calls, which the host helpers share.
#include <secure_exec/kernel_interface.h>

#include "file/inode_file.h"
#include "syscalls/fs_calls.h"
#include "syscalls/syscall_entry.h"
#include "vfs/access.h"

namespace secure_exec {

using namespace kernel;

namespace {

struct PathCall {
    std::shared_ptr<Process> process;
    Caller caller;
    Location base;
};

ErrorOr<PathCall> begin(KernelState& state, const Driver& driver, Pid pid, int dirfd) {
    auto process = TRY(enter_syscall(state, driver, pid));
    Caller caller = state.caller_for(*process);
    Location base = TRY(state.base_directory(caller, dirfd));
    return PathCall{std::move(process), std::move(caller), std::move(base)};
}

}  // namespace

ErrorOr<Stat> KernelInterface::stat(Pid pid, std::string_view path, bool follow_symlinks, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::stat(m_state, call.caller, call.base, path, follow_symlinks);
}

ErrorOr<void> KernelInterface::access(Pid pid, std::string_view path, int mode, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::access(m_state, call.caller, call.base, path, mode);
}

ErrorOr<void> KernelInterface::mkdir(Pid pid, std::string_view path, uint32_t mode, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::mkdir(m_state, call.caller, call.base, path, mode);
}

ErrorOr<void> KernelInterface::rmdir(Pid pid, std::string_view path, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::rmdir(m_state, call.caller, call.base, path);
}

ErrorOr<void> KernelInterface::unlink(Pid pid, std::string_view path, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::unlink(m_state, call.caller, call.base, path);
}

ErrorOr<void> KernelInterface::rename(Pid pid, std::string_view old_path, std::string_view new_path, unsigned flags,
                                      int old_dirfd, int new_dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, old_dirfd));
    Location new_base = TRY(m_state.base_directory(call.caller, new_dirfd));
    return fs_calls::rename(m_state, call.caller, call.base, old_path, new_base, new_path, flags);
}

ErrorOr<void> KernelInterface::symlink(Pid pid, std::string_view target, std::string_view link_path, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::symlink(m_state, call.caller, target, call.base, link_path);
}

ErrorOr<std::string> KernelInterface::readlink(Pid pid, std::string_view path, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::readlink(m_state, call.caller, call.base, path);
}

ErrorOr<void> KernelInterface::link(Pid pid, std::string_view old_path, std::string_view new_path, int old_dirfd,
                                    int new_dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, old_dirfd));
    Location new_base = TRY(m_state.base_directory(call.caller, new_dirfd));
    return fs_calls::link(m_state, call.caller, call.base, old_path, new_base, new_path);
}

ErrorOr<void> KernelInterface::chmod(Pid pid, std::string_view path, uint32_t mode, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::chmod(m_state, call.caller, call.base, path, mode);
}

ErrorOr<void> KernelInterface::fchmod(Pid pid, int fd, uint32_t mode) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    auto description = TRY(process->fds().get(fd));
    auto* file = dynamic_cast<InodeFile*>(&description->file());
    if (!file)
        return Errno::einval;
    auto status = TRY(file->stat());
    TRY(fs_calls::check_owner(m_state.caller_for(*process), status));
    TRY(m_state.check_fs(FsOperation::change_mode, description->path()));
    TRY(fs_calls::check_writable_mount(file->location()));
    return file->inode()->change_mode(mode & k_permission_mask);
}

ErrorOr<void> KernelInterface::chown(Pid pid, std::string_view path, std::optional<uint32_t> uid,
                                     std::optional<uint32_t> gid, bool follow_symlinks, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::chown(m_state, call.caller, call.base, path, uid, gid, follow_symlinks);
}

ErrorOr<void> KernelInterface::utimes(Pid pid, std::string_view path, std::optional<Timespec> access_time,
                                      std::optional<Timespec> modify_time, bool follow_symlinks, int dirfd) {
    auto call = TRY(begin(m_state, m_driver, pid, dirfd));
    return fs_calls::utimes(m_state, call.caller, call.base, path, access_time, modify_time, follow_symlinks);
}

ErrorOr<void> KernelInterface::truncate(Pid pid, std::string_view path, int64_t size) {
    auto call = TRY(begin(m_state, m_driver, pid, at_fdcwd));
    return fs_calls::truncate(m_state, call.caller, call.base, path, size);
}

ErrorOr<std::string> KernelInterface::realpath(Pid pid, std::string_view path) {
    auto call = TRY(begin(m_state, m_driver, pid, at_fdcwd));
    return fs_calls::realpath(m_state, call.caller, call.base, path);
}

ErrorOr<StatFs> KernelInterface::statfs(Pid pid, std::string_view path) {
    auto call = TRY(begin(m_state, m_driver, pid, at_fdcwd));
    return fs_calls::statfs(m_state, call.caller, call.base, path);
}

ErrorOr<void> KernelInterface::chdir(Pid pid, std::string_view path) {
    auto call = TRY(begin(m_state, m_driver, pid, at_fdcwd));
    auto directory = TRY(fs_calls::directory(m_state, call.caller, call.base, path));
    call.process->set_cwd(std::move(directory));
    return {};
}

ErrorOr<std::string> KernelInterface::getcwd(Pid pid) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    Location cwd = process->cwd();
    auto status = TRY(cwd.inode->stat());
    if (status.link_count == 0)
        return Errno::enoent;  // the directory was removed
    return m_state.vfs().current_path(cwd);
}

ErrorOr<uint32_t> KernelInterface::umask(Pid pid, std::optional<uint32_t> new_mask) {
    auto process = TRY(enter_syscall(m_state, m_driver, pid));
    if (!new_mask)
        return process->umask();
    return process->exchange_umask(*new_mask);
}

}  // namespace secure_exec
