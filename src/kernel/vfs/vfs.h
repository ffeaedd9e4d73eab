// vfs.h — the kernel's view of the filesystem tree: mounts, locations and path resolution.
//
// Filesystems only answer single-step questions (Inode::lookup); this class walks paths. It
// follows symlinks (ELOOP after KernelLimits::max_symlink_hops), crosses mount points, checks
// search permission on each directory, and clamps ".." at "/", so no path leaves the VFS root.
// Every Location carries its canonical path (no symlinks, no "." or ".."): ".." is resolved as
// the canonical parent, which is the physical parent because the path holds no symlinks.
//
// Thread safety: the mount table is guarded by m_mutex; resolution takes it only to look up
// mount points, and filesystems guard themselves.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/limits.h>
#include <secure_exec/vfs.h>

#include "sync/mutex.h"

namespace secure_exec::kernel {

class OpenFileDescription;

struct Mount {
    std::string path;
    std::shared_ptr<FileSystem> filesystem;
    std::shared_ptr<Inode> root;
    bool read_only{false};
};

struct Location {
    std::shared_ptr<Inode> inode;
    std::string path;
    std::shared_ptr<const Mount> mount;
    // Set when the path ended on a /proc/<pid>/fd/N link: opening it shares this description.
    std::shared_ptr<OpenFileDescription> description;
};

// A symlink whose target depends on who asks (/proc/self).
class ProcessRelativeLink {
public:
    virtual ~ProcessRelativeLink() = default;
    virtual std::string target_for(Pid pid) const = 0;
};

// A /proc/<pid>/fd/N link: following it reaches the open description itself, not its path text.
class DescriptionLink {
public:
    virtual ~DescriptionLink() = default;
    virtual std::shared_ptr<OpenFileDescription> description() const = 0;
};

// Who resolves, and from where.
struct PathContext {
    Pid pid{0};
    Credentials credentials;
    const Location* base{nullptr};  // cwd or the dirfd's directory; root when null
};

struct ResolveOptions {
    bool follow_final{true};
    // "name/" follows a final symlink (stat, open); unlink, rmdir and rename look at the link itself.
    bool trailing_slash_follows{true};
    // The final component may be missing: then `target` is empty and parent/name say where it
    // would be created. A dangling final symlink (when followed) yields its target's parent/name.
    bool allow_missing{false};
};

struct Resolved {
    std::optional<Location> target;
    Location parent;   // set whenever the path has a final component
    std::string name;  // the final component ("" for "/")
    bool trailing_slash{false};
};

class Vfs {
public:
    Vfs(std::shared_ptr<FileSystem> root_filesystem, const KernelLimits& limits);

    ErrorOr<void> mount(std::string_view path, std::shared_ptr<FileSystem> filesystem, bool read_only);
    std::vector<std::shared_ptr<const Mount>> mounts() const;

    Location root_location() const;
    ErrorOr<Resolved> resolve(const PathContext& context, std::string_view path, ResolveOptions options = {}) const;
    // A directory's path as it is now, rebuilt from the filesystem's parent links when it tracks
    // them (a cwd stays right after an ancestor is renamed); otherwise the path it was reached by.
    std::string current_path(const Location& location) const;
    // The directory holding `location` (".." of a directory), as the tree is now.
    ErrorOr<Location> parent_of(const Location& location) const;
    // The existing file at `path`, or the error that prevents reaching it.
    ErrorOr<Location> lookup(const PathContext& context, std::string_view path, bool follow_final = true) const;

private:
    struct Walk;
    ErrorOr<void> step(const PathContext& context, Walk& walk, std::string_view name, bool is_final,
                       ResolveOptions options, Resolved& result) const;
    std::shared_ptr<const Mount> mount_at(const std::string& path) const;

    const KernelLimits m_limits;
    std::shared_ptr<const Mount> m_root_mount;
    mutable Mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const Mount>> m_mounts GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
