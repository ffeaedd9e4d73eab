// open(2): resolution, creation, O_EXCL/O_TRUNC/O_DIRECTORY/O_NOFOLLOW, and the description.
#include <secure_exec/open_flags.h>

#include "file/inode_file.h"
#include "tty/pty.h"
#include "tty/terminal_devices.h"
#include "syscalls/fs_calls.h"
#include "vfs/access.h"
#include "vfs/path.h"

namespace secure_exec::kernel::fs_calls {

namespace {

constexpr uint8_t k_read = static_cast<uint8_t>(Access::read);
constexpr uint8_t k_write = static_cast<uint8_t>(Access::write);
constexpr uint8_t k_execute = static_cast<uint8_t>(Access::execute);

uint8_t wanted_access(int flags) {
    switch (flags & flags::o_accmode) {
    case flags::o_rdonly:
        return k_read;
    case flags::o_wronly:
        return k_write;
    default:
        return k_read | k_write;
    }
}

ErrorOr<Location> create_file(KernelState& state, const Caller& caller, const Resolved& resolved, uint32_t mode) {
    if (resolved.trailing_slash)
        return Errno::eisdir;
    const Location& parent = resolved.parent;
    auto parent_status = TRY(parent.inode->stat());
    TRY(check_writable_mount(parent));  // Linux reports EROFS before EACCES
    TRY(check_access(caller.credentials, parent_status, k_write | k_execute));
    std::string path = join_path(parent.path, resolved.name);
    TRY(state.check_fs(FsOperation::create, path));
    NewInode attributes{.type = FileType::regular,
                        .permissions = mode & ~caller.umask & k_permission_mask,
                        .uid = caller.owner.uid,
                        .gid = caller.owner.gid};
    auto inode = TRY(parent.inode->create(resolved.name, attributes));
    return Location{std::move(inode), std::move(path), parent.mount, nullptr};
}

ErrorOr<void> check_existing(KernelState& state, const Caller& caller, const Location& target, const Stat& status,
                             int flags) {
    bool writing = (wanted_access(flags) & k_write) != 0;
    if (status.is_symlink())
        return Errno::eloop;  // O_NOFOLLOW on a symlink
    if ((flags & flags::o_directory) && !status.is_directory())
        return Errno::enotdir;
    if (status.is_directory() && (writing || (flags & flags::o_trunc)))
        return Errno::eisdir;
    uint8_t wanted = wanted_access(flags);
    if (flags & flags::o_trunc)
        wanted |= k_write;
    if ((wanted & k_write) && (status.is_regular() || status.is_directory()))
        TRY(check_writable_mount(target));
    TRY(check_access(caller.credentials, status, wanted));
    if (wanted & k_read)
        TRY(state.check_fs(status.is_directory() ? FsOperation::read_directory : FsOperation::read, target.path));
    if (wanted & k_write)
        TRY(state.check_fs(FsOperation::write, target.path));
    return {};
}

}  // namespace

ErrorOr<DescriptionPtr> open(KernelState& state, const Caller& caller, const Location& base, std::string_view path,
                             int flags, uint32_t mode) {
    if ((flags & flags::o_accmode) == flags::o_accmode)
        return Errno::einval;
    bool create = (flags & flags::o_creat) != 0;
    uint8_t wanted = wanted_access(flags);
    FsOperation read_op = (flags & flags::o_directory) ? FsOperation::read_directory : FsOperation::read;
    if (wanted & k_read)
        TRY(state.check_fs_request(read_op, base, path));
    if ((wanted & k_write) || (flags & flags::o_trunc))
        TRY(state.check_fs_request(FsOperation::write, base, path));
    bool exclusive = create && (flags & flags::o_excl);
    ResolveOptions options{.follow_final = !(flags & flags::o_nofollow) && !exclusive, .allow_missing = create};
    auto resolved = TRY(state.vfs().resolve(state.path_context(caller, &base), path, options));
    bool created = false;
    Location location;
    if (resolved.target) {
        if (exclusive)
            return Errno::eexist;
        location = std::move(*resolved.target);
        if (location.description) {
            // /proc/<pid>/fd/N and /dev/fd/N: the same open description, as dup(2) gives. The
            // caller already holds it, and the path it named was checked above.
            return location.description;
        }
    } else {
        location = TRY(create_file(state, caller, resolved, mode));
        created = true;
    }
    auto status = TRY(location.inode->stat());
    if (!created)
        TRY(check_existing(state, caller, location, status, flags));
    std::shared_ptr<File> special;
    if (dynamic_cast<ControllingTerminalDevice*>(location.inode.get())) {
        // /dev/tty: the caller's controlling terminal, whichever that is (Linux tty_open_current_tty()).
        auto terminal = caller.process ? state.terminals().controlling_terminal(*caller.process) : nullptr;
        if (!terminal)
            return Errno::enxio;
        special = TRY(state.terminals().open_replica(terminal->index()));
    } else {
        special = TRY(location.inode->open_special(flags));
    }
    if (auto* master = dynamic_cast<PtyMaster*>(special.get()))
        master->pty()->set_owner(caller.owner);  // a new pair belongs to whoever opened /dev/ptmx
    if (auto* replica = dynamic_cast<PtyReplica*>(special.get()); replica && caller.process && !(flags & flags::o_noctty))
        state.terminals().maybe_acquire(*caller.process, replica->pty());
    std::shared_ptr<File> file = special ? std::move(special)
                                         : std::make_shared<InodeFile>(location, status.type);
    if ((flags & flags::o_trunc) && status.is_regular() && !created)
        TRY(location.inode->truncate(0));
    constexpr int k_open_only = flags::o_creat | flags::o_excl | flags::o_trunc | flags::o_cloexec | flags::o_noctty;
    return std::make_shared<OpenFileDescription>(std::move(file), flags & ~k_open_only, location.path);
}

}  // namespace secure_exec::kernel::fs_calls
