#include "kernel_state.h"

#include <secure_exec/open_flags.h>

#include "file/inode_file.h"
#include "fs/devfs/device_filesystem.h"
#include "fs/procfs/proc_filesystem.h"
#include "syscalls/fs_calls.h"
#include "vfs/access.h"
#include "vfs/path.h"

namespace secure_exec::kernel {

namespace {

std::shared_ptr<FileSystem> root_or_default(std::shared_ptr<FileSystem> root) {
    if (root)
        return root;
    MemoryFileSystemOptions options;
    options.root_permissions = 0755;  // "/" itself, unlike a tmpfs mounted somewhere
    return make_memory_filesystem(options);
}

// The directories a fresh system has (FHS), with their usual modes.
struct SkeletonDirectory {
    const char* path;
    uint32_t mode;
};
constexpr SkeletonDirectory k_skeleton[] = {
    {"/bin", 0755},       {"/dev", 0755},   {"/etc", 0755},       {"/home", 0755},       {"/proc", 0555},
    {"/root", 0700},      {"/tmp", 01777},  {"/usr", 0755},       {"/usr/bin", 0755},    {"/usr/local", 0755},
    {"/usr/local/bin", 0755}, {"/var", 0755}, {"/var/tmp", 01777},
};

}  // namespace

KernelState::KernelState(KernelOptions options)
    : m_limits(options.limits),
      m_permissions(std::move(options.permissions)),
      m_user(options.user),
      m_hostname(options.hostname),
      m_base_env(std::move(options.env)),
      m_default_cwd(normalize_path(options.cwd)),
      m_vfs(root_or_default(std::move(options.root_filesystem)), m_limits),
      m_processes(m_limits.max_processes) {
    for (const auto& directory : k_skeleton)
        (void)install_directory(directory.path, directory.mode, Credentials{0, 0});
    // The default cwd and its parents exist; the last component belongs to the user.
    std::string partial;
    for (const auto& part : split_path(m_default_cwd)) {
        partial = join_path(partial.empty() ? "/" : partial, part);
        (void)install_directory(partial, 0755, partial == m_default_cwd ? m_user : Credentials{0, 0});
    }
    (void)m_vfs.mount("/dev", std::make_shared<DeviceFileSystem>(m_terminals), false);
    (void)m_vfs.mount("/proc", std::make_shared<ProcFileSystem>(m_processes, m_vfs, m_hostname), true);
}

KernelState::~KernelState() { dispose(); }

Caller KernelState::host_caller() {
    Caller caller;
    caller.credentials = Credentials{0, 0};
    caller.owner = m_user;
    caller.umask = 022;
    caller.cwd = m_vfs.root_location();
    return caller;
}

Caller KernelState::caller_for(Process& process) {
    Caller caller;
    caller.process = &process;
    caller.pid = process.pid();
    caller.credentials = process.credentials();
    caller.owner = process.credentials();
    caller.umask = process.umask();
    caller.cwd = process.cwd();
    caller.waiter = &process.waiter();
    return caller;
}

ErrorOr<std::shared_ptr<Process>> KernelState::owned_process(const Driver& driver, Pid pid) {
    auto process = TRY(m_processes.find(pid));
    if (process->driver() != &driver)
        return Errno::eperm;
    return process;
}

ErrorOr<Location> KernelState::base_directory(const Caller& caller, int dirfd) {
    if (dirfd == at_fdcwd)
        return caller.cwd;
    if (!caller.process)
        return Errno::ebadf;
    auto description = TRY(caller.process->fds().get(dirfd));
    auto* file = dynamic_cast<InodeFile*>(&description->file());
    if (!file)
        return Errno::enotdir;
    auto status = TRY(file->stat());
    if (!status.is_directory())
        return Errno::enotdir;
    return file->location();
}

PathContext KernelState::path_context(const Caller& caller, const Location* base) const {
    return PathContext{.pid = caller.pid, .credentials = caller.credentials, .base = base};
}

ErrorOr<void> KernelState::check_fs(FsOperation op, std::string_view path) const {
    if (!m_permissions.allows(FsRequest{op, path}))
        return Errno::eacces;
    return {};
}

ErrorOr<void> KernelState::check_fs_request(FsOperation op, const Location& base, std::string_view path) const {
    return check_fs(op, normalize_path(path, base.path));
}

ErrorOr<void> KernelState::mount_driver(std::shared_ptr<Driver> driver) {
    if (disposed())
        return Errno::eio;
    auto interface = std::make_unique<KernelInterface>(*this, *driver);
    TRY(driver->init(*interface));
    m_commands.register_driver(*driver);
    write_bin_entries(*driver);
    MutexLocker lock(m_mutex);
    m_drivers.push_back(std::move(driver));
    m_interfaces.push_back(std::move(interface));
    return {};
}

void KernelState::write_bin_entries(const Driver& driver) {
    for (const auto& name : driver.commands()) {
        if (name.empty() || name.find('/') != std::string::npos)
            continue;
        (void)install_file(join_path("/bin", name), command_stub(name), 0755);
    }
}

ErrorOr<Location> KernelState::install_directory(std::string_view path, uint32_t mode, const Credentials& owner) {
    PathContext context{.credentials = Credentials{0, 0}};
    auto resolved = TRY(m_vfs.resolve(context, path, {.follow_final = false, .allow_missing = true}));
    if (resolved.target)
        return std::move(*resolved.target);
    NewInode attributes{.type = FileType::directory, .permissions = mode, .uid = owner.uid, .gid = owner.gid};
    auto inode = TRY(resolved.parent.inode->create(resolved.name, attributes));
    return Location{std::move(inode), join_path(resolved.parent.path, resolved.name), resolved.parent.mount, nullptr};
}

ErrorOr<void> KernelState::install_file(std::string_view path, std::string_view contents, uint32_t mode) {
    PathContext context{.credentials = Credentials{0, 0}};
    auto resolved = TRY(m_vfs.resolve(context, path, {.follow_final = false, .allow_missing = true}));
    if (resolved.target)
        return {};  // an existing file wins, as upstream's populateBin
    auto inode = TRY(resolved.parent.inode->create(resolved.name, {.type = FileType::regular, .permissions = mode}));
    TRY(inode->write_at(0, as_bytes(contents), false));
    return {};
}

}  // namespace secure_exec::kernel
