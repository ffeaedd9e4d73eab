// host_name.cpp — see host_name.h.
#include "lib/host_name.h"

#include <fcntl.h>
#include <unistd.h>

#include "lib/io.h"

namespace toolbox {

std::string host_name() {
    int fd = ::open("/proc/sys/kernel/hostname", O_RDONLY);
    if (fd < 0)
        return "localhost";
    int error = 0;
    std::string name = read_all(fd, error);
    ::close(fd);
    while (!name.empty() && (name.back() == '\n' || name.back() == ' '))
        name.pop_back();
    return name.empty() ? "localhost" : name;
}

}  // namespace toolbox
