// HostInode: each operation opens what it needs beneath the mount root with openat2, then uses
// only fd-based calls or single-component *at() calls that never follow a symlink.
#include "fs/hostfs/host_inode.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>

namespace secure_exec::kernel {
namespace {

// A setuid or setgid host file written by the guest would let any host user who can reach the
// directory run it as the sandbox's host user (root, if the sandbox runs as root). The guest never
// gets to set these bits on host files other than directories, where setgid only means
// "inherit the group".
constexpr mode_t k_host_forbidden_file_bits = S_ISUID | S_ISGID;
constexpr uint64_t k_max_offset = INT64_MAX;

Errno last_error() { return errno_from_linux(errno); }

// The kernel hands us single components already; checked again because a '/' or ".." here would
// turn an *at() call into a path walk.
ErrorOr<void> check_name(std::string_view name) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos)
        return Errno::einval;
    if (name.size() > NAME_MAX)
        return Errno::enametoolong;
    return {};
}

ErrorOr<struct stat> stat_fd(int fd) {
    struct stat host {};
    if (::fstat(fd, &host) < 0)
        return last_error();
    return host;
}

// The error Linux gives for an operation on the wrong kind of file.
Errno wrong_type(mode_t actual_mode, mode_t expected_type) {
    if (expected_type == S_IFDIR)
        return Errno::enotdir;
    if (S_ISDIR(actual_mode))
        return Errno::eisdir;
    return Errno::einval;
}

Timespec from_statx_time(const struct statx_timestamp& time) { return {time.tv_sec, time.tv_nsec}; }

struct timespec to_host_time(std::optional<Timespec> time) {
    if (!time)
        return {0, UTIME_OMIT};
    return {static_cast<time_t>(time->seconds), static_cast<long>(time->nanoseconds)};
}

ErrorOr<void> set_permissions(int fd, mode_t type, uint32_t permissions) {
    mode_t bits = permissions & k_permission_mask;
    if (type != S_IFDIR)
        bits &= ~k_host_forbidden_file_bits;
    if (::fchmod(fd, bits) < 0)
        return last_error();
    return {};
}

// d_type when the host filesystem fills it in; an lstat of the entry otherwise.
FileType entry_type(int directory_fd, const dirent& entry) {
    if (entry.d_type != DT_UNKNOWN)
        return file_type_from_mode(static_cast<uint32_t>(DTTOIF(entry.d_type)));
    struct stat host {};
    if (::fstatat(directory_fd, entry.d_name, &host, AT_SYMLINK_NOFOLLOW) < 0)
        return FileType::unknown;
    return file_type_from_mode(host.st_mode);
}

}  // namespace

HostInode::HostInode(std::shared_ptr<HostFileSystem> filesystem, std::string relative_path)
    : m_filesystem(std::move(filesystem)), m_path(std::move(relative_path)) {}

std::string HostInode::child_path(std::string_view name) const {
    if (is_root())
        return std::string(name);
    std::string path = m_path;
    path += '/';
    path += name;
    return path;
}

std::string HostInode::parent_path() const {
    size_t slash = m_path.rfind('/');
    return slash == std::string::npos ? std::string{} : m_path.substr(0, slash);
}

std::string HostInode::own_name() const {
    size_t slash = m_path.rfind('/');
    return slash == std::string::npos ? m_path : m_path.substr(slash + 1);
}

ErrorOr<void> HostInode::check_writable() const {
    if (m_filesystem->is_read_only())
        return Errno::erofs;
    return {};
}

ErrorOr<HostInode*> HostInode::same_filesystem(Inode& other) const {
    auto* host = dynamic_cast<HostInode*>(&other);
    if (host == nullptr || host->m_filesystem != m_filesystem)
        return Errno::exdev;
    return host;
}

ErrorOr<UniqueFd> HostInode::open_directory() const {
    return m_filesystem->open_beneath(m_path, O_PATH | O_DIRECTORY);
}

ErrorOr<UniqueFd> HostInode::open_parent() const {
    return m_filesystem->open_beneath(parent_path(), O_PATH | O_DIRECTORY);
}

ErrorOr<struct stat> HostInode::probe() const {
    auto handle = TRY(m_filesystem->open_beneath(m_path, O_PATH | O_NOFOLLOW));
    return stat_fd(handle.get());
}

