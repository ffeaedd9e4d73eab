#include "fs/memfs/memory_filesystem.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "util/clock.h"

namespace secure_exec::kernel {

namespace {
// Largest file we accept (Linux's MAX_LFS_FILESIZE on 64-bit); also keeps offset + size from overflowing.
constexpr uint64_t k_max_file_size = std::numeric_limits<int64_t>::max();
}  // namespace

MemoryInode::MemoryInode(std::shared_ptr<MemoryFsCore> core, const NewInode& attributes)
    : m_core(std::move(core)),
      m_inode_number(m_core->next_inode.fetch_add(1, std::memory_order_relaxed)),
      m_type(attributes.type),
      m_permissions(attributes.permissions & k_permission_mask),
      m_uid(attributes.uid),
      m_gid(attributes.gid),
      m_birth_time(now_realtime()) {
    m_access_time = m_modify_time = m_change_time = m_birth_time;
    m_core->inode_count.fetch_add(1, std::memory_order_relaxed);
}

MemoryInode::~MemoryInode() NO_THREAD_SAFETY_ANALYSIS {
    // The last reference is gone, so nobody else can touch m_data; return its bytes.
    m_core->used_bytes.fetch_sub(m_data.size(), std::memory_order_relaxed);
    m_core->inode_count.fetch_sub(1, std::memory_order_relaxed);
}

std::shared_ptr<MemoryInode> MemoryInode::make_root(std::shared_ptr<MemoryFsCore> core, uint32_t permissions) {
    auto root =
        std::make_shared<MemoryInode>(std::move(core), NewInode{.type = FileType::directory, .permissions = permissions});
    MutexLocker lock(root->m_core->mutex);
    root->m_link_count = 2;  // the root's ".." is itself
    return root;
}

FileSystem& MemoryInode::filesystem() { return *m_core->filesystem; }

ErrorOr<Stat> MemoryInode::stat() {
    MutexLocker lock(m_core->mutex);
    Stat result;
    result.device = m_core->device_id;
    result.inode = m_inode_number;
    result.type = m_type;
    result.permissions = m_permissions;
    result.link_count = m_link_count;
    result.uid = m_uid;
    result.gid = m_gid;
    if (m_type == FileType::regular)
        result.size = m_data.size();
    else if (m_type == FileType::symlink)
        result.size = m_link_target.size();
    else if (m_type == FileType::directory)
        result.size = 4096;
    result.blocks = (result.size + 511) / 512;
    result.access_time = m_access_time;
    result.modify_time = m_modify_time;
    result.change_time = m_change_time;
    result.birth_time = m_birth_time;
    return result;
}

ErrorOr<void> MemoryInode::check_live_directory_locked() const {
    if (m_type != FileType::directory)
        return Errno::enotdir;
    // A removed directory (a process's cwd, say) accepts no new entries, as on Linux.
    if (m_link_count == 0)
        return Errno::enoent;
    return {};
}

ErrorOr<std::shared_ptr<Inode>> MemoryInode::lookup(std::string_view name) {
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::directory)
        return Errno::enotdir;
    auto it = m_children.find(name);
    if (it == m_children.end())
        return Errno::enoent;
    return std::static_pointer_cast<Inode>(it->second);
}

ErrorOr<std::shared_ptr<MemoryInode>> MemoryInode::make_child_locked(std::string_view name,
                                                                     const NewInode& attributes) {
    TRY(check_live_directory_locked());
    if (m_children.find(name) != m_children.end())
        return Errno::eexist;
    if (m_core->inode_count.load(std::memory_order_relaxed) >= m_core->max_inodes)
        return Errno::enospc;
    auto child = std::make_shared<MemoryInode>(m_core, attributes);
    child->shares_lock();
    child->m_link_count = attributes.type == FileType::directory ? 2 : 1;
    if (attributes.type == FileType::directory) {
        ++m_link_count;
        child->m_parent = std::static_pointer_cast<MemoryInode>(shared_from_this());
        child->m_name = std::string(name);
    }
    m_children.emplace(std::string(name), child);
    touch_modified_locked();
    return child;
}

ErrorOr<std::shared_ptr<Inode>> MemoryInode::create(std::string_view name, const NewInode& attributes) {
    switch (attributes.type) {
    case FileType::regular:
    case FileType::directory:
    case FileType::fifo:
    case FileType::socket:
        break;
    default:
        return Errno::eperm;
    }
    MutexLocker lock(m_core->mutex);
    auto child = TRY(make_child_locked(name, attributes));
    return std::static_pointer_cast<Inode>(child);
}

ErrorOr<std::shared_ptr<Inode>> MemoryInode::create_symlink(std::string_view name, std::string_view target,
                                                            uint32_t uid, uint32_t gid) {
    MutexLocker lock(m_core->mutex);
    auto child = TRY(make_child_locked(name, {.type = FileType::symlink, .permissions = 0777, .uid = uid, .gid = gid}));
    child->shares_lock();
    child->m_link_target = std::string(target);
    return std::static_pointer_cast<Inode>(child);
}

