// proc_filesystem.h — /proc: self, <pid>/{fd/, cwd, cmdline, environ, status, comm}, mounts,
// sys/kernel/hostname.
//
// Everything is generated on demand from the process table. /proc/self names the caller (a
// ProcessRelativeLink); /proc/<pid>/fd/N are DescriptionLinks, so opening one shares the open
// description (dup semantics, as upstream and BSD /dev/fd do) and naming a closed fd is EBADF.
// Thread safety: immutable after construction; the process table guards itself.
#pragma once

#include <memory>
#include <string>

#include <secure_exec/vfs.h>

namespace secure_exec::kernel {

class ProcessTable;
class SyntheticDirectory;
class Vfs;

class ProcFileSystem final : public FileSystem {
public:
    ProcFileSystem(ProcessTable& processes, const Vfs& vfs, std::string hostname);
    std::shared_ptr<Inode> root() override;
    ErrorOr<StatFs> statfs() override;
    std::string_view type_name() const override { return "proc"; }

private:
    ErrorOr<std::shared_ptr<Inode>> process_directory(Pid pid);
    std::string mounts_text() const;

    ProcessTable& m_processes;
    const Vfs& m_vfs;
    const std::string m_hostname;
    std::shared_ptr<SyntheticDirectory> m_root;
};

}  // namespace secure_exec::kernel
