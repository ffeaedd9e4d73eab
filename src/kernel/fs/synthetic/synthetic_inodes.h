// synthetic_inodes.h — building blocks for filesystems the kernel generates (/dev, /proc).
//
// SyntheticDirectory: a fixed set of children, plus an optional callback for dynamic names and
// listings. SyntheticSymlink: a link whose target is computed when read. GeneratedFileInode: a
// read-only file whose content is produced when it is opened (a snapshot, as /proc files are).
// Nothing here can be created, renamed or removed by a guest.
// Thread safety: children are fixed after construction; callbacks guard what they read.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <secure_exec/vfs.h>

#include "file/file.h"

namespace secure_exec::kernel {

// Common stat fields of a synthetic inode.
struct SyntheticAttributes {
    FileType type{FileType::regular};
    uint32_t permissions{0444};
    uint64_t inode{0};
    uint64_t rdev{0};
};

class SyntheticInode : public Inode {
public:
    SyntheticInode(FileSystem& filesystem, SyntheticAttributes attributes);
    FileSystem& filesystem() override { return m_filesystem; }
    ErrorOr<Stat> stat() override;

protected:
    const SyntheticAttributes& attributes() const { return m_attributes; }

private:
    FileSystem& m_filesystem;
    const SyntheticAttributes m_attributes;
    const Timespec m_created;
};

class SyntheticDirectory final : public SyntheticInode {
public:
    using DynamicLookup = std::function<ErrorOr<std::shared_ptr<Inode>>(std::string_view)>;
    using DynamicList = std::function<std::vector<DirEntry>()>;

    SyntheticDirectory(FileSystem& filesystem, uint64_t inode, uint32_t permissions = 0555);
    // Preconditions: called during construction of the filesystem only.
    void add(std::string name, std::shared_ptr<Inode> child);
    void set_dynamic(DynamicLookup lookup, DynamicList list);

    // ^Inode
    ErrorOr<std::shared_ptr<Inode>> lookup(std::string_view name) override;
    ErrorOr<std::vector<DirEntry>> read_directory() override;
    ErrorOr<std::shared_ptr<Inode>> create(std::string_view, const NewInode&) override { return Errno::eperm; }
    ErrorOr<void> unlink(std::string_view) override { return Errno::eperm; }
    ErrorOr<void> remove_directory(std::string_view) override { return Errno::eperm; }

private:
    std::map<std::string, std::shared_ptr<Inode>, std::less<>> m_children;
    DynamicLookup m_dynamic_lookup;
    DynamicList m_dynamic_list;
};

class SyntheticSymlink : public SyntheticInode {
public:
    using Target = std::function<ErrorOr<std::string>()>;
    SyntheticSymlink(FileSystem& filesystem, uint64_t inode, Target target);
    ErrorOr<std::string> read_link() override { return m_target(); }

private:
    const Target m_target;
};

class GeneratedFileInode final : public SyntheticInode {
public:
    using Generator = std::function<ErrorOr<std::string>()>;
    GeneratedFileInode(FileSystem& filesystem, uint64_t inode, Generator generator, std::string path);
    ErrorOr<std::shared_ptr<File>> open_special(int flags) override;

private:
    const Generator m_generator;
    const std::string m_path;
};

// A file whose bytes were fixed at open.
class SnapshotFile final : public File {
public:
    SnapshotFile(std::string content, Stat status, std::string path);
    bool is_seekable() const override { return true; }
    ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) override;
    ErrorOr<WriteResult> write(IoContext&, uint64_t, std::span<const std::byte>, bool) override {
        return Errno::ebadf;
    }
    ErrorOr<Stat> stat() override { return m_status; }
    std::string link_text() const override { return m_path; }

private:
    const std::string m_content;
    const Stat m_status;
    const std::string m_path;
};

}  // namespace secure_exec::kernel
