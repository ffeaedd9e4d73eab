#include "fs/synthetic/synthetic_inodes.h"

#include <algorithm>
#include <cstring>

#include <secure_exec/open_flags.h>

#include "util/clock.h"

namespace secure_exec::kernel {

SyntheticInode::SyntheticInode(FileSystem& filesystem, SyntheticAttributes attributes)
    : m_filesystem(filesystem), m_attributes(attributes), m_created(now_realtime()) {}

ErrorOr<Stat> SyntheticInode::stat() {
    Stat status;
    status.device = m_filesystem.device_id();
    status.inode = m_attributes.inode;
    status.type = m_attributes.type;
    status.permissions = m_attributes.permissions;
    status.link_count = m_attributes.type == FileType::directory ? 2 : 1;
    status.rdev = m_attributes.rdev;
    status.block_size = 1024;
    status.access_time = status.modify_time = status.change_time = status.birth_time = m_created;
    return status;
}

SyntheticDirectory::SyntheticDirectory(FileSystem& filesystem, uint64_t inode, uint32_t permissions)
    : SyntheticInode(filesystem, {.type = FileType::directory, .permissions = permissions, .inode = inode}) {}

void SyntheticDirectory::add(std::string name, std::shared_ptr<Inode> child) {
    m_children.insert_or_assign(std::move(name), std::move(child));
}

void SyntheticDirectory::set_dynamic(DynamicLookup lookup, DynamicList list) {
    m_dynamic_lookup = std::move(lookup);
    m_dynamic_list = std::move(list);
}

ErrorOr<std::shared_ptr<Inode>> SyntheticDirectory::lookup(std::string_view name) {
    auto it = m_children.find(name);
    if (it != m_children.end())
        return it->second;
    if (m_dynamic_lookup)
        return m_dynamic_lookup(name);
    return Errno::enoent;
}

ErrorOr<std::vector<DirEntry>> SyntheticDirectory::read_directory() {
    std::vector<DirEntry> entries;
    for (const auto& [name, child] : m_children) {
        auto status = TRY(child->stat());
        entries.push_back({name, status.type, status.inode});
    }
    if (m_dynamic_list) {
        for (auto& entry : m_dynamic_list())
            entries.push_back(std::move(entry));
    }
    return entries;
}

SyntheticSymlink::SyntheticSymlink(FileSystem& filesystem, uint64_t inode, Target target)
    : SyntheticInode(filesystem, {.type = FileType::symlink, .permissions = 0777, .inode = inode}),
      m_target(std::move(target)) {}

GeneratedFileInode::GeneratedFileInode(FileSystem& filesystem, uint64_t inode, Generator generator, std::string path)
    : SyntheticInode(filesystem, {.type = FileType::regular, .permissions = 0444, .inode = inode}),
      m_generator(std::move(generator)),
      m_path(std::move(path)) {}

ErrorOr<std::shared_ptr<File>> GeneratedFileInode::open_special(int flags) {
    if ((flags & flags::o_accmode) != flags::o_rdonly)
        return Errno::eacces;
    auto content = TRY(m_generator());
    auto status = TRY(stat());
    return std::static_pointer_cast<File>(std::make_shared<SnapshotFile>(std::move(content), status, m_path));
}

SnapshotFile::SnapshotFile(std::string content, Stat status, std::string path)
    : m_content(std::move(content)), m_status(status), m_path(std::move(path)) {}

ErrorOr<size_t> SnapshotFile::read(IoContext&, uint64_t offset, std::span<std::byte> buffer) {
    if (offset >= m_content.size())
        return size_t{0};
    size_t count = std::min<uint64_t>(buffer.size(), m_content.size() - offset);
    std::memcpy(buffer.data(), m_content.data() + offset, count);
    return count;
}

}  // namespace secure_exec::kernel