ErrorOr<void> MemoryInode::link(std::string_view name, Inode& target_inode) {
    auto* target = dynamic_cast<MemoryInode*>(&target_inode);
    if (!target || target->m_core != m_core)
        return Errno::exdev;
    MutexLocker lock(m_core->mutex);
    target->shares_lock();
    TRY(check_live_directory_locked());
    if (target->m_type == FileType::directory)
        return Errno::eperm;
    if (target->m_link_count == 0)
        return Errno::enoent;
    if (m_children.find(name) != m_children.end())
        return Errno::eexist;
    m_children.emplace(std::string(name), std::static_pointer_cast<MemoryInode>(target->shared_from_this()));
    ++target->m_link_count;
    target->m_change_time = now_realtime();
    touch_modified_locked();
    return {};
}

void MemoryInode::detach_locked(MemoryInode& child) {
    child.shares_lock();
    if (child.m_type == FileType::directory) {
        child.m_link_count = 0;
        --m_link_count;
    } else {
        --child.m_link_count;
    }
    child.m_change_time = now_realtime();
}

ErrorOr<void> MemoryInode::unlink(std::string_view name) {
    std::shared_ptr<MemoryInode> doomed;  // released after the lock, so its destructor runs unlocked
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::directory)
        return Errno::enotdir;
    auto it = m_children.find(name);
    if (it == m_children.end())
        return Errno::enoent;
    if (it->second->m_type == FileType::directory)
        return Errno::eisdir;
    doomed = it->second;
    detach_locked(*doomed);
    m_children.erase(it);
    touch_modified_locked();
    return {};
}

ErrorOr<void> MemoryInode::remove_directory(std::string_view name) {
    std::shared_ptr<MemoryInode> doomed;
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::directory)
        return Errno::enotdir;
    auto it = m_children.find(name);
    if (it == m_children.end())
        return Errno::enoent;
    if (it->second->m_type != FileType::directory)
        return Errno::enotdir;
    it->second->shares_lock();
    if (!it->second->m_children.empty())
        return Errno::enotempty;
    doomed = it->second;
    detach_locked(*doomed);
    m_children.erase(it);
    touch_modified_locked();
    return {};
}

ErrorOr<void> MemoryInode::rename(std::string_view old_name, Inode& new_parent_inode, std::string_view new_name) {
    auto* new_parent = dynamic_cast<MemoryInode*>(&new_parent_inode);
    if (!new_parent || new_parent->m_core != m_core)
        return Errno::exdev;
    std::shared_ptr<MemoryInode> replaced;
    MutexLocker lock(m_core->mutex);
    new_parent->shares_lock();
    if (m_type != FileType::directory)
        return Errno::enotdir;
    TRY(new_parent->check_live_directory_locked());
    auto old_it = m_children.find(old_name);
    if (old_it == m_children.end())
        return Errno::enoent;
    std::shared_ptr<MemoryInode> moving = old_it->second;
    moving->shares_lock();
    bool moving_directory = moving->m_type == FileType::directory;
    // rename(2): a directory cannot become its own descendant. Checked on the tree itself, so a
    // stale path (a cwd inside a renamed directory) cannot trick it.
    if (moving_directory && new_parent->is_within_locked(*moving))
        return Errno::einval;
    auto new_it = new_parent->m_children.find(new_name);
    if (new_it != new_parent->m_children.end()) {
        if (new_it->second == moving)
            return {};  // both names are the same file: rename(2) does nothing
        new_it->second->shares_lock();
        bool target_directory = new_it->second->m_type == FileType::directory;
        if (moving_directory && !target_directory)
            return Errno::enotdir;
        if (!moving_directory && target_directory)
            return Errno::eisdir;
        if (target_directory && !new_it->second->m_children.empty())
            return Errno::enotempty;
        replaced = new_it->second;
        new_parent->detach_locked(*replaced);
        new_parent->m_children.erase(new_it);
    }
    m_children.erase(old_it);
    new_parent->m_children.emplace(std::string(new_name), moving);
    if (moving_directory && new_parent != this) {
        --m_link_count;
        ++new_parent->m_link_count;
    }
    if (moving_directory) {
        moving->m_parent = std::static_pointer_cast<MemoryInode>(new_parent->shared_from_this());
        moving->m_name = std::string(new_name);
    }
    moving->m_change_time = now_realtime();
    touch_modified_locked();
    new_parent->touch_modified_locked();
    return {};
}

ErrorOr<std::vector<DirEntry>> MemoryInode::read_directory() {
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::directory)
        return Errno::enotdir;
    std::vector<DirEntry> entries;
    entries.reserve(m_children.size());
    for (const auto& [name, child] : m_children)
        entries.push_back({name, child->m_type, child->m_inode_number});
    m_access_time = now_realtime();
    return entries;
}

ErrorOr<std::string> MemoryInode::read_link() {
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::symlink)
        return Errno::einval;
    return m_link_target;
}

ErrorOr<size_t> MemoryInode::read_at(uint64_t offset, std::span<std::byte> buffer) {
    MutexLocker lock(m_core->mutex);
    if (m_type == FileType::directory)
        return Errno::eisdir;
    if (m_type != FileType::regular)
        return Errno::einval;
    m_access_time = now_realtime();
    if (offset >= m_data.size())
        return size_t{0};
    size_t count = std::min<uint64_t>(buffer.size(), m_data.size() - offset);
    std::memcpy(buffer.data(), m_data.data() + offset, count);
    return count;
}

