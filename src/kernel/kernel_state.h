// kernel_state.h — everything one kernel owns, and the helpers its syscalls share.
//
// Kernel (the public facade) and every KernelInterface point here. The syscall implementations in
// syscalls/ are free functions over (KernelState&, Caller&). Ownership: KernelState owns the VFS,
// the process table, the command registry and the mounted drivers (and their KernelInterfaces).
// Thread safety: immutable configuration, plus members that guard themselves; m_mutex guards
// the driver list and the disposed flag.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/kernel.h>
#include <secure_exec/kernel_interface.h>

#include "command_registry.h"
#include "proc/process_table.h"
#include "sync/mutex.h"
#include "terminals.h"
#include "vfs/vfs.h"

namespace secure_exec::kernel {

// Who makes a call: a process, or the host (process == nullptr) acting with the kernel's user.
struct Caller {
    Process* process{nullptr};
    Pid pid{0};
    Credentials credentials;  // for permission checks
    Credentials owner;        // owner of the files it creates (the host creates them for the user)
    uint32_t umask{022};
    Location cwd;
    Waiter* waiter{nullptr};
};

struct SpawnParams {
    Process* parent{nullptr};  // null: started by the host
    std::string command;
    std::vector<std::string> args;
    std::vector<std::string> environ;
    std::optional<std::string> cwd;
    std::unique_ptr<FdTable> fds;
    bool host_waitable{false};
    // Runs after the child exists and before its driver starts it (group and terminal setup);
    // an error undoes the spawn.
    std::function<ErrorOr<void>(Process& child)> before_start;
};

struct Program {
    Driver* driver{nullptr};
    std::string command;
    std::string executable_path;
    std::vector<std::string> argv;
};

class KernelState {
public:
    explicit KernelState(KernelOptions options);
    ~KernelState();

    const KernelLimits& limits() const { return m_limits; }
    const Permissions& permissions() const { return m_permissions; }
    const Credentials& user() const { return m_user; }
    const std::string& hostname() const { return m_hostname; }
    const std::map<std::string, std::string>& base_env() const { return m_base_env; }
    const std::string& default_cwd() const { return m_default_cwd; }
    Vfs& vfs() { return m_vfs; }
    ProcessTable& processes() { return m_processes; }
    CommandRegistry& commands() { return m_commands; }
    Terminals& terminals() { return m_terminals; }

    ErrorOr<void> mount_driver(std::shared_ptr<Driver> driver);

    // The process `pid` if `driver` owns it: ESRCH when unknown, EPERM when another driver owns it.
    ErrorOr<std::shared_ptr<Process>> owned_process(const Driver& driver, Pid pid);
    Caller caller_for(Process& process);
    Caller host_caller();
    // The directory relative paths start from: the cwd for at_fdcwd, else the fd's directory.
    ErrorOr<Location> base_directory(const Caller& caller, int dirfd);
    PathContext path_context(const Caller& caller, const Location* base) const;
    // EACCES unless the permissions allow `op` on the canonical `path`.
    ErrorOr<void> check_fs(FsOperation op, std::string_view path) const;
    // The same check on the path as written (normalized against `base`), made before resolution so
    // that a denied path reports EACCES whether or not it exists, and leaks nothing.
    ErrorOr<void> check_fs_request(FsOperation op, const Location& base, std::string_view path) const;

    ErrorOr<Pid> spawn(SpawnParams params);
    ErrorOr<Program> resolve_program(const Caller& caller, std::string_view command,
                                     const std::vector<std::string>& environ, int depth = 0);

    // Ends every process (SIGTERM, grace, SIGKILL), reaps, disposes drivers. Idempotent.
    void dispose();
    bool disposed() const { return m_disposed.load(); }

private:
    // `argv0` is argv[0] as the caller typed it; `exec_path` the path used to reach the file
    // (what a shebang interpreter receives as the script name, as execvp(3) passes it).
    ErrorOr<Program> identify_program(const Caller& caller, const Location& location, std::string_view argv0,
                                      std::string_view exec_path, const std::vector<std::string>& environ, int depth);
    void write_bin_entries(const Driver& driver);
    // The kernel's own layout (skeleton directories, /bin entries) is made with inode calls
    // directly: no guest policy or permission applies to it.
    ErrorOr<Location> install_directory(std::string_view path, uint32_t mode, const Credentials& owner);
    ErrorOr<void> install_file(std::string_view path, std::string_view contents, uint32_t mode);
    bool wait_for_no_processes(uint32_t timeout_ms);

    const KernelLimits m_limits;
    const Permissions m_permissions;
    const Credentials m_user;
    const std::string m_hostname;
    const std::map<std::string, std::string> m_base_env;
    const std::string m_default_cwd;
    Vfs m_vfs;
    ProcessTable m_processes;
    Terminals m_terminals{m_processes};
    CommandRegistry m_commands;
    Mutex m_mutex;
    std::vector<std::shared_ptr<Driver>> m_drivers GUARDED_BY(m_mutex);
    std::vector<std::unique_ptr<KernelInterface>> m_interfaces GUARDED_BY(m_mutex);
    std::atomic<bool> m_disposed{false};
};

}  // namespace secure_exec::kernel
