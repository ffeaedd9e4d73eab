#include "fs/devfs/device_filesystem.h"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "fs/synthetic/synthetic_inodes.h"
#include "tty/terminal_devices.h"

namespace secure_exec::kernel {

namespace {

enum class DeviceKind : uint8_t { null, zero, full, random, tty, ptmx };

constexpr uint64_t make_rdev(uint32_t major, uint32_t minor) { return (uint64_t{major} << 8) | minor; }

// What reading and writing a memory device does (drivers/char/mem.c).
class DeviceFile final : public File {
public:
    DeviceFile(DeviceKind kind, Stat status, std::string path)
        : m_kind(kind), m_status(status), m_path(std::move(path)) {}

    bool is_seekable() const override { return true; }  // lseek succeeds and means nothing

    ErrorOr<size_t> read(IoContext&, uint64_t, std::span<std::byte> buffer) override {
        switch (m_kind) {
        case DeviceKind::null:
            return size_t{0};
        case DeviceKind::random:
            return fill_random(buffer);
        default:
            std::memset(buffer.data(), 0, buffer.size());
            return buffer.size();
        }
    }

    ErrorOr<WriteResult> write(IoContext&, uint64_t offset, std::span<const std::byte> data, bool) override {
        if (m_kind == DeviceKind::full)
            return Errno::enospc;
        return WriteResult{data.size(), offset};
    }

    ErrorOr<Stat> stat() override { return m_status; }
    ErrorOr<void> truncate(uint64_t) override { return {}; }
    std::string link_text() const override { return m_path; }

private:
    static ErrorOr<size_t> fill_random(std::span<std::byte> buffer) {
        size_t done = 0;
        while (done < buffer.size()) {
            ssize_t got = getrandom(buffer.data() + done, buffer.size() - done, 0);
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return errno_from_linux(errno);
            }
            done += static_cast<size_t>(got);
        }
        return done;
    }

    const DeviceKind m_kind;
    const Stat m_status;
    const std::string m_path;
};

class DeviceInode : public SyntheticInode {
public:
    DeviceInode(FileSystem& filesystem, uint64_t inode, DeviceKind kind, uint64_t rdev, std::string path,
                TerminalDevices& terminals)
        : SyntheticInode(filesystem, {.type = FileType::char_device, .permissions = 0666, .inode = inode, .rdev = rdev}),
          m_kind(kind),
          m_path(std::move(path)),
          m_terminals(terminals) {}

    ErrorOr<std::shared_ptr<File>> open_special(int) override {
        if (m_kind == DeviceKind::tty)
            return Errno::enxio;  // the open path asks for the caller's terminal first
        if (m_kind == DeviceKind::ptmx)
            return m_terminals.open_master();
        auto status = TRY(stat());
        return std::static_pointer_cast<File>(std::make_shared<DeviceFile>(m_kind, status, m_path));
    }
    ErrorOr<void> change_mode(uint32_t) override { return {}; }
    ErrorOr<void> change_owner(std::optional<uint32_t>, std::optional<uint32_t>) override { return {}; }
    ErrorOr<void> set_times(std::optional<Timespec>, std::optional<Timespec>) override { return {}; }

private:
    const DeviceKind m_kind;
    const std::string m_path;
    TerminalDevices& m_terminals;
};

class ControllingTerminalInode final : public DeviceInode, public ControllingTerminalDevice {
public:
    using DeviceInode::DeviceInode;
};

// /dev/pts/N: opening it opens that pair's replica.
class ReplicaInode final : public SyntheticInode {
public:
    ReplicaInode(FileSystem& filesystem, int index, TerminalDevices& terminals)
        : SyntheticInode(filesystem, {.type = FileType::char_device,
                                      .permissions = 0620,
                                      .inode = 0x10000u + static_cast<uint64_t>(index),
                                      .rdev = make_rdev(136, static_cast<uint32_t>(index))}),
          m_index(index),
          m_terminals(terminals) {}
    ErrorOr<std::shared_ptr<File>> open_special(int) override { return m_terminals.open_replica(m_index); }
    ErrorOr<Stat> stat() override {
        auto status = TRY(SyntheticInode::stat());
        auto owner = m_terminals.replica_owner(m_index);
        status.uid = owner.uid;
        status.gid = owner.gid;
        return status;
    }
    ErrorOr<void> change_mode(uint32_t) override { return {}; }
    ErrorOr<void> change_owner(std::optional<uint32_t>, std::optional<uint32_t>) override { return {}; }

private:
    const int m_index;
    TerminalDevices& m_terminals;
};

}  // namespace

DeviceFileSystem::DeviceFileSystem(TerminalDevices& terminals)
    : m_root(std::make_shared<SyntheticDirectory>(*this, 1, 0755)) {
    uint64_t next_inode = 2;
    auto device = [&](const char* name, DeviceKind kind, uint32_t major, uint32_t minor) {
        std::string path = std::string("/dev/") + name;
        uint64_t rdev = make_rdev(major, minor);
        if (kind == DeviceKind::tty)
            m_root->add(name, std::make_shared<ControllingTerminalInode>(*this, next_inode++, kind, rdev, path, terminals));
        else
            m_root->add(name, std::make_shared<DeviceInode>(*this, next_inode++, kind, rdev, path, terminals));
    };
    device("null", DeviceKind::null, 1, 3);
    device("zero", DeviceKind::zero, 1, 5);
    device("full", DeviceKind::full, 1, 7);
    device("random", DeviceKind::random, 1, 8);
    device("urandom", DeviceKind::random, 1, 9);
    device("tty", DeviceKind::tty, 5, 0);
    device("ptmx", DeviceKind::ptmx, 5, 2);
    auto link = [&](const char* name, std::string target) {
        m_root->add(name, std::make_shared<SyntheticSymlink>(*this, next_inode++, [target]() -> ErrorOr<std::string> {
            return target;
        }));
    };
    link("stdin", "/proc/self/fd/0");
    link("stdout", "/proc/self/fd/1");
    link("stderr", "/proc/self/fd/2");
    link("fd", "/proc/self/fd");
    auto pts = std::make_shared<SyntheticDirectory>(*this, next_inode++, 0755);
    pts->set_dynamic(
        [this, &terminals](std::string_view name) -> ErrorOr<std::shared_ptr<Inode>> {
            int index = -1;
            auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), index);
            if (error != std::errc{} || end != name.data() + name.size() || index < 0)
                return Errno::enoent;
            auto indices = terminals.replica_indices();
            if (std::find(indices.begin(), indices.end(), index) == indices.end())
                return Errno::enoent;
            return std::static_pointer_cast<Inode>(std::make_shared<ReplicaInode>(*this, index, terminals));
        },
        [&terminals] {
            std::vector<DirEntry> entries;
            for (int index : terminals.replica_indices())
                entries.push_back({std::to_string(index), FileType::char_device, 0x10000u + static_cast<uint64_t>(index)});
            return entries;
        });
    m_root->add("pts", pts);
}

std::shared_ptr<Inode> DeviceFileSystem::root() { return m_root; }

ErrorOr<StatFs> DeviceFileSystem::statfs() {
    StatFs result;
    result.type = 0x01021994;  // devtmpfs reports TMPFS_MAGIC
    return result;
}

}  // namespace secure_exec::kernel
