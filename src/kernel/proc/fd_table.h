// fd_table.h — a process's descriptor table: fd number → (open description, FD_CLOEXEC).
//
// New descriptors take the lowest free number (POSIX). The table is copied at spawn without the
// close-on-exec entries. Descriptions are released outside the table lock, because releasing the
// last reference to a pipe end wakes the other end.
// Thread safety: guarded by m_mutex; other processes read it through /proc/<pid>/fd.
#pragma once

#include <memory>
#include <vector>

#include <secure_exec/error_or.h>

#include "file/open_file_description.h"
#include "sync/mutex.h"

namespace secure_exec::kernel {

using DescriptionPtr = std::shared_ptr<OpenFileDescription>;

class FdTable {
public:
    explicit FdTable(uint32_t max_fds) : m_max_fds(max_fds) {}

    // A copy for a child: every entry without FD_CLOEXEC.
    std::unique_ptr<FdTable> clone_for_spawn() const;

    ErrorOr<DescriptionPtr> get(int fd) const;
    ErrorOr<bool> cloexec(int fd) const;
    ErrorOr<void> set_cloexec(int fd, bool cloexec);

    // Installs at the lowest free fd >= minimum; EMFILE when none is left under the limit.
    ErrorOr<int> install(DescriptionPtr description, bool cloexec = false, int minimum = 0);
    // Installs at exactly `fd`, replacing (closing) what was there. EBADF if fd is out of range.
    ErrorOr<void> install_at(int fd, DescriptionPtr description, bool cloexec = false);
    ErrorOr<void> close(int fd);
    void close_all();

    std::vector<int> open_fds() const;
    size_t count() const;
    uint32_t max_fds() const { return m_max_fds; }

private:
    struct Entry {
        DescriptionPtr description;
        bool cloexec{false};
    };

    const uint32_t m_max_fds;
    mutable Mutex m_mutex;
    std::vector<Entry> m_entries GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
