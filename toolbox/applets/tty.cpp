// tty, as GNU coreutils: the terminal on stdin (its /proc/self/fd/0 name, /dev/pts/N), or
// "not a tty" and status 1; -s only sets the status. Usage errors exit 2.
// applet: tty tty_main
#include <unistd.h>

#include <string>

#include <sx/posix.h>

#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: tty [OPTION]...\n"
    "Print the file name of the terminal connected to standard input.\n"
    "\n"
    "  -s, --silent, --quiet   print nothing, only return an exit status\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"silent", Argument::none, 's'},
    {"quiet", Argument::none, 's'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

}  // namespace

int tty_main(int argc, char** argv) {
    bool silent = false;
    OptionParser parser("tty", argc, argv, "s", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 2;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("tty");
        case 's': silent = true; break;
        }
    }
    if (!parser.operands().empty())
        return extra_operand("tty", parser.operands().front(), 2);
    bool is_tty = sx_isatty(0) == 1;
    if (silent)
        return is_tty ? 0 : 1;
    if (!is_tty) {
        write_all(1, "not a tty\n");
        return 1;
    }
    std::string name(4096, '\0');
    ssize_t length = ::readlink("/proc/self/fd/0", name.data(), name.size());
    if (length <= 0) {
        write_all(1, "not a tty\n");
        return 1;
    }
    name.resize(static_cast<size_t>(length));
    return write_all(1, name + "\n") ? 0 : 3;
}

}  // namespace toolbox
