// terminal_devices.h — what /dev needs from the terminal layer: new pairs for /dev/ptmx, the
// replicas under /dev/pts, and a marker for /dev/tty (which the open path resolves per caller).
#pragma once

#include <memory>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

namespace secure_exec::kernel {

class File;

class TerminalDevices {
public:
    virtual ~TerminalDevices() = default;
    virtual ErrorOr<std::shared_ptr<File>> open_master() = 0;
    virtual ErrorOr<std::shared_ptr<File>> open_replica(int index) = 0;
    virtual std::vector<int> replica_indices() const = 0;
    // Owner of /dev/pts/N (the user who opened the pair); root when unknown.
    virtual Credentials replica_owner(int index) const = 0;
};

// Implemented by the /dev/tty inode: opening it opens the caller's controlling terminal.
class ControllingTerminalDevice {
public:
    virtual ~ControllingTerminalDevice() = default;
};

}  // namespace secure_exec::kernel
