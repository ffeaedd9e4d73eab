// vfs.h — the filesystem interface: Inode and FileSystem.
//
// An Inode is what a directory entry points to: a regular file, a directory, a symlink, a device.
// The kernel resolves paths itself (mounts, "..", symlinks, ELOOP) and only asks inodes for
// single-step operations, so a filesystem never sees a path and can never be talked out of its
// own tree. Implementations: the in-memory filesystem (make_memory_filesystem), host directories
// (make_host_filesystem), and the kernel's own /dev and /proc.
//
// Ownership: inodes are shared (std::shared_ptr) by directories, open files and the path walker;
// an unlinked inode lives until its last holder lets go, which is how an open file outlives
// unlink. Thread safety: every method may be called from any thread; each filesystem guards its
// own state (the memory filesystem with one mutex per filesystem).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

namespace secure_exec {

namespace kernel {
class File;  // kernel-internal: what an open file description reads and writes
}

class FileSystem;

struct WriteResult {
    size_t bytes{0};
    uint64_t end_offset{0};  // offset just past the last byte written
};

// What a new inode starts with.
struct NewInode {
    FileType type{FileType::regular};
    uint32_t permissions{0644};
    uint32_t uid{0};
    uint32_t gid{0};
};

class Inode : public std::enable_shared_from_this<Inode> {
public:
    virtual ~Inode() = default;

    virtual FileSystem& filesystem() = 0;
    virtual ErrorOr<Stat> stat() = 0;

    // ^Directory: single-component operations. `name` is never empty, ".", ".." or contains '/'.
    virtual ErrorOr<std::shared_ptr<Inode>> lookup(std::string_view name);
    virtual ErrorOr<std::shared_ptr<Inode>> create(std::string_view name, const NewInode& attributes);
    virtual ErrorOr<std::shared_ptr<Inode>> create_symlink(std::string_view name, std::string_view target,
                                                           uint32_t uid, uint32_t gid);
    virtual ErrorOr<void> link(std::string_view name, Inode& target);
    virtual ErrorOr<void> unlink(std::string_view name);  // not for directories (EISDIR)
    virtual ErrorOr<void> remove_directory(std::string_view name);  // empty directories only
    // Atomically moves `old_name` to `new_parent/new_name`, replacing what is there as rename(2)
    // does. `new_parent` belongs to the same filesystem (the kernel checks, EXDEV).
    virtual ErrorOr<void> rename(std::string_view old_name, Inode& new_parent, std::string_view new_name);
    // Every entry except "." and "..", in a stable order.
    virtual ErrorOr<std::vector<DirEntry>> read_directory();

    // ^Symlink
    virtual ErrorOr<std::string> read_link();

    // ^Regular file. A read past the end returns 0 bytes.
    virtual ErrorOr<size_t> read_at(uint64_t offset, std::span<std::byte> buffer);
    // append == true writes at the current end of the file, atomically, ignoring `offset`.
    virtual ErrorOr<WriteResult> write_at(uint64_t offset, std::span<const std::byte> data, bool append);
    virtual ErrorOr<void> truncate(uint64_t size);

    // ^Metadata
    virtual ErrorOr<void> change_mode(uint32_t permissions);
    virtual ErrorOr<void> change_owner(std::optional<uint32_t> uid, std::optional<uint32_t> gid);
    virtual ErrorOr<void> set_times(std::optional<Timespec> access_time, std::optional<Timespec> modify_time);

    // ^Tree position, for directories: the parent directory and this directory's name in it,
    // kept current across renames. nullptr/"" for a filesystem root or when not tracked; the
    // kernel then falls back to the path it resolved.
    virtual std::shared_ptr<Inode> parent_directory() { return nullptr; }
    virtual std::string directory_name() { return {}; }

    // Devices, pipes and other special files return the object an open description uses;
    // regular files and directories return nullptr and the kernel uses the inode itself.
    virtual ErrorOr<std::shared_ptr<kernel::File>> open_special(int flags);
};

class FileSystem {
public:
    virtual ~FileSystem() = default;
    virtual std::shared_ptr<Inode> root() = 0;
    virtual ErrorOr<StatFs> statfs() = 0;
    // Filesystem type name as /proc/mounts shows it ("tmpfs", "hostfs", "devtmpfs", "proc").
    virtual std::string_view type_name() const = 0;
    // Device number reported in st_dev; unique per filesystem instance.
    uint64_t device_id() const { return m_device_id; }

protected:
    FileSystem();

private:
    const uint64_t m_device_id;
};

struct MemoryFileSystemOptions {
    // Total bytes of file data the filesystem may hold; writes past it fail with ENOSPC.
    uint64_t capacity_bytes{uint64_t{1} << 30};
    uint64_t max_inodes{1'000'000};
    // Mode of the root directory (tmpfs's default: world-writable and sticky).
    uint32_t root_permissions{01777};
};

std::shared_ptr<FileSystem> make_memory_filesystem(MemoryFileSystemOptions options = {});

enum class MountMode : uint8_t { read_only, read_write };

// A host directory as a filesystem. Everything is opened relative to `host_path` with the host's
// openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), so no guest path can name a host file outside it;
// host symlinks are shown to the guest but refused (EACCES) when they point outside the tree.
// Files appear owned by `owner` (the guest user) since the host process is the real gatekeeper.
ErrorOr<std::shared_ptr<FileSystem>> make_host_filesystem(const std::string& host_path, MountMode mode,
                                                          Credentials owner = {});

}  // namespace secure_exec
