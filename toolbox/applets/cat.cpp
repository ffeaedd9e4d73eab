// cat: concatenates files ("-" or no operand: stdin) to stdout, streaming in 64 KiB blocks.
// Options (-n -b -s -A ...) arrive with the coreutils issue; -u is accepted and ignored as GNU.
// applet: cat cat_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "applet.h"
#include "lib/io.h"

namespace toolbox {

namespace {


// 0 on success; prints GNU's message and returns 1 on failure.
int copy(int fd, const char* name) {
    static char buffer[65536];
    while (true) {
        ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0) {
            std::fprintf(stderr, "cat: %s: %s\n", name, std::strerror(errno));
            return 1;
        }
        if (count == 0)
            return 0;
        if (!write_all(1, std::string_view(buffer, static_cast<size_t>(count)))) {
            std::fprintf(stderr, "cat: write error: %s\n", std::strerror(errno));
            return 1;
        }
    }
}

}  // namespace

int cat_main(int argc, char** argv) {
    int status = 0;
    int operands = 0;
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        const char* argument = argv[i];
        if (!options_done && std::strcmp(argument, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && argument[0] == '-' && argument[1] != '\0') {
            if (std::strcmp(argument, "-u") == 0)
                continue;
            std::fprintf(stderr, "cat: invalid option -- '%s'\nTry 'cat --help' for more information.\n", argument + 1);
            return 1;
        }
        ++operands;
        if (std::strcmp(argument, "-") == 0) {
            status |= copy(0, "-");
            continue;
        }
        int fd = ::open(argument, O_RDONLY);
        if (fd < 0) {
            std::fprintf(stderr, "cat: %s: %s\n", argument, std::strerror(errno));
            status = 1;
            continue;
        }
        status |= copy(fd, argument);
        ::close(fd);
    }
    if (operands == 0)
        status |= copy(0, "-");
    return status;
}

}  // namespace toolbox
