// inode_file.h — InodeFile: an open regular file or directory, reading and writing its inode.
// Thread safety: immutable after construction; the inode guards its own data.
#pragma once

#include <memory>
#include <string>

#include "file/file.h"
#include "vfs/vfs.h"

namespace secure_exec::kernel {

class InodeFile final : public File {
public:
    InodeFile(Location location, FileType type);

    const Location& location() const { return m_location; }

    // ^File
    bool is_seekable() const override { return true; }
    ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                               bool append) override;
    ErrorOr<Stat> stat() override { return m_location.inode->stat(); }
    ErrorOr<void> truncate(uint64_t size) override;
    ErrorOr<std::vector<DirEntry>> read_directory() override;
    std::shared_ptr<Inode> inode() override { return m_location.inode; }
    std::string link_text() const override { return m_location.path; }

private:
    const Location m_location;
    const FileType m_type;
};

}  // namespace secure_exec::kernel
