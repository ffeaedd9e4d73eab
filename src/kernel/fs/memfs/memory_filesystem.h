// memory_filesystem.h — the in-memory filesystem (tmpfs): the default root of a kernel.
//
// Directories map names to shared inodes, so hard links are two names for one inode and an
// unlinked inode lives on while an open file holds it. One mutex per filesystem guards every
// inode's data and metadata; that makes rename across directories atomic without lock ordering.
// The byte budget is an atomic so an inode's destructor can return its bytes without the lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/vfs.h>

#include "sync/mutex.h"

namespace secure_exec::kernel {

class MemoryFileSystem;

// State shared by the filesystem and its inodes; outlives both as long as either holds it.
struct MemoryFsCore {
    Mutex mutex;
    std::atomic<uint64_t> used_bytes{0};
    std::atomic<uint64_t> inode_count{0};
    std::atomic<uint64_t> next_inode{1};
    uint64_t capacity_bytes{0};
    uint64_t max_inodes{0};
    uint64_t device_id{0};
    // Preconditions for Inode::filesystem(): the filesystem outlives its inodes (the kernel keeps
    // every mounted filesystem until dispose).
    MemoryFileSystem* filesystem{nullptr};
};

class MemoryInode final : public Inode {
public:
    MemoryInode(std::shared_ptr<MemoryFsCore> core, const NewInode& attributes);
    ~MemoryInode() override;
    static std::shared_ptr<MemoryInode> make_root(std::shared_ptr<MemoryFsCore> core, uint32_t permissions);

    // ^Inode
    FileSystem& filesystem() override;
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
    std::shared_ptr<Inode> parent_directory() override;
    std::string directory_name() override;

private:
    // Every inode of a filesystem shares m_core->mutex. After locking it through one inode, this
    // tells the thread-safety analysis that another inode's (same) mutex is held too.
    void shares_lock() const ASSERT_CAPABILITY(m_core->mutex) {}

    using Children = std::map<std::string, std::shared_ptr<MemoryInode>, std::less<>>;

    ErrorOr<void> check_live_directory_locked() const REQUIRES(m_core->mutex);
    ErrorOr<std::shared_ptr<MemoryInode>> make_child_locked(std::string_view name, const NewInode& attributes)
        REQUIRES(m_core->mutex);
    ErrorOr<void> resize_locked(uint64_t size) REQUIRES(m_core->mutex);
    void touch_modified_locked() REQUIRES(m_core->mutex);
    void detach_locked(MemoryInode& child) REQUIRES(m_core->mutex);
    // Whether this directory is `ancestor` or lies below it (walks the parent links).
    bool is_within_locked(const MemoryInode& ancestor) const REQUIRES(m_core->mutex);

    const std::shared_ptr<MemoryFsCore> m_core;
    const uint64_t m_inode_number;
    const FileType m_type;
    uint32_t m_permissions GUARDED_BY(m_core->mutex);
    uint32_t m_uid GUARDED_BY(m_core->mutex);
    uint32_t m_gid GUARDED_BY(m_core->mutex);
    uint32_t m_link_count GUARDED_BY(m_core->mutex){0};
    Timespec m_access_time GUARDED_BY(m_core->mutex);
    Timespec m_modify_time GUARDED_BY(m_core->mutex);
    Timespec m_change_time GUARDED_BY(m_core->mutex);
    const Timespec m_birth_time;
    std::vector<std::byte> m_data GUARDED_BY(m_core->mutex);
    std::string m_link_target GUARDED_BY(m_core->mutex);
    Children m_children GUARDED_BY(m_core->mutex);
    // Directories only: where this directory hangs (a directory has exactly one name).
    std::weak_ptr<MemoryInode> m_parent GUARDED_BY(m_core->mutex);
    std::string m_name GUARDED_BY(m_core->mutex);
};

class MemoryFileSystem final : public FileSystem {
public:
    explicit MemoryFileSystem(MemoryFileSystemOptions options);
    ~MemoryFileSystem() override;

    // ^FileSystem
    std::shared_ptr<Inode> root() override { return m_root; }
    ErrorOr<StatFs> statfs() override;
    std::string_view type_name() const override { return "tmpfs"; }

private:
    std::shared_ptr<MemoryFsCore> m_core;
    std::shared_ptr<MemoryInode> m_root;
};

}  // namespace secure_exec::kernel