// Opening a device or a FIFO can block or have side effects, so the type is checked on an O_PATH
// handle before the real open, and again on the opened fd in case the host swapped the file.
ErrorOr<UniqueFd> HostInode::open_verified(uint64_t flags, mode_t expected_type) const {
    struct stat before = TRY(probe());
    if ((before.st_mode & S_IFMT) != expected_type)
        return wrong_type(before.st_mode, expected_type);
    auto fd = TRY(m_filesystem->open_beneath(m_path, flags | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK));
    struct stat after = TRY(stat_fd(fd.get()));
    if ((after.st_mode & S_IFMT) != expected_type)
        return wrong_type(after.st_mode, expected_type);
    return fd;
}

ErrorOr<UniqueFd> HostInode::open_regular(uint64_t access) const { return open_verified(access, S_IFREG); }

std::shared_ptr<Inode> HostInode::make_child(std::string_view name) const {
    return std::make_shared<HostInode>(m_filesystem, child_path(name));
}

Stat HostInode::to_stat(const struct statx& host) const {
    Stat result;
    result.device = m_filesystem->device_id();
    result.inode = host.stx_ino;
    result.type = file_type_from_mode(host.stx_mode);
    result.permissions = host.stx_mode & k_permission_mask;
    result.link_count = host.stx_nlink;
    // The host process is the real gatekeeper; inside the guest the files belong to the mount's owner.
    result.uid = m_filesystem->owner().uid;
    result.gid = m_filesystem->owner().gid;
    result.rdev = makedev(host.stx_rdev_major, host.stx_rdev_minor);
    result.size = host.stx_size;
    result.block_size = host.stx_blksize;
    result.blocks = host.stx_blocks;
    result.access_time = from_statx_time(host.stx_atime);
    result.modify_time = from_statx_time(host.stx_mtime);
    result.change_time = from_statx_time(host.stx_ctime);
    if ((host.stx_mask & STATX_BTIME) != 0)
        result.birth_time = from_statx_time(host.stx_btime);
    return result;
}