ErrorOr<void> MemoryInode::resize_locked(uint64_t size) {
    if (size > k_max_file_size)
        return Errno::efbig;
    uint64_t old_size = m_data.size();
    if (size > old_size) {
        uint64_t growth = size - old_size;
        uint64_t used = m_core->used_bytes.load(std::memory_order_relaxed);
        if (used + growth > m_core->capacity_bytes)
            return Errno::enospc;
        m_data.resize(size);
        m_core->used_bytes.fetch_add(growth, std::memory_order_relaxed);
    } else {
        m_data.resize(size);
        m_core->used_bytes.fetch_sub(old_size - size, std::memory_order_relaxed);
    }
    return {};
}

ErrorOr<WriteResult> MemoryInode::write_at(uint64_t offset, std::span<const std::byte> data, bool append) {
    MutexLocker lock(m_core->mutex);
    if (m_type == FileType::directory)
        return Errno::eisdir;
    if (m_type != FileType::regular)
        return Errno::einval;
    if (append)
        offset = m_data.size();
    if (offset > k_max_file_size || data.size() > k_max_file_size - offset)
        return Errno::efbig;
    uint64_t end = offset + data.size();
    if (end > m_data.size())
        TRY(resize_locked(end));
    if (!data.empty())
        std::memcpy(m_data.data() + offset, data.data(), data.size());
    touch_modified_locked();
    return WriteResult{data.size(), end};
}

ErrorOr<void> MemoryInode::truncate(uint64_t size) {
    MutexLocker lock(m_core->mutex);
    if (m_type == FileType::directory)
        return Errno::eisdir;
    if (m_type != FileType::regular)
        return Errno::einval;
    TRY(resize_locked(size));
    touch_modified_locked();
    return {};
}

ErrorOr<void> MemoryInode::change_mode(uint32_t permissions) {
    MutexLocker lock(m_core->mutex);
    m_permissions = permissions & k_permission_mask;
    m_change_time = now_realtime();
    return {};
}

ErrorOr<void> MemoryInode::change_owner(std::optional<uint32_t> uid, std::optional<uint32_t> gid) {
    MutexLocker lock(m_core->mutex);
    if (uid)
        m_uid = *uid;
    if (gid)
        m_gid = *gid;
    m_change_time = now_realtime();
    return {};
}

ErrorOr<void> MemoryInode::set_times(std::optional<Timespec> access_time, std::optional<Timespec> modify_time) {
    MutexLocker lock(m_core->mutex);
    if (access_time)
        m_access_time = *access_time;
    if (modify_time)
        m_modify_time = *modify_time;
    m_change_time = now_realtime();
    return {};
}

bool MemoryInode::is_within_locked(const MemoryInode& ancestor) const {
    const MemoryInode* current = this;
    std::shared_ptr<MemoryInode> holder;  // keeps each parent alive while we look at it
    while (current) {
        if (current == &ancestor)
            return true;
        current->shares_lock();
        holder = current->m_parent.lock();
        current = holder.get();
    }
    return false;
}

std::shared_ptr<Inode> MemoryInode::parent_directory() {
    MutexLocker lock(m_core->mutex);
    if (m_type != FileType::directory || m_link_count == 0)
        return nullptr;
    return m_parent.lock();
}

std::string MemoryInode::directory_name() {
    MutexLocker lock(m_core->mutex);
    return m_name;
}

void MemoryInode::touch_modified_locked() { m_modify_time = m_change_time = now_realtime(); }

MemoryFileSystem::MemoryFileSystem(MemoryFileSystemOptions options) : m_core(std::make_shared<MemoryFsCore>()) {
    m_core->capacity_bytes = options.capacity_bytes;
    m_core->max_inodes = options.max_inodes;
    m_core->device_id = device_id();
    m_core->filesystem = this;
    m_root = MemoryInode::make_root(m_core, options.root_permissions);
}

MemoryFileSystem::~MemoryFileSystem() { m_core->filesystem = nullptr; }

ErrorOr<StatFs> MemoryFileSystem::statfs() {
    StatFs result;
    result.type = 0x01021994;  // TMPFS_MAGIC
    result.block_size = 4096;
    result.blocks = m_core->capacity_bytes / 4096;
    uint64_t used_blocks = (m_core->used_bytes.load() + 4095) / 4096;
    result.blocks_free = result.blocks > used_blocks ? result.blocks - used_blocks : 0;
    result.blocks_available = result.blocks_free;
    result.files = m_core->max_inodes;
    result.files_free = m_core->max_inodes - std::min(m_core->max_inodes, m_core->inode_count.load());
    return result;
}

}  // namespace secure_exec::kernel

namespace secure_exec {

std::shared_ptr<FileSystem> make_memory_filesystem(MemoryFileSystemOptions options) {
    return std::make_shared<kernel::MemoryFileSystem>(options);
}

}  // namespace secure_exec
