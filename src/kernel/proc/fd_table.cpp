#include "proc/fd_table.h"

namespace secure_exec::kernel {

std::unique_ptr<FdTable> FdTable::clone_for_spawn() const {
    auto copy = std::make_unique<FdTable>(m_max_fds);
    MutexLocker lock(m_mutex);
    MutexLocker copy_lock(copy->m_mutex);
    copy->m_entries.resize(m_entries.size());
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].description && !m_entries[i].cloexec)
            copy->m_entries[i] = Entry{m_entries[i].description, false};
    }
    while (!copy->m_entries.empty() && !copy->m_entries.back().description)
        copy->m_entries.pop_back();
    return copy;
}

ErrorOr<DescriptionPtr> FdTable::get(int fd) const {
    MutexLocker lock(m_mutex);
    if (fd < 0 || static_cast<size_t>(fd) >= m_entries.size() || !m_entries[fd].description)
        return Errno::ebadf;
    return m_entries[fd].description;
}

ErrorOr<bool> FdTable::cloexec(int fd) const {
    MutexLocker lock(m_mutex);
    if (fd < 0 || static_cast<size_t>(fd) >= m_entries.size() || !m_entries[fd].description)
        return Errno::ebadf;
    return m_entries[fd].cloexec;
}

ErrorOr<void> FdTable::set_cloexec(int fd, bool cloexec) {
    MutexLocker lock(m_mutex);
    if (fd < 0 || static_cast<size_t>(fd) >= m_entries.size() || !m_entries[fd].description)
        return Errno::ebadf;
    m_entries[fd].cloexec = cloexec;
    return {};
}

ErrorOr<int> FdTable::install(DescriptionPtr description, bool cloexec, int minimum) {
    if (minimum < 0)
        return Errno::einval;
    MutexLocker lock(m_mutex);
    if (static_cast<uint32_t>(minimum) >= m_max_fds)
        return Errno::einval;  // F_DUPFD with an argument past RLIMIT_NOFILE
    for (size_t fd = minimum; fd < m_max_fds; ++fd) {
        if (fd >= m_entries.size())
            m_entries.resize(fd + 1);
        if (!m_entries[fd].description) {
            m_entries[fd] = Entry{std::move(description), cloexec};
            return static_cast<int>(fd);
        }
    }
    return Errno::emfile;
}

ErrorOr<void> FdTable::install_at(int fd, DescriptionPtr description, bool cloexec) {
    if (fd < 0 || static_cast<uint32_t>(fd) >= m_max_fds)
        return Errno::ebadf;
    DescriptionPtr replaced;  // closed after the lock is dropped
    MutexLocker lock(m_mutex);
    if (static_cast<size_t>(fd) >= m_entries.size())
        m_entries.resize(fd + 1);
    replaced = std::move(m_entries[fd].description);
    m_entries[fd] = Entry{std::move(description), cloexec};
    lock.unlock();
    return {};
}

ErrorOr<void> FdTable::close(int fd) {
    DescriptionPtr closing;
    {
        MutexLocker lock(m_mutex);
        if (fd < 0 || static_cast<size_t>(fd) >= m_entries.size() || !m_entries[fd].description)
            return Errno::ebadf;
        closing = std::move(m_entries[fd].description);
        m_entries[fd].cloexec = false;
        while (!m_entries.empty() && !m_entries.back().description)
            m_entries.pop_back();
    }
    return {};
}

void FdTable::close_all() {
    std::vector<Entry> closing;
    {
        MutexLocker lock(m_mutex);
        closing.swap(m_entries);
    }
}

std::vector<int> FdTable::open_fds() const {
    std::vector<int> result;
    MutexLocker lock(m_mutex);
    for (size_t fd = 0; fd < m_entries.size(); ++fd)
        if (m_entries[fd].description)
            result.push_back(static_cast<int>(fd));
    return result;
}

size_t FdTable::count() const {
    MutexLocker lock(m_mutex);
    size_t count = 0;
    for (const auto& entry : m_entries)
        count += entry.description ? 1 : 0;
    return count;
}

}  // namespace secure_exec::kernel
