// host_inode.h — HostInode: one file of a HostFileSystem, named by its path under the mount root.
//
// An inode is a path, not an open host file: every call re-opens what it needs through
// HostFileSystem::open_beneath (openat2 confined to the tree) and closes it before returning.
// So an inode follows its name: after a rename on the host the old inode sees whatever is now at
// that path (usually ENOENT), never a file outside the tree.
// FIXME: unlike Linux, an open file therefore does not survive unlink or rename of its name.
#pragma once

#include <sys/stat.h>

#include <memory>
#include <string>

#include "fs/hostfs/host_filesystem.h"

namespace secure_exec::kernel {

// Thread safety: immutable after construction; each call works on host fds of its own.
class HostInode final : public Inode {
public:
    // `relative_path` is "" for the root, else components joined by '/', none empty, "." or "..".
    HostInode(std::shared_ptr<HostFileSystem> filesystem, std::string relative_path);

    // ^Inode
    FileSystem& filesystem() override { return *m_filesystem; }
    ErrorOr<Stat> stat() override;
    ErrorOr<std::shared_ptr<Inode>> lookup(std::string_view name) override;
    ErrorOr<std::shared_ptr<Inode>> create(std::string_view name, const NewInode& attributes) override;
    ErrorOr<std::shared_ptr<Inode>> create_symlink(std::string_view name, std::string_view target, uint32_t uid,
                                                   uint32_t gid) override;
    ErrorOr<void> link(std::string_view name, Inode& target) override;
    ErrorOr<void> unlink(std::string_view name) override;
    ErrorOr<void> remove_directory(std::string_view name) override;
    ErrorOr<void> rename(std::string_view old_name, Inode& new_parent, std::string_view new_name) override;
    ErrorOr<std::vector<DirEntry>> read_directory() override;
    ErrorOr<std::string> read_link() override;
    ErrorOr<size_t> read_at(uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write_at(uint64_t offset, std::span<const std::byte> data, bool append) override;
    ErrorOr<void> truncate(uint64_t size) override;
    ErrorOr<void> change_mode(uint32_t permissions) override;
    ErrorOr<void> change_owner(std::optional<uint32_t> uid, std::optional<uint32_t> gid) override;
    ErrorOr<void> set_times(std::optional<Timespec> access_time, std::optional<Timespec> modify_time) override;

private:
    bool is_root() const { return m_path.empty(); }
    std::string child_path(std::string_view name) const;
    std::string parent_path() const;
    std::string own_name() const;
    ErrorOr<void> check_writable() const;
    ErrorOr<HostInode*> same_filesystem(Inode& other) const;

    ErrorOr<UniqueFd> open_directory() const;  // O_PATH of this directory, the base for *at() calls
    ErrorOr<UniqueFd> open_parent() const;
    ErrorOr<struct stat> probe() const;        // lstat of this path, via an O_PATH handle
    ErrorOr<UniqueFd> open_regular(uint64_t access) const;
    ErrorOr<UniqueFd> open_verified(uint64_t flags, mode_t expected_type) const;
    std::shared_ptr<Inode> make_child(std::string_view name) const;
    ErrorOr<std::shared_ptr<Inode>> create_file(std::string_view name, uint32_t permissions);
    ErrorOr<std::shared_ptr<Inode>> create_directory(std::string_view name, uint32_t permissions);
    ErrorOr<std::shared_ptr<Inode>> create_fifo(std::string_view name, uint32_t permissions);
    ErrorOr<std::shared_ptr<Inode>> finish_create(std::string_view name, mode_t type, uint32_t permissions);
    Stat to_stat(const struct statx& host) const;

    const std::shared_ptr<HostFileSystem> m_filesystem;
    const std::string m_path;
};

}  // namespace secure_exec::kernel
