// Calls that change names: mkdir, rmdir, unlink, rename, symlink, link (namei.c's do_* family).
#include <secure_exec/open_flags.h>

#include "syscalls/fs_calls.h"
#include "vfs/access.h"
#include "vfs/path.h"

namespace secure_exec::kernel::fs_calls {

namespace {

constexpr uint8_t k_write_search = static_cast<uint8_t>(Access::write) | static_cast<uint8_t>(Access::execute);

// The parent must let the caller add or remove names, the policy must allow `op` on the full
// path, and the mount must be writable.
ErrorOr<Stat> check_parent(KernelState& state, const Caller& caller, const Location& parent, std::string_view name,
                           FsOperation op) {
    auto parent_status = TRY(parent.inode->stat());
    TRY(check_writable_mount(parent));  // Linux reports EROFS before EACCES
    TRY(check_access(caller.credentials, parent_status, k_write_search));
    TRY(state.check_fs(op, join_path(parent.path, name)));
    return parent_status;
}

ErrorOr<Resolved> resolve_new(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                              FsOperation op) {
    TRY(state.check_fs_request(op, base, path));
    auto resolved = TRY(state.vfs().resolve(state.path_context(caller, &base), path,
                                            {.follow_final = false, .trailing_slash_follows = false,
                                             .allow_missing = true}));
    if (resolved.target)
        return Errno::eexist;
    // Only a directory may be named with a trailing slash (symlink("x", "new/") is ENOENT).
    if (resolved.trailing_slash && op != FsOperation::create_directory)
        return Errno::enoent;
    return resolved;
}

ErrorOr<Resolved> resolve_existing(KernelState& state, const Caller& caller, const Location& base,
                                   std::string_view path, FsOperation op) {
    TRY(state.check_fs_request(op, base, path));
    return state.vfs().resolve(state.path_context(caller, &base), path,
                               {.follow_final = false, .trailing_slash_follows = false});
}

bool is_mount_root(const Location& location) { return location.mount && location.mount->path == location.path; }

}  // namespace

ErrorOr<void> mkdir(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                    uint32_t mode) {
    auto resolved = TRY(resolve_new(state, caller, base, path, FsOperation::create_directory));
    TRY(check_parent(state, caller, resolved.parent, resolved.name, FsOperation::create_directory));
    NewInode attributes{.type = FileType::directory,
                        .permissions = mode & ~caller.umask & 01777,
                        .uid = caller.owner.uid,
                        .gid = caller.owner.gid};
    TRY(resolved.parent.inode->create(resolved.name, attributes));
    return {};
}

ErrorOr<void> rmdir(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto resolved = TRY(resolve_existing(state, caller, base, path, FsOperation::remove));
    if (resolved.name.empty())
        return Errno::ebusy;  // "/"
    if (resolved.name == ".")
        return Errno::einval;
    if (resolved.name == "..")
        return Errno::enotempty;
    const Location& target = *resolved.target;
    auto status = TRY(target.inode->stat());
    if (!status.is_directory())
        return Errno::enotdir;
    if (is_mount_root(target))
        return Errno::ebusy;
    auto parent_status = TRY(check_parent(state, caller, resolved.parent, resolved.name, FsOperation::remove));
    TRY(check_sticky(caller.credentials, parent_status, status));
    return resolved.parent.inode->remove_directory(resolved.name);
}

ErrorOr<void> unlink(KernelState& state, const Caller& caller, const Location& base, std::string_view path) {
    auto resolved = TRY(resolve_existing(state, caller, base, path, FsOperation::remove));
    const Location& target = *resolved.target;
    auto status = TRY(target.inode ? target.inode->stat() : target.description->file().stat());
    if (resolved.name.empty() || resolved.name == "." || resolved.name == ".." || status.is_directory())
        return Errno::eisdir;
    auto parent_status = TRY(check_parent(state, caller, resolved.parent, resolved.name, FsOperation::remove));
    TRY(check_sticky(caller.credentials, parent_status, status));
    return resolved.parent.inode->unlink(resolved.name);
}

ErrorOr<void> rename(KernelState& state, const Caller& caller, const Location& old_base, std::string_view old_path,
                     const Location& new_base, std::string_view new_path, unsigned flags) {
    if (flags & ~flags::rename_noreplace)
        return Errno::einval;
    auto from = TRY(resolve_existing(state, caller, old_base, old_path, FsOperation::rename));
    TRY(state.check_fs_request(FsOperation::rename, new_base, new_path));
    auto to = TRY(state.vfs().resolve(state.path_context(caller, &new_base), new_path,
                                      {.follow_final = false, .trailing_slash_follows = false, .allow_missing = true}));
    auto is_dot = [](const std::string& name) { return name.empty() || name == "." || name == ".."; };
    if (is_dot(from.name) || is_dot(to.name))
        return from.name.empty() || to.name.empty() ? Errno::ebusy : Errno::einval;
    const Location& source = *from.target;
    if (is_mount_root(source) || (to.target && is_mount_root(*to.target)))
        return Errno::ebusy;
    if (from.parent.mount != to.parent.mount)
        return Errno::exdev;
    auto status = TRY(source.inode->stat());
    if (to.trailing_slash && !status.is_directory())
        return Errno::enotdir;  // rename("file", "new/")
    std::string destination = join_path(to.parent.path, to.name);
    if (status.is_directory() && destination != source.path && path_is_within(destination, source.path))
        return Errno::einval;  // a directory cannot move inside itself
    if (to.target && (flags & flags::rename_noreplace))
        return Errno::eexist;
    auto from_parent = TRY(check_parent(state, caller, from.parent, from.name, FsOperation::rename));
    auto to_parent = TRY(check_parent(state, caller, to.parent, to.name, FsOperation::rename));
    TRY(check_sticky(caller.credentials, from_parent, status));
    if (to.target) {
        auto replaced = TRY(to.target->inode->stat());
        TRY(check_sticky(caller.credentials, to_parent, replaced));
    }
    return from.parent.inode->rename(from.name, *to.parent.inode, to.name);
}

ErrorOr<void> symlink(KernelState& state, const Caller& caller, std::string_view target, const Location& base,
                      std::string_view link_path) {
    if (target.empty())
        return Errno::enoent;
    if (target.find('\0') != std::string_view::npos)
        return Errno::einval;
    if (target.size() >= state.limits().max_path_bytes)
        return Errno::enametoolong;
    auto resolved = TRY(resolve_new(state, caller, base, link_path, FsOperation::symlink));
    TRY(check_parent(state, caller, resolved.parent, resolved.name, FsOperation::symlink));
    TRY(resolved.parent.inode->create_symlink(resolved.name, target, caller.owner.uid, caller.owner.gid));
    return {};
}

ErrorOr<void> link(KernelState& state, const Caller& caller, const Location& old_base, std::string_view old_path,
                   const Location& new_base, std::string_view new_path) {
    auto from = TRY(resolve_existing(state, caller, old_base, old_path, FsOperation::read));
    const Location& source = *from.target;
    if (!source.inode)
        return Errno::exdev;
    auto status = TRY(source.inode->stat());
    if (status.is_directory())
        return Errno::eperm;
    auto to = TRY(resolve_new(state, caller, new_base, new_path, FsOperation::link));
    if (source.mount != to.parent.mount)
        return Errno::exdev;
    TRY(check_parent(state, caller, to.parent, to.name, FsOperation::link));
    return to.parent.inode->link(to.name, *source.inode);
}

}  // namespace secure_exec::kernel::fs_calls
