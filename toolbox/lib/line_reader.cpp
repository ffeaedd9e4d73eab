#include "lib/line_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace toolbox {

namespace {

constexpr size_t k_block = 65536;

}  // namespace

LineReader::LineReader(int fd, char delimiter) : m_fd(fd), m_delimiter(delimiter) {
    m_buffer.resize(k_block);
}

// Reads one more block after the unread bytes, moving them to the front or growing the buffer
// when there is no room; false at EOF or on error.
bool LineReader::fill() {
    if (m_eof)
        return false;
    if (m_start > 0 && (m_buffer.size() - m_end < k_block / 2)) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_start, m_end - m_start);
        m_end -= m_start;
        m_start = 0;
    }
    if (m_buffer.size() - m_end < k_block / 2)
        m_buffer.resize(m_buffer.size() * 2);
    while (true) {
        ssize_t count = ::read(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0) {
            m_error = errno;
            m_eof = true;
            return false;
        }
        if (count == 0) {
            m_eof = true;
            return false;
        }
        m_end += static_cast<size_t>(count);
        return true;
    }
}

bool LineReader::next(std::string_view& record) {
    while (true) {
        const char* begin = m_buffer.data() + m_start;
        size_t available = m_end - m_start;
        if (m_scanned < available) {
            const void* found = std::memchr(begin + m_scanned, m_delimiter, available - m_scanned);
            if (found != nullptr) {
                size_t length = static_cast<size_t>(static_cast<const char*>(found) - begin) + 1;
                record = std::string_view(begin, length);
                m_start += length;
                m_scanned = 0;
                return true;
            }
            m_scanned = available;
        }
        if (!fill()) {
            if (available == 0 || m_error != 0)
                return false;
            record = std::string_view(m_buffer.data() + m_start, available);
            m_start = m_end;
            m_scanned = 0;
            return true;
        }
    }
}

long LineReader::read_raw(char* buffer, size_t size) {
    if (m_start < m_end) {
        size_t count = std::min(size, m_end - m_start);
        std::memcpy(buffer, m_buffer.data() + m_start, count);
        m_start += count;
        m_scanned = 0;
        return static_cast<long>(count);
    }
    if (m_error != 0)
        return -1;
    while (true) {
        ssize_t count = ::read(m_fd, buffer, size);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            m_error = errno;
        return static_cast<long>(count);
    }
}

}  // namespace toolbox
