// device_filesystem.h — /dev: null, zero, full, random, urandom, tty, ptmx, pts/, the stdio
// links and fd.
//
// /dev/stdin, stdout, stderr and fd are symlinks into /proc/self/fd, as on Linux, so they name
// the caller's own descriptors. /dev/tty opens the caller's controlling terminal (ENXIO without
// one, as Linux); opening /dev/ptmx makes a new pseudo-terminal whose replica appears as
// /dev/pts/N while it lives.
// Thread safety: immutable after construction.
#pragma once

#include <memory>

#include <secure_exec/vfs.h>

namespace secure_exec::kernel {

class SyntheticDirectory;
class TerminalDevices;

class DeviceFileSystem final : public FileSystem {
public:
    // `terminals` backs /dev/ptmx and /dev/pts; it outlives the filesystem.
    explicit DeviceFileSystem(TerminalDevices& terminals);
    std::shared_ptr<Inode> root() override;
    ErrorOr<StatFs> statfs() override;
    std::string_view type_name() const override { return "devtmpfs"; }

private:
    std::shared_ptr<SyntheticDirectory> m_root;
};

}  // namespace secure_exec::kernel
