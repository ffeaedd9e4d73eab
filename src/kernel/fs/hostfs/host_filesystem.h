// host_filesystem.h — HostFileSystem: a host directory shown to the guest as a filesystem.
//
// Security model: the filesystem keeps one O_PATH fd of the host directory. Every host access is
// openat2(root_fd, relative_path, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)
// followed by fd-based calls, or a single-component *at() call (never following a symlink)
// relative to a directory fd obtained that way. The host kernel then refuses "..", absolute
// paths and every symlink during resolution, so neither the guest nor a concurrent change of the
// tree on the host can make us touch a file outside it. Host symlinks are still shown to the
// guest: read_link() returns text that the guest's own path walker follows inside the guest VFS,
// and refuses (EACCES) links that point outside the tree.
//
// Ownership: each HostInode holds a shared_ptr to its HostFileSystem, so the root fd lives as
// long as any inode; the filesystem holds its root inode only weakly, so there is no cycle.
//
//   auto filesystem = TRY(make_host_filesystem("/srv/app", MountMode::read_only, {1000, 1000}));
//   auto file = TRY(filesystem->root()->lookup("package.json"));
//   size_t bytes = TRY(file->read_at(0, buffer));
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <secure_exec/vfs.h>

#include "sync/mutex.h"

namespace secure_exec::kernel {

// Owns one host file descriptor and closes it. Move-only.
// Thread safety: confined to its owner; shared fds (the mount root) are const and only read.
class UniqueFd final {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        reset(other.release());
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }
    void reset(int fd = -1);

private:
    int m_fd{-1};
};

// Thread safety: immutable after construction except the root-inode cache, guarded by m_mutex.
// The root fd is only ever used as the base of openat2/fstatfs, which do not change its state.
class HostFileSystem final : public FileSystem, public std::enable_shared_from_this<HostFileSystem> {
public:
    static ErrorOr<std::shared_ptr<HostFileSystem>> create(const std::string& host_path, MountMode mode,
                                                           Credentials owner);

    // ^FileSystem
    std::shared_ptr<Inode> root() override EXCLUDES(m_mutex);
    ErrorOr<StatFs> statfs() override;
    std::string_view type_name() const override { return "hostfs"; }

    bool is_read_only() const { return m_mode == MountMode::read_only; }
    const Credentials& owner() const { return m_owner; }

    // Opens `relative_path` ("" is the root) beneath the host root with openat2, refusing "..",
    // absolute paths and symlinks in every component. A trailing symlink is only returned for
    // O_PATH | O_NOFOLLOW; otherwise it fails with ELOOP. O_CLOEXEC is always added.
    // Preconditions: `relative_path` has no "." or ".." components and no empty ones.
    ErrorOr<UniqueFd> open_beneath(const std::string& relative_path, uint64_t flags, uint32_t mode = 0) const;

    // Turns the text of a host symlink in `link_directory` (relative to the root) into the text
    // the guest sees: relative targets unchanged, absolute ones inside the tree rewritten as
    // relative ones; EACCES for targets outside the tree.
    ErrorOr<std::string> guest_link_target(std::string_view link_directory, std::string_view host_target) const;
    // Whether a guest may create a symlink with this text in `link_directory`: only relative
    // targets that stay inside the tree (EACCES otherwise), so no link we write leads out of it.
    ErrorOr<void> check_new_link_target(std::string_view link_directory, std::string_view target) const;

private:
    HostFileSystem(UniqueFd root_fd, std::string canonical_root, MountMode mode, Credentials owner);

    const UniqueFd m_root_fd;
    // realpath() of the host directory, split into components; used only to recognise absolute
    // symlink targets that point inside the tree.
    const std::vector<std::string> m_canonical_root;
    const MountMode m_mode;
    const Credentials m_owner;

    Mutex m_mutex;
    // Weak: the root inode holds the filesystem. Kept so root() returns one object while in use.
    std::weak_ptr<Inode> m_root GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
