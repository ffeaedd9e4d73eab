#include "lib/output.h"

#include <cerrno>
#include <cstring>

#include <sx/posix.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"

namespace toolbox {

namespace {

constexpr int k_sigpipe = 13;  // Linux's number, which the kernel uses

}  // namespace

Output::Output(int fd, size_t capacity) : m_fd(fd), m_capacity(capacity) {
    m_buffer.reserve(capacity);
}

bool Output::write(std::string_view data) {
    if (m_error != 0)
        return false;
    if (m_buffer.size() + data.size() <= m_capacity) {
        m_buffer.append(data);
        return true;
    }
    if (!flush())
        return false;
    if (data.size() >= m_capacity) {
        if (!write_all(m_fd, data)) {
            m_error = errno != 0 ? errno : EIO;
            return false;
        }
        return true;
    }
    m_buffer.append(data);
    return true;
}

bool Output::put(char c) {
    if (m_buffer.size() < m_capacity && m_error == 0) {
        m_buffer.push_back(c);
        return true;
    }
    return write(std::string_view(&c, 1));
}

bool Output::flush() {
    if (m_error != 0)
        return false;
    if (m_buffer.empty())
        return true;
    bool written = write_all(m_fd, m_buffer);
    m_buffer.clear();
    if (!written)
        m_error = errno != 0 ? errno : EIO;
    return written;
}

int write_error(std::string_view program, int error) {
    if (error == EPIPE)
        kill(getpid(), k_sigpipe);
    write_all(2, std::string(program) + ": write error: " + strerror_gnu(error) + "\n");
    return 1;
}

int finish(Output& out, std::string_view program, int status) {
    if (!out.flush())
        return write_error(program, out.error());
    return status;
}

}  // namespace toolbox
