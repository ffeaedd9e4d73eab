#include "lib/io.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace toolbox {

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

int read_blocks(int fd, const std::function<bool(std::string_view)>& block) {
    static char buffer[65536];
    while (true) {
        ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            return errno;
        if (count == 0 || !block(std::string_view(buffer, static_cast<size_t>(count))))
            return 0;
    }
}

std::string read_all(int fd, int& error) {
    std::string text;
    error = read_blocks(fd, [&](std::string_view chunk) {
        text.append(chunk);
        return true;
    });
    return text;
}

int open_input(const std::string& path) {
    if (path == "-")
        return 0;
    return ::open(path.c_str(), O_RDONLY);
}

}  // namespace toolbox
