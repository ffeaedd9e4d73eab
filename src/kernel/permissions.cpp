#include <secure_exec/permissions.h>

namespace secure_exec {

std::string_view fs_operation_name(FsOperation op) {
    switch (op) {
    case FsOperation::read: return "read";
    case FsOperation::write: return "write";
    case FsOperation::create: return "create";
    case FsOperation::create_directory: return "mkdir";
    case FsOperation::read_directory: return "readdir";
    case FsOperation::stat: return "stat";
    case FsOperation::remove: return "rm";
    case FsOperation::rename: return "rename";
    case FsOperation::symlink: return "symlink";
    case FsOperation::link: return "link";
    case FsOperation::change_mode: return "chmod";
    case FsOperation::change_owner: return "chown";
    case FsOperation::change_times: return "utimes";
    case FsOperation::execute: return "execute";
    }
    return "unknown";
}

Permissions Permissions::allow_all() {
    Permissions permissions;
    permissions.fs = [](const FsRequest&) { return true; };
    permissions.network = [](const NetworkRequest&) { return true; };
    permissions.child_process = [](const ChildProcessRequest&) { return true; };
    permissions.env = [](const EnvRequest&) { return true; };
    return permissions;
}

Permissions Permissions::sandbox() {
    Permissions permissions = allow_all();
    permissions.network = nullptr;
    return permissions;
}

}  // namespace secure_exec
