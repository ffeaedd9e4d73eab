// sync, as GNU coreutils: with files, fsync (or fdatasync with -d) each; -f asks for the whole
// file system, which the sandbox cannot flush separately, so it syncs the file. Without files
// there is nothing to flush from a guest (the kernel writes host files through at once).
// applet: sync sync_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: sync [OPTION] [FILE]...\n"
    "Synchronize cached writes to persistent storage\n"
    "\n"
    "If one or more files are specified, sync only them,\n"
    "or their containing file systems.\n"
    "\n"
    "  -d, --data             sync only file data, no unneeded metadata\n"
    "  -f, --file-system      sync the file systems that contain the files\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"data", Argument::none, 'd'},
    {"file-system", Argument::none, 'f'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

}  // namespace

int sync_main(int argc, char** argv) {
    bool data = false, file_system = false;
    OptionParser parser("sync", argc, argv, "df", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("sync");
        case 'd': data = true; break;
        case 'f': file_system = true; break;
        }
    }
    if (data && file_system) {
        write_all(2, "sync: cannot specify both --data and --file-system\n");
        return 1;
    }
    if (data && parser.operands().empty()) {
        write_all(2, "sync: --data needs at least one argument\n");
        return 1;
    }
    bool ok = true;
    for (std::string_view operand : parser.operands()) {
        std::string path(operand);
        int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
        if (fd < 0)
            fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd < 0) {
            write_all(2, "sync: error opening " + quote_file_always(path) + ": " + strerror_gnu(errno) + "\n");
            ok = false;
            continue;
        }
        int result = data ? ::fdatasync(fd) : ::fsync(fd);
        // Directories and devices may not support it; GNU ignores EINVAL/EBADF there too.
        if (result != 0 && errno != EINVAL && errno != EBADF && errno != EROFS && errno != ENOTSUP) {
            write_all(2, "sync: error syncing " + quote_file_always(path) + ": " + strerror_gnu(errno) + "\n");
            ok = false;
        }
        ::close(fd);
    }
    return ok ? 0 : 1;
}

}  // namespace toolbox
