#include "vfs/vfs.h"

#include <deque>

#include "file/file.h"
#include "file/open_file_description.h"
#include "vfs/access.h"
#include "vfs/path.h"

namespace secure_exec::kernel {

struct Vfs::Walk {
    Location current;
    std::deque<std::string> pending;
    uint32_t hops{0};
    bool done{false};
};

Vfs::Vfs(std::shared_ptr<FileSystem> root_filesystem, const KernelLimits& limits) : m_limits(limits) {
    auto root_inode = root_filesystem->root();
    m_root_mount = std::make_shared<const Mount>(Mount{"/", std::move(root_filesystem), std::move(root_inode), false});
}

ErrorOr<void> Vfs::mount(std::string_view path, std::shared_ptr<FileSystem> filesystem, bool read_only) {
    std::string canonical = normalize_path(path);
    if (canonical == "/")
        return Errno::ebusy;
    auto root_inode = filesystem->root();
    auto entry = std::make_shared<const Mount>(Mount{canonical, std::move(filesystem), std::move(root_inode), read_only});
    MutexLocker lock(m_mutex);
    if (m_mounts.contains(canonical))
        return Errno::ebusy;
    m_mounts.emplace(canonical, std::move(entry));
    return {};
}

std::vector<std::shared_ptr<const Mount>> Vfs::mounts() const {
    std::vector<std::shared_ptr<const Mount>> result{m_root_mount};
    MutexLocker lock(m_mutex);
    for (const auto& [path, entry] : m_mounts)
        result.push_back(entry);
    return result;
}

Location Vfs::root_location() const { return Location{m_root_mount->root, "/", m_root_mount, nullptr}; }

std::shared_ptr<const Mount> Vfs::mount_at(const std::string& path) const {
    MutexLocker lock(m_mutex);
    if (m_mounts.empty())
        return nullptr;
    auto it = m_mounts.find(path);
    return it == m_mounts.end() ? nullptr : it->second;
}

std::string Vfs::current_path(const Location& location) const {
    if (!location.mount || !location.inode)
        return location.path;
    std::vector<std::string> names;
    std::shared_ptr<Inode> inode = location.inode;
    constexpr size_t k_max_depth = 4096;
    while (inode != location.mount->root) {
        std::string name = inode->directory_name();
        auto parent = inode->parent_directory();
        if (!parent || name.empty() || names.size() > k_max_depth)
            return location.path;  // not tracked (or removed): the path we have is the best we know
        names.push_back(std::move(name));
        inode = std::move(parent);
    }
    std::string path = location.mount->path;
    for (auto it = names.rbegin(); it != names.rend(); ++it)
        path = join_path(path, *it);
    return path;
}

ErrorOr<Location> Vfs::parent_of(const Location& location) const {
    if (location.path == "/")
        return root_location();
    bool at_mount_root = location.mount && location.inode == location.mount->root;
    if (!at_mount_root && location.inode) {
        if (auto parent = location.inode->parent_directory()) {
            Location result{parent, "", location.mount, nullptr};
            result.path = current_path(result);
            return result;
        }
    }
    // Canonical paths hold no symlinks, so the lexical parent is the physical one.
    return lookup(PathContext{.credentials = Credentials{0, 0}}, parent_path(location.path), false);
}

ErrorOr<Location> Vfs::lookup(const PathContext& context, std::string_view path, bool follow_final) const {
    auto resolved = TRY(resolve(context, path, {.follow_final = follow_final}));
    return std::move(*resolved.target);
}

ErrorOr<Resolved> Vfs::resolve(const PathContext& context, std::string_view path, ResolveOptions options) const {
    if (path.empty())
        return Errno::enoent;
    if (path.find('\0') != std::string_view::npos)
        return Errno::einval;
    if (path.size() >= m_limits.max_path_bytes)
        return Errno::enametoolong;
    Resolved result;
    result.trailing_slash = path.back() == '/';
    Walk walk;
    if (path.front() == '/' || !context.base) {
        walk.current = root_location();
    } else {
        walk.current = *context.base;
        walk.current.path = current_path(walk.current);
    }
    for (std::string_view part : split_path(path))
        walk.pending.emplace_back(part);
    if (result.trailing_slash && options.trailing_slash_follows)
        options.follow_final = true;  // "link/" names the directory the link points to
    while (!walk.pending.empty() && !walk.done) {
        std::string name = std::move(walk.pending.front());
        walk.pending.pop_front();
        TRY(step(context, walk, name, walk.pending.empty(), options, result));
    }
    if (!walk.done) {
        result.parent = walk.current;
        result.target = walk.current;
    }
    if (result.trailing_slash && result.target) {
        auto status = TRY(result.target->inode ? result.target->inode->stat() : result.target->description->file().stat());
        if (!status.is_directory())
            return Errno::enotdir;
    }
    return result;
}

ErrorOr<void> Vfs::step(const PathContext& context, Walk& walk, std::string_view name, bool is_final,
                        ResolveOptions options, Resolved& result) const {
    auto directory = TRY(walk.current.inode->stat());
    if (!directory.is_directory())
        return Errno::enotdir;
    TRY(check_access(context.credentials, directory, static_cast<uint8_t>(Access::execute)));
    if (name == "." || name == "..") {
        if (name == "..")
            walk.current = TRY(parent_of(walk.current));
        if (is_final) {
            result.parent = walk.current;
            result.name = std::string(name);
        }
        return {};
    }
    if (name.size() > m_limits.max_name_bytes)
        return Errno::enametoolong;
    std::string child_path = join_path(walk.current.path, name);
    Location child;
    if (auto mounted = mount_at(child_path)) {
        child = Location{mounted->root, child_path, mounted, nullptr};
    } else {
        auto found = walk.current.inode->lookup(name);
        if (found.is_error()) {
            if (found.error() != Errno::enoent || !is_final || !options.allow_missing)
                return found.error();
            result.parent = walk.current;
            result.name = std::string(name);
            walk.done = true;
            return {};
        }
        child = Location{found.release_value(), child_path, walk.current.mount, nullptr};
    }
    auto child_status = TRY(child.inode->stat());
    if (child_status.is_symlink() && (!is_final || options.follow_final)) {
        if (++walk.hops > m_limits.max_symlink_hops)
            return Errno::eloop;
        std::string target;
        if (auto* magic = dynamic_cast<DescriptionLink*>(child.inode.get())) {
            auto description = magic->description();
            if (!description)
                return Errno::ebadf;
            if (is_final) {
                result.parent = walk.current;
                result.name = std::string(name);
                result.target = Location{description->file().inode(), description->path(), nullptr, description};
                walk.done = true;
                return {};
            }
            target = description->path();
        } else if (auto* relative = dynamic_cast<ProcessRelativeLink*>(child.inode.get())) {
            target = relative->target_for(context.pid);
        } else {
            target = TRY(child.inode->read_link());
        }
        if (target.empty())
            return Errno::enoent;
        auto parts = split_path(target);
        for (auto it = parts.rbegin(); it != parts.rend(); ++it)
            walk.pending.emplace_front(*it);
        if (target.front() == '/')
            walk.current = root_location();
        return {};
    }
    if (is_final) {
        result.parent = walk.current;
        result.name = std::string(name);
        result.target = child;
        walk.done = true;
    }
    walk.current = std::move(child);
    return {};
}

}  // namespace secure_exec::kernel