ErrorOr<Stat> HostInode::stat() {
    auto handle = TRY(m_filesystem->open_beneath(m_path, O_PATH | O_NOFOLLOW));
    struct statx host {};
    if (::statx(handle.get(), "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &host) < 0)
        return last_error();
    return to_stat(host);
}

ErrorOr<std::shared_ptr<Inode>> HostInode::lookup(std::string_view name) {
    TRY(check_name(name));
    auto directory = TRY(open_directory());
    struct stat host {};
    if (::fstatat(directory.get(), std::string(name).c_str(), &host, AT_SYMLINK_NOFOLLOW) < 0)
        return last_error();
    return make_child(name);
}

ErrorOr<std::shared_ptr<Inode>> HostInode::create(std::string_view name, const NewInode& attributes) {
    TRY(check_writable());
    TRY(check_name(name));
    switch (attributes.type) {
    case FileType::regular:
        return create_file(name, attributes.permissions);
    case FileType::directory:
        return create_directory(name, attributes.permissions);
    case FileType::fifo:
        return create_fifo(name, attributes.permissions);
    default:
        return Errno::eperm;  // devices and sockets are not made on the host
    }
}

// The host umask would trim the mode given to open/mkdir/mknod, so every create ends with fchmod.
ErrorOr<std::shared_ptr<Inode>> HostInode::create_file(std::string_view name, uint32_t permissions) {
    uint64_t flags = O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY;
    auto fd = TRY(m_filesystem->open_beneath(child_path(name), flags, S_IRUSR | S_IWUSR));
    TRY(set_permissions(fd.get(), S_IFREG, permissions));
    return make_child(name);
}

ErrorOr<std::shared_ptr<Inode>> HostInode::create_directory(std::string_view name, uint32_t permissions) {
    auto directory = TRY(open_directory());
    if (::mkdirat(directory.get(), std::string(name).c_str(), S_IRWXU) < 0)
        return last_error();
    return finish_create(name, S_IFDIR, permissions);
}

ErrorOr<std::shared_ptr<Inode>> HostInode::create_fifo(std::string_view name, uint32_t permissions) {
    auto directory = TRY(open_directory());
    if (::mknodat(directory.get(), std::string(name).c_str(), S_IFIFO | S_IRUSR | S_IWUSR, 0) < 0)
        return last_error();
    return finish_create(name, S_IFIFO, permissions);
}

ErrorOr<std::shared_ptr<Inode>> HostInode::finish_create(std::string_view name, mode_t type, uint32_t permissions) {
    auto child = std::make_shared<HostInode>(m_filesystem, child_path(name));
    auto fd = TRY(child->open_verified(type == S_IFDIR ? O_RDONLY | O_DIRECTORY : O_RDONLY, type));
    TRY(set_permissions(fd.get(), type, permissions));
    return child;
}

// The host link is owned by the host process whatever uid/gid the guest asks for.
ErrorOr<std::shared_ptr<Inode>> HostInode::create_symlink(std::string_view name, std::string_view target, uint32_t,
                                                          uint32_t) {
    TRY(check_writable());
    TRY(check_name(name));
    TRY(m_filesystem->check_new_link_target(m_path, target));
    auto directory = TRY(open_directory());
    if (::symlinkat(std::string(target).c_str(), directory.get(), std::string(name).c_str()) < 0)
        return last_error();
    return make_child(name);
}

ErrorOr<void> HostInode::link(std::string_view name, Inode& target) {
    TRY(check_writable());
    TRY(check_name(name));
    HostInode* source = TRY(same_filesystem(target));
    if (source->is_root())
        return Errno::eperm;
    auto source_parent = TRY(source->open_parent());
    auto directory = TRY(open_directory());
    // Flags 0: a symlink source is linked itself, never followed.
    if (::linkat(source_parent.get(), source->own_name().c_str(), directory.get(), std::string(name).c_str(), 0) < 0)
        return last_error();
    return {};
}

// Linux's unlink(2) itself refuses directories with EISDIR, and rmdir(2) non-directories with ENOTDIR.
ErrorOr<void> HostInode::unlink(std::string_view name) {
    TRY(check_writable());
    TRY(check_name(name));
    auto directory = TRY(open_directory());
    if (::unlinkat(directory.get(), std::string(name).c_str(), 0) < 0)
        return last_error();
    return {};
}

ErrorOr<void> HostInode::remove_directory(std::string_view name) {
    TRY(check_writable());
    TRY(check_name(name));
    auto directory = TRY(open_directory());
    if (::unlinkat(directory.get(), std::string(name).c_str(), AT_REMOVEDIR) < 0)
        return last_error();
    return {};
}

ErrorOr<void> HostInode::rename(std::string_view old_name, Inode& new_parent, std::string_view new_name) {
    TRY(check_writable());
    TRY(check_name(old_name));
    TRY(check_name(new_name));
    HostInode* destination = TRY(same_filesystem(new_parent));
    auto old_directory = TRY(open_directory());
    auto new_directory = TRY(destination->open_directory());
    if (::renameat(old_directory.get(), std::string(old_name).c_str(), new_directory.get(),
                   std::string(new_name).c_str()) < 0)
        return last_error();
    return {};
}

ErrorOr<std::vector<DirEntry>> HostInode::read_directory() {
    auto fd = TRY(open_verified(O_RDONLY | O_DIRECTORY, S_IFDIR));
    std::unique_ptr<DIR, int (*)(DIR*)> directory{::fdopendir(fd.get()), &::closedir};
    if (!directory)
        return last_error();
    fd.release();  // closedir closes it now
    std::vector<DirEntry> entries;
    for (;;) {
        errno = 0;
        const dirent* entry = ::readdir(directory.get());
        if (entry == nullptr)
            break;
        std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        entries.push_back({std::string(name), entry_type(::dirfd(directory.get()), *entry), entry->d_ino});
    }
    if (errno != 0)
        return last_error();
    std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    return entries;
}

// The text returned is followed by the guest's path walker inside the guest VFS, never by the
// host; HostFileSystem::guest_link_target refuses text that would lead out of this mount.
ErrorOr<std::string> HostInode::read_link() {
    if (is_root())
        return Errno::einval;
    auto parent = TRY(open_parent());
    std::string text(PATH_MAX, '\0');
    ssize_t length = ::readlinkat(parent.get(), own_name().c_str(), text.data(), text.size());
    if (length < 0)
        return last_error();
    if (static_cast<size_t>(length) >= text.size())
        return Errno::enametoolong;
    text.resize(static_cast<size_t>(length));
    return m_filesystem->guest_link_target(parent_path(), text);
}

ErrorOr<size_t> HostInode::read_at(uint64_t offset, std::span<std::byte> buffer) {
    if (offset > k_max_offset)
        return Errno::einval;
    auto fd = TRY(open_regular(O_RDONLY));
    size_t total = 0;
    while (total < buffer.size()) {
        ssize_t count = ::pread(fd.get(), buffer.data() + total, buffer.size() - total,
                                static_cast<off_t>(offset + total));
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && total == 0)
            return last_error();
        if (count <= 0)
            break;  // end of file, or an error after some bytes: report what was read
        total += static_cast<size_t>(count);
    }
    return total;
}

ErrorOr<WriteResult> HostInode::write_at(uint64_t offset, std::span<const std::byte> data, bool append) {
    TRY(check_writable());
    if (!append && offset > k_max_offset)
        return Errno::einval;
    // O_APPEND makes the host position each write() at the end, atomically.
    auto fd = TRY(open_regular(append ? O_WRONLY | O_APPEND : O_WRONLY));
    size_t total = 0;
    while (total < data.size()) {
        const std::byte* start = data.data() + total;
        size_t remaining = data.size() - total;
        ssize_t count = append ? ::write(fd.get(), start, remaining)
                               : ::pwrite(fd.get(), start, remaining, static_cast<off_t>(offset + total));
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && total == 0)
            return last_error();
        if (count <= 0)
            break;  // bytes already written beat the error
        total += static_cast<size_t>(count);
    }
    uint64_t end_offset = offset + total;
    if (append) {
        off_t position = ::lseek(fd.get(), 0, total > 0 ? SEEK_CUR : SEEK_END);
        if (position < 0)
            return last_error();
        end_offset = static_cast<uint64_t>(position);
    }
    return WriteResult{total, end_offset};
}

