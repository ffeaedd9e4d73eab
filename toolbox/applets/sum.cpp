// sum, as GNU coreutils 9.1: the BSD 16-bit checksum and 1 KiB block count (-r, the default) or
// the System V sum and 512-byte blocks (-s), with the file name when files were named. The sums
// are lib/checksum_legacy's (shared with cksum -a bsd/sysv); the output is sums_print.cpp's.
// applet: sum sum_main
#include <string>

#include "applet.h"
#include "applets/sums.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: sum [OPTION]... [FILE]...\n"
    "Print or check BSD (16-bit) checksums.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -r              use BSD sum algorithm (the default), use 1K blocks\n"
    "  -s, --sysv      use System V sum algorithm, use 512 bytes blocks\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"sysv", Argument::none, 's'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

}  // namespace

int sum_main(int argc, char** argv) {
    SumSettings settings;
    settings.program = "sum";
    settings.algorithm = SumAlgorithm::bsd;
    OptionParser parser("sum", argc, argv, "rs", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'r': settings.algorithm = SumAlgorithm::bsd; break;
        case 's': settings.algorithm = SumAlgorithm::sysv; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("sum");
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    Output out;
    bool ok = true;
    if (operands.empty())
        ok = print_sum(settings, "-", false, out);
    for (auto operand : operands) {
        ok &= print_sum(settings, std::string(operand), true, out);
        if (out.failed())
            break;
    }
    return finish(out, "sum", ok ? 0 : 1);
}

}  // namespace toolbox
