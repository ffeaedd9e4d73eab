// file.h — File: anything an open file description reads and writes.
//
// Regular files and directories (InodeFile), pipe ends, devices and host output sinks implement
// it. Offsets live in the OpenFileDescription, not here: a File is told where to read. Blocking
// objects (pipes) sleep on the caller's Waiter and honour `nonblocking`.
//
// Thread safety: implementations guard their own state; every method may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>
#include <secure_exec/process_info.h>
#include <secure_exec/vfs.h>

namespace secure_exec::kernel {

class Waiter;
class Process;

// Who is doing the I/O and how: the sleeping context, O_NONBLOCK, and the process to signal on
// EPIPE (null for the host).
struct IoContext {
    Waiter& waiter;
    bool nonblocking{false};
    Process* process{nullptr};
    // Set by a write that found no reader, even when it moved some bytes first: the syscall
    // layer then raises SIGPIPE (Linux pipe_write()).
    bool broken_pipe{false};
};

class File {
public:
    virtual ~File() = default;

    // Seekable files take the offset; the rest ignore it and return ESPIPE from seek/pread.
    virtual bool is_seekable() const { return false; }
    virtual ErrorOr<size_t> read(IoContext& context, uint64_t offset, std::span<std::byte> buffer) = 0;
    virtual ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                                       bool append) = 0;
    virtual ErrorOr<Stat> stat() = 0;
    virtual PollState poll() { return {.readable = true, .writable = true}; }
    // For poll(2) on several files: queue `waiter` (WaitQueue::add_prepared) on whatever is woken
    // when poll()'s answer may change, until poll_unsubscribe(). Files that never block have
    // nothing to announce, hence the empty default.
    virtual void poll_subscribe(Waiter& waiter) { (void)waiter; }
    virtual void poll_unsubscribe(Waiter& waiter) { (void)waiter; }
    virtual ErrorOr<void> truncate(uint64_t size) {
        (void)size;
        return Errno::einval;
    }
    virtual ErrorOr<std::vector<DirEntry>> read_directory() { return Errno::enotdir; }
    virtual bool is_terminal() const { return false; }
    // The inode behind the file, if any (regular files, directories, devices).
    virtual std::shared_ptr<Inode> inode() { return nullptr; }
    // What /proc/<pid>/fd/N points to: a path, or "pipe:[7]" for anonymous objects.
    virtual std::string link_text() const = 0;
};

}  // namespace secure_exec::kernel
