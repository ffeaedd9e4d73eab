// Calls that read or change metadata: stat, access, readlink, chmod, chown, utimes, truncate,
// realpath, statfs, and the directory lookups chdir and openat build on.
#include "file/file.h"
#include "file/inode_file.h"
#include "file/open_file_description.h"
#include "syscalls/fs_calls.h"
#include "vfs/access.h"
#include "util/clock.h"
#include "vfs/path.h"

namespace secure_exec::kernel::fs_calls {

namespace {

ErrorOr<Location> find(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                       bool follow, FsOperation op) {
    TRY(state.check_fs_request(op, base, path));
    return state.vfs().lookup(state.path_context(caller, &base), path, follow);
}

ErrorOr<Stat> stat_of(const Location& location) {
    if (location.description)
        return location.description->file().stat();
    return location.inode->stat();
}

// Metadata changes need an inode; a /proc fd link to a pipe has none.
ErrorOr<Inode*> inode_of(const Location& location) {
    if (!location.inode)
        return Errno::eperm;
    return location.inode.get();
}

}  // namespace

ErrorOr<void> check_owner(const Caller& caller, const Stat& status) {
    if (caller.credentials.is_root() || caller.credentials.uid == status.uid)
        return {};
    return Errno::eperm;
}

ErrorOr<void> check_writable_mount(const Location& location) {
    if (location.mount && location.mount->read_only)
        return Errno::erofs;
    return {};
}

ErrorOr<Stat> stat(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                   bool follow_symlinks) {
    auto location = TRY(find(state, caller, base, path, follow_symlinks, FsOperation::stat));
    TRY(state.check_fs(FsOperation::stat, location.path));
    return stat_of(location);
}

ErrorOr<void> access(KernelState& state, const Caller& caller, const Location& base, std::string_view path, int mode) {
    if (mode & ~7)
        return Errno::einval;
    auto location = TRY(find(state, caller, base, path, true, FsOperation::stat));
    TRY(state.check_fs(FsOperation::stat, location.path));
    auto status = TRY(stat_of(location));
    TRY(check_access(caller.credentials, status, static_cast<uint8_t>(mode)));
    if (mode & static_cast<int>(Access::write))
        TRY(check_writable_mount(location));
    return {};
}

ErrorOr<std::string> readlink(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto location = TRY(find(state, caller, base, path, false, FsOperation::read));
    TRY(state.check_fs(FsOperation::read, location.path));
    if (auto* magic = dynamic_cast<DescriptionLink*>(location.inode.get())) {
        auto description = magic->description();
        if (!description)
            return Errno::ebadf;
        return description->file().link_text();
    }
    if (auto* relative = dynamic_cast<ProcessRelativeLink*>(location.inode.get()))
        return relative->target_for(caller.pid);
    auto status = TRY(location.inode->stat());
    if (!status.is_symlink())
        return Errno::einval;
    return location.inode->read_link();
}

ErrorOr<void> chmod(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    uint32_t mode) {
    auto location = TRY(find(state, caller, base, path, true, FsOperation::change_mode));
    Inode* inode = TRY(inode_of(location));
    auto status = TRY(inode->stat());
    TRY(check_owner(caller, status));
    TRY(state.check_fs(FsOperation::change_mode, location.path));
    TRY(check_writable_mount(location));
    return inode->change_mode(mode & k_permission_mask);
}

ErrorOr<void> chown(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    std::optional<uint32_t> uid, std::optional<uint32_t> gid, bool follow_symlinks) {
    auto location = TRY(find(state, caller, base, path, follow_symlinks, FsOperation::change_owner));
    Inode* inode = TRY(inode_of(location));
    auto status = TRY(inode->stat());
    if (!caller.credentials.is_root()) {
        // chown(2): only root gives files away; an owner may only pick one of its own groups.
        TRY(check_owner(caller, status));
        if (uid && *uid != status.uid)
            return Errno::eperm;
        if (gid && *gid != status.gid && *gid != caller.credentials.gid)
            return Errno::eperm;
    }
    TRY(state.check_fs(FsOperation::change_owner, location.path));
    TRY(check_writable_mount(location));
    return inode->change_owner(uid, gid);
}

ErrorOr<void> utimes(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                     std::optional<Timespec> access_time, std::optional<Timespec> modify_time, bool follow_symlinks) {
    auto location = TRY(find(state, caller, base, path, follow_symlinks, FsOperation::change_times));
    Inode* inode = TRY(inode_of(location));
    auto status = TRY(inode->stat());
    // utimensat(2): setting explicit times needs ownership; setting "now" needs write access.
    bool explicit_times = (access_time && !access_time->is_now()) || (modify_time && !modify_time->is_now());
    if (check_owner(caller, status).is_error()) {
        if (explicit_times)
            return Errno::eperm;
        TRY(check_access(caller.credentials, status, static_cast<uint8_t>(Access::write)));
    }
    TRY(state.check_fs(FsOperation::change_times, location.path));
    TRY(check_writable_mount(location));
    Timespec now = now_realtime();
    auto resolve_now = [&](std::optional<Timespec> time) {
        return time && time->is_now() ? std::optional<Timespec>(now) : time;
    };
    return inode->set_times(resolve_now(access_time), resolve_now(modify_time));
}

ErrorOr<void> truncate(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                       int64_t size) {
    if (size < 0)
        return Errno::einval;
    auto location = TRY(find(state, caller, base, path, true, FsOperation::write));
    Inode* inode = TRY(inode_of(location));
    auto status = TRY(inode->stat());
    if (status.is_directory())
        return Errno::eisdir;
    if (!status.is_regular())
        return Errno::einval;
    TRY(check_access(caller.credentials, status, static_cast<uint8_t>(Access::write)));
    TRY(state.check_fs(FsOperation::write, location.path));
    TRY(check_writable_mount(location));
    return inode->truncate(static_cast<uint64_t>(size));
}

ErrorOr<std::string> realpath(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto location = TRY(find(state, caller, base, path, true, FsOperation::read));
    TRY(state.check_fs(FsOperation::read, location.path));
    return location.path;
}

ErrorOr<StatFs> statfs(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto location = TRY(find(state, caller, base, path, true, FsOperation::stat));
    TRY(state.check_fs(FsOperation::stat, location.path));
    if (!location.mount)
        return StatFs{};
    auto result = TRY(location.mount->filesystem->statfs());
    if (location.mount->read_only)
        result.flags |= 1;  // ST_RDONLY
    return result;
}

ErrorOr<Location> directory(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto location = TRY(find(state, caller, base, path, true, FsOperation::stat));
    if (!location.inode)
        return Errno::enotdir;
    auto status = TRY(location.inode->stat());
    if (!status.is_directory())
        return Errno::enotdir;
    TRY(check_access(caller.credentials, status, static_cast<uint8_t>(Access::execute)));
    TRY(state.check_fs(FsOperation::stat, location.path));
    return location;
}

ErrorOr<std::vector<DirEntry>> read_directory(KernelState& state, OpenFileDescription& description) {
    auto entries = TRY(description.read_directory());
    auto self = TRY(description.file().stat());
    uint64_t parent_inode = self.inode;
    if (auto* file = dynamic_cast<InodeFile*>(&description.file())) {
        auto parent = state.vfs().parent_of(file->location());
        if (!parent.is_error())
            parent_inode = TRY(parent.value().inode->stat()).inode;
    }
    std::vector<DirEntry> result;
    result.reserve(entries.size() + 2);
    result.push_back({".", FileType::directory, self.inode});
    result.push_back({"..", FileType::directory, parent_inode});
    for (auto& entry : entries)
        result.push_back(std::move(entry));
    return result;
}

}  // namespace secure_exec::kernel::fs_calls
