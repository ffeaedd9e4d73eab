// uname, as GNU coreutils, describing the sandbox: sysname "Linux" (the kernel implements
// Linux's interfaces, which is what scripts test uname -s for), the node name from
// /proc/sys/kernel/hostname, release and version naming secure-exec, machine "wasm32";
// -p and -i are "unknown" (left out of -a, as GNU does), -o "GNU/Linux" as coreutils reports.
// applet: uname uname_main
#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "lib/host_name.h"
#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: uname [OPTION]...\n"
    "Print certain system information.  With no OPTION, same as -s.\n"
    "\n"
    "  -a, --all                print all information, in the following order,\n"
    "                             except omit -p and -i if unknown:\n"
    "  -s, --kernel-name        print the kernel name\n"
    "  -n, --nodename           print the network node hostname\n"
    "  -r, --kernel-release     print the kernel release\n"
    "  -v, --kernel-version     print the kernel version\n"
    "  -m, --machine            print the machine hardware name\n"
    "  -p, --processor          print the processor type (non-portable)\n"
    "  -i, --hardware-platform  print the hardware platform (non-portable)\n"
    "  -o, --operating-system   print the operating system\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"all", Argument::none, 'a'},
    {"kernel-name", Argument::none, 's'},
    {"sysname", Argument::none, 's'},
    {"nodename", Argument::none, 'n'},
    {"kernel-release", Argument::none, 'r'},
    {"release", Argument::none, 'r'},
    {"kernel-version", Argument::none, 'v'},
    {"machine", Argument::none, 'm'},
    {"processor", Argument::none, 'p'},
    {"hardware-platform", Argument::none, 'i'},
    {"operating-system", Argument::none, 'o'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum Field { k_sysname = 1, k_nodename = 2, k_release = 4, k_kversion = 8, k_machine = 16, k_processor = 32,
             k_platform = 64, k_os = 128 };

}  // namespace

int uname_main(int argc, char** argv) {
    unsigned fields = 0;
    OptionParser parser("uname", argc, argv, "asnrvmpio", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("uname");
        case 'a': fields = ~0u; break;
        case 's': fields |= k_sysname; break;
        case 'n': fields |= k_nodename; break;
        case 'r': fields |= k_release; break;
        case 'v': fields |= k_kversion; break;
        case 'm': fields |= k_machine; break;
        case 'p': fields |= k_processor; break;
        case 'i': fields |= k_platform; break;
        case 'o': fields |= k_os; break;
        }
    }
    if (!parser.operands().empty())
        return extra_operand("uname", parser.operands().front());
    bool all = fields == ~0u;
    if (fields == 0)
        fields = k_sysname;
    std::vector<std::string> words;
    if (fields & k_sysname)
        words.emplace_back("Linux");
    if (fields & k_nodename)
        words.push_back(host_name());
    if (fields & k_release)
        words.emplace_back("6.1.0-secure-exec");
    if (fields & k_kversion)
        words.emplace_back("#1 SMP secure-exec");
    if (fields & k_machine)
        words.emplace_back("wasm32");
    if ((fields & k_processor) && !all)
        words.emplace_back("unknown");
    if ((fields & k_platform) && !all)
        words.emplace_back("unknown");
    if (fields & k_os)
        words.emplace_back("GNU/Linux");
    std::string line;
    for (size_t i = 0; i < words.size(); ++i)
        line += (i ? " " : "") + words[i];
    return write_all(1, line + "\n") ? 0 : 1;
}

}  // namespace toolbox
