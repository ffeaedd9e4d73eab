// link and unlink, as GNU coreutils: the bare link(2) and unlink(2) calls on exactly the
// operands given, with GNU's messages.
// applet: link link_main
// applet: unlink unlink_main
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_link_usage =
    "Usage: link FILE1 FILE2\n"
    "  or:  link OPTION\n"
    "Call the link function to create a link named FILE2 to an existing FILE1.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_unlink_usage =
    "Usage: unlink FILE\n"
    "  or:  unlink OPTION\n"
    "Call the unlink function to remove the specified FILE.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// Parses the (help and version only) options and checks for exactly `wanted` operands; -1 to
// go on, else the exit status.
int operands_or_status(std::string_view program, std::string_view usage, int argc, char** argv, size_t wanted,
                       std::vector<std::string_view>& operands) {
    OptionParser parser(program, argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(usage);
        case k_version: return print_version(program);
        default: return 1;
        }
    }
    operands = parser.operands();
    if (operands.size() > wanted)
        return extra_operand(program, operands[wanted]);
    if (operands.size() < wanted) {
        if (operands.empty())
            return missing_operand(program);
        write_all(2, std::string(program) + ": missing operand after " + quote(operands.back()) + "\n");
        return try_help(program);
    }
    return -1;
}

}  // namespace

int link_main(int argc, char** argv) {
    std::vector<std::string_view> operands;
    int status = operands_or_status("link", k_link_usage, argc, argv, 2, operands);
    if (status >= 0)
        return status;
    std::string from(operands[0]);
    std::string to(operands[1]);
    if (::link(from.c_str(), to.c_str()) != 0) {
        write_all(2, "link: cannot create link " + quote_file_always(to) + " to " + quote_file_always(from) + ": " +
                         strerror_gnu(errno) + "\n");
        return 1;
    }
    return 0;
}

int unlink_main(int argc, char** argv) {
    std::vector<std::string_view> operands;
    int status = operands_or_status("unlink", k_unlink_usage, argc, argv, 1, operands);
    if (status >= 0)
        return status;
    std::string name(operands[0]);
    if (::unlink(name.c_str()) != 0) {
        write_all(2, "unlink: cannot unlink " + quote_file_always(name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    return 0;
}

}  // namespace toolbox
