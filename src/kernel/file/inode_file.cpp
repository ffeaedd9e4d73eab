#include "file/inode_file.h"

namespace secure_exec::kernel {

InodeFile::InodeFile(Location location, FileType type) : m_location(std::move(location)), m_type(type) {}

ErrorOr<size_t> InodeFile::read(IoContext&, uint64_t offset, std::span<std::byte> buffer) {
    if (m_type == FileType::directory)
        return Errno::eisdir;
    return m_location.inode->read_at(offset, buffer);
}

ErrorOr<WriteResult> InodeFile::write(IoContext&, uint64_t offset, std::span<const std::byte> data, bool append) {
    if (m_type == FileType::directory)
        return Errno::eisdir;
    return m_location.inode->write_at(offset, data, append);
}

ErrorOr<void> InodeFile::truncate(uint64_t size) {
    if (m_type == FileType::directory)
        return Errno::eisdir;
    return m_location.inode->truncate(size);
}

ErrorOr<std::vector<DirEntry>> InodeFile::read_directory() {
    if (m_type != FileType::directory)
        return Errno::enotdir;
    return m_location.inode->read_directory();
}

}  // namespace secure_exec::kernel
