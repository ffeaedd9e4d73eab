#include "stdin_forwarder.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <span>

namespace secure_exec::cli {

StdinForwarder::StdinForwarder(ManagedProcess& process) {
    if (::pipe(m_wake) != 0) {
        m_wake[0] = m_wake[1] = -1;
        process.close_stdin();  // cannot stop a thread safely: forward nothing
        return;
    }
    m_thread = std::thread([this, &process] { run(process); });
}

StdinForwarder::~StdinForwarder() {
    if (m_thread.joinable()) {
        char byte = 0;
        while (::write(m_wake[1], &byte, 1) < 0 && errno == EINTR) {
        }
        m_thread.join();
    }
    for (int fd : m_wake)
        if (fd >= 0)
            ::close(fd);
}

void StdinForwarder::run(ManagedProcess& process) {
    std::byte buffer[65536];
    while (true) {
        pollfd fds[2] = {{0, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            return;  // the owner is done with the process
        ssize_t count = ::read(0, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0 || process.write_stdin(std::span(buffer, static_cast<size_t>(count))).is_error())
            break;
    }
    process.close_stdin();
}

}  // namespace secure_exec::cli
