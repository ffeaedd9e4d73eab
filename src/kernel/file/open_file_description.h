// open_file_description.h — the "open file" that dup, dup2, F_DUPFD and spawn share.
//
// It holds the File, the cursor and the status flags (O_APPEND, O_NONBLOCK, access mode). Shared
// by std::shared_ptr: the last descriptor to close it releases the File, which is when a pipe end
// counts as closed. Thread safety: the cursor and flags are guarded by m_mutex; a read or write
// holds it only to fetch and advance the cursor for seekable files, so a blocked pipe read does
// not block other users of the same description.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <secure_exec/error_or.h>

#include "file/file.h"
#include "sync/mutex.h"

namespace secure_exec::kernel {

class OpenFileDescription {
public:
    OpenFileDescription(std::shared_ptr<File> file, int flags, std::string path);
    ~OpenFileDescription();
    OpenFileDescription(const OpenFileDescription&) = delete;
    OpenFileDescription& operator=(const OpenFileDescription&) = delete;

    bool can_read() const;
    bool can_write() const;
    int flags() const;
    void set_status_flags(int flags);  // F_SETFL: only O_APPEND and O_NONBLOCK change
    bool nonblocking() const;

    ErrorOr<size_t> read(IoContext& context, std::span<std::byte> buffer);
    ErrorOr<size_t> write(IoContext& context, std::span<const std::byte> data);
    ErrorOr<size_t> pread(IoContext& context, std::span<std::byte> buffer, int64_t offset);
    ErrorOr<size_t> pwrite(IoContext& context, std::span<const std::byte> data, int64_t offset);
    ErrorOr<uint64_t> seek(int64_t offset, int whence);
    ErrorOr<std::vector<DirEntry>> read_directory();

    File& file() { return *m_file; }
    const std::shared_ptr<File>& file_ptr() const { return m_file; }
    const std::string& path() const { return m_path; }

    // Open descriptions alive in this process (all kernels); for leak tests and introspection.
    static size_t live_count();

private:
    const std::shared_ptr<File> m_file;
    const std::string m_path;
    mutable Mutex m_mutex;
    int m_flags GUARDED_BY(m_mutex);
    uint64_t m_offset GUARDED_BY(m_mutex){0};
    static std::atomic<size_t> s_live_count;
};

}  // namespace secure_exec::kernel
