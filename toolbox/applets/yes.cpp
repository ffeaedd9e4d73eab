// yes, as GNU coreutils: the operands joined by spaces (or "y"), one line after another, until a
// write fails; only --help and --version are options ("--" ends them). Writes 64 KiB blocks of
// whole lines, and stops on EPIPE with SIGPIPE as GNU's yes is stopped by it.
// applet: yes yes_main
#include <cerrno>
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "yes";

constexpr std::string_view k_usage =
    "Usage: yes [STRING]...\n"
    "  or:  yes OPTION\n"
    "Repeatedly output a line with all specified STRING(s), or 'y'.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

}  // namespace

int yes_main(int argc, char** argv) {
    OptionParser parser(k_program, argc, argv, "+", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    std::string line;
    for (std::string_view operand : parser.operands()) {
        if (!line.empty())
            line.push_back(' ');
        line.append(operand);
    }
    if (parser.operands().empty())
        line = "y";
    line.push_back('\n');
    std::string block;
    while (block.size() + line.size() <= 65536 || block.empty())
        block += line;
    while (write_all(1, block)) {
    }
    return write_error(k_program, errno);
}

}  // namespace toolbox
