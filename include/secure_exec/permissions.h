// permissions.h — what guest code may touch.
//
// A Permissions value holds one checker per resource. A missing checker denies: a
// default-constructed Permissions{} allows nothing. Denied calls fail with EACCES and change
// nothing. A filesystem call is checked twice: on the path as written (made absolute and
// normalized) before anything is looked up, so a denied path fails with EACCES whether or not it
// exists; and on the canonical path actually touched (after symlinks are resolved), so a symlink
// cannot smuggle a path past a rule.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace secure_exec {

enum class FsOperation : uint8_t {
    read,              // open a file for reading, read a link target, realpath
    write,             // open for writing, truncate
    create,            // create a file (O_CREAT), a fifo
    create_directory,  // mkdir
    read_directory,    // open a directory to list it
    stat,              // stat, lstat, access, exists
    remove,            // unlink, rmdir
    rename,            // checked for both the old and the new path
    symlink,           // checked for the new link's path
    link,              // checked for the new name
    change_mode,       // chmod
    change_owner,      // chown
    change_times,      // utimes
    execute,           // spawn a program by its path
};

std::string_view fs_operation_name(FsOperation op);

struct FsRequest {
    FsOperation op;
    std::string_view path;
};

enum class NetworkOperation : uint8_t { connect, listen, resolve };

struct NetworkRequest {
    NetworkOperation op;
    std::string_view host;
    uint16_t port{0};
};

struct ChildProcessRequest {
    std::string_view command;
    std::span<const std::string> args;
};

struct EnvRequest {
    std::string_view name;
    std::string_view value;
};

struct Permissions {
    std::function<bool(const FsRequest&)> fs;
    std::function<bool(const NetworkRequest&)> network;
    std::function<bool(const ChildProcessRequest&)> child_process;
    // Filters the environment given to processes: a variable the checker rejects is not passed.
    std::function<bool(const EnvRequest&)> env;

    static Permissions deny_all() { return {}; }
    static Permissions allow_all();
    // The sandbox's own world is open (its in-memory files, its processes, the environment the
    // embedder passed); the network is closed. What Kernel::create uses unless told otherwise.
    static Permissions sandbox();

    bool allows(const FsRequest& request) const { return fs && fs(request); }
    bool allows(const NetworkRequest& request) const { return network && network(request); }
    bool allows(const ChildProcessRequest& request) const { return child_process && child_process(request); }
    bool allows(const EnvRequest& request) const { return env && env(request); }
};

}  // namespace secure_exec
