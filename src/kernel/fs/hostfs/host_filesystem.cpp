// HostFileSystem: the root fd, openat2 confinement, statfs and the symlink-target policy.
#include "fs/hostfs/host_filesystem.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "fs/hostfs/host_inode.h"

namespace secure_exec::kernel {
namespace {

constexpr uint64_t k_st_rdonly = 1;  // ST_RDONLY in statfs f_flags
// openat2 with RESOLVE_BENEATH may fail with EAGAIN when a rename races the lookup; retry a few times.
constexpr int k_open_attempts = 4;

// Splits a path into components, dropping empty ones and ".".
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> components;
    while (!path.empty()) {
        size_t slash = path.find('/');
        std::string_view component = path.substr(0, slash);
        if (!component.empty() && component != ".")
            components.push_back(component);
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return components;
}

// Walks `path` lexically from `stack`. Returns false if a ".." would climb above where `stack`
// started (the mount root), which is what "escaping the tree" means for a relative target.
bool walk_lexically(std::vector<std::string_view>& stack, std::string_view path) {
    for (std::string_view component : split_path(path)) {
        if (component != "..") {
            stack.push_back(component);
        } else if (stack.empty()) {
            return false;
        } else {
            stack.pop_back();
        }
    }
    return true;
}

// Lexically normalised components of an absolute path; ".." at "/" stays at "/", as the kernel does.
std::vector<std::string_view> normalize_absolute(std::string_view path) {
    std::vector<std::string_view> stack;
    for (std::string_view component : split_path(path)) {
        if (component != "..")
            stack.push_back(component);
        else if (!stack.empty())
            stack.pop_back();
    }
    return stack;
}

std::vector<std::string> to_strings(const std::vector<std::string_view>& views) {
    return {views.begin(), views.end()};
}

}  // namespace

void UniqueFd::reset(int fd) {
    if (m_fd >= 0 && m_fd != fd)
        ::close(m_fd);
    m_fd = fd;
}

HostFileSystem::HostFileSystem(UniqueFd root_fd, std::string canonical_root, MountMode mode, Credentials owner)
    : m_root_fd(std::move(root_fd)),
      m_canonical_root(to_strings(split_path(canonical_root))),
      m_mode(mode),
      m_owner(owner) {}

ErrorOr<std::shared_ptr<HostFileSystem>> HostFileSystem::create(const std::string& host_path, MountMode mode,
                                                                 Credentials owner) {
    if (host_path.empty())
        return Errno::enoent;
    // The mount's own path comes from the embedder, not the guest: a plain open is right here.
    int fd = ::open(host_path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno_from_linux(errno);
    UniqueFd root_fd{fd};
    std::unique_ptr<char, decltype(&std::free)> canonical{::realpath(host_path.c_str(), nullptr), &std::free};
    if (!canonical)
        return errno_from_linux(errno);
    return std::shared_ptr<HostFileSystem>(new HostFileSystem(std::move(root_fd), canonical.get(), mode, owner));
}

std::shared_ptr<Inode> HostFileSystem::root() {
    MutexLocker locker(m_mutex);
    if (auto existing = m_root.lock())
        return existing;
    auto fresh = std::make_shared<HostInode>(shared_from_this(), std::string{});
    m_root = fresh;
    return fresh;
}

ErrorOr<StatFs> HostFileSystem::statfs() {
    struct statfs host {};
    if (::fstatfs(m_root_fd.get(), &host) < 0)
        return errno_from_linux(errno);
    StatFs result;
    result.type = static_cast<uint64_t>(host.f_type);
    result.block_size = static_cast<uint64_t>(host.f_bsize);
    result.blocks = host.f_blocks;
    result.blocks_free = host.f_bfree;
    result.blocks_available = host.f_bavail;
    result.files = host.f_files;
    result.files_free = host.f_ffree;
    result.name_max = static_cast<uint64_t>(host.f_namelen);
    bool host_read_only = (static_cast<uint64_t>(host.f_flags) & k_st_rdonly) != 0;
    result.flags = (is_read_only() || host_read_only) ? k_st_rdonly : 0;
    return result;
}

ErrorOr<UniqueFd> HostFileSystem::open_beneath(const std::string& relative_path, uint64_t flags,
                                               uint32_t mode) const {
    open_how how{};
    how.flags = flags | O_CLOEXEC;
    how.mode = mode;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const char* path = relative_path.empty() ? "." : relative_path.c_str();
    for (int attempt = 1;; ++attempt) {
        long fd = ::syscall(SYS_openat2, m_root_fd.get(), path, &how, sizeof(how));
        if (fd >= 0)
            return UniqueFd{static_cast<int>(fd)};
        if ((errno == EINTR || errno == EAGAIN) && attempt < k_open_attempts)
            continue;
        return errno_from_linux(errno);
    }
}

ErrorOr<std::string> HostFileSystem::guest_link_target(std::string_view link_directory,
                                                       std::string_view host_target) const {
    if (!host_target.starts_with('/')) {
        std::vector<std::string_view> stack = split_path(link_directory);
        if (!walk_lexically(stack, host_target))
            return Errno::eacces;
        return std::string(host_target);
    }
    std::vector<std::string_view> target = normalize_absolute(host_target);
    if (target.size() < m_canonical_root.size() ||
        !std::equal(m_canonical_root.begin(), m_canonical_root.end(), target.begin()))
        return Errno::eacces;
    // Climb from the link's directory to the mount root, then descend to the target.
    std::string text;
    for (size_t depth = split_path(link_directory).size(); depth > 0; --depth)
        text.append(text.empty() ? std::string_view("..") : std::string_view("/.."));
    for (size_t i = m_canonical_root.size(); i < target.size(); ++i) {
        if (!text.empty())
            text += '/';
        text += target[i];
    }
    if (text.empty())
        text = ".";
    if (host_target.ends_with('/'))
        text += '/';  // keeps "must be a directory"
    return text;
}

ErrorOr<void> HostFileSystem::check_new_link_target(std::string_view link_directory, std::string_view target) const {
    if (target.empty())
        return Errno::enoent;  // as symlink(2)
    if (target.find('\0') != std::string_view::npos)
        return Errno::einval;
    // An absolute target would mean the guest's root to the guest but the host's root to anyone
    // on the host, so it is refused rather than translated.
    if (target.starts_with('/'))
        return Errno::eacces;
    std::vector<std::string_view> stack = split_path(link_directory);
    if (!walk_lexically(stack, target))
        return Errno::eacces;
    return {};
}

}  // namespace secure_exec::kernel

namespace secure_exec {

ErrorOr<std::shared_ptr<FileSystem>> make_host_filesystem(const std::string& host_path, MountMode mode,
                                                          Credentials owner) {
    std::shared_ptr<FileSystem> filesystem = TRY(kernel::HostFileSystem::create(host_path, mode, owner));
    return filesystem;
}

}  // namespace secure_exec
