// device_filesystem.h — /dev: null, zero, full, random, urandom, tty, the stdio links, fd, pts.
//
// /dev/stdin, stdout, stderr and fd are symlinks into /proc/self/fd, as on Linux, so they name
// the caller's own descriptors. /dev/tty opens the caller's controlling terminal; until
// terminals exist no process has one and the open fails with ENXIO, as Linux does.
// Thread safety: immutable after construction.
#pragma once

#include <memory>

#include <secure_exec/vfs.h>

namespace secure_exec::kernel {

class SyntheticDirectory;

class DeviceFileSystem final : public FileSystem {
public:
    DeviceFileSystem();
    std::shared_ptr<Inode> root() override;
    ErrorOr<StatFs> statfs() override;
    std::string_view type_name() const override { return "devtmpfs"; }

private:
    std::shared_ptr<SyntheticDirectory> m_root;
};

}  // namespace secure_exec::kernel