ErrorOr<void> HostInode::truncate(uint64_t size) {
    TRY(check_writable());
    if (size > k_max_offset)
        return Errno::einval;
    auto fd = TRY(open_regular(O_WRONLY));
    while (::ftruncate(fd.get(), static_cast<off_t>(size)) < 0) {
        if (errno != EINTR)
            return last_error();
    }
    return {};
}

// fchmodat() would follow a symlink swapped in by the host, and fchmod() fails on O_PATH fds, so
// the file is opened (never a device: open_verified) and changed through that fd.
// FIXME: a non-root host process cannot open a mode-000 file to chmod it back.
ErrorOr<void> HostInode::change_mode(uint32_t permissions) {
    TRY(check_writable());
    struct stat host = TRY(probe());
    mode_t type = host.st_mode & S_IFMT;
    if (type == S_IFLNK)
        return Errno::eopnotsupp;  // as Linux's fchmodat(AT_SYMLINK_NOFOLLOW)
    if (type != S_IFREG && type != S_IFDIR && type != S_IFIFO)
        return Errno::eperm;
    auto fd = TRY(open_verified(type == S_IFDIR ? O_RDONLY | O_DIRECTORY : O_RDONLY, type));
    return set_permissions(fd.get(), type, permissions);
}

// Accepted and ignored on a writable mount: a non-root host process cannot chown, and ownership
// shown to the guest is the mount's owner anyway.
ErrorOr<void> HostInode::change_owner(std::optional<uint32_t>, std::optional<uint32_t>) {
    return check_writable();
}

ErrorOr<void> HostInode::set_times(std::optional<Timespec> access_time, std::optional<Timespec> modify_time) {
    TRY(check_writable());
    const struct timespec times[2] = {to_host_time(access_time), to_host_time(modify_time)};
    if (is_root()) {
        auto fd = TRY(open_verified(O_RDONLY | O_DIRECTORY, S_IFDIR));
        if (::futimens(fd.get(), times) < 0)
            return last_error();
        return {};
    }
    auto parent = TRY(open_parent());
    if (::utimensat(parent.get(), own_name().c_str(), times, AT_SYMLINK_NOFOLLOW) < 0)
        return last_error();
    return {};
}

}  // namespace secure_exec::kernel
