// arch (coreutils: uname -m, "wasm32" here) and hostname (the net-tools command, reading only:
// the kernel's node name; -s cuts it at the first dot; setting a name is refused, as for a
// non-root user).
// applet: arch arch_main
// applet: hostname hostname_main
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/host_name.h"
#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr std::string_view k_arch_usage =
    "Usage: arch [OPTION]...\n"
    "Print machine architecture.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_hostname_usage =
    "Usage: hostname [-s|-f|-a|-d|-i|-I]          display host name\n"
    "       hostname -V|--version|-h|--help        print info and exit\n"
    "\n"
    "Program options:\n"
    "    -s, --short            short host name\n"
    "    -f, --fqdn, --long     long host name (FQDN)\n"
    "    -a, --alias            alias names\n"
    "    -d, --domain           DNS domain name\n"
    "    -i, --ip-address       addresses for the host name\n"
    "    -I, --all-ip-addresses all addresses for the host\n"
    "\n"
    "The sandbox's host name is fixed: it cannot be set from inside.\n";

constexpr LongOption k_arch_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_hostname_options[] = {
    {"short", Argument::none, 's'},
    {"fqdn", Argument::none, 'f'},
    {"long", Argument::none, 'f'},
    {"alias", Argument::none, 'a'},
    {"domain", Argument::none, 'd'},
    {"ip-address", Argument::none, 'i'},
    {"all-ip-addresses", Argument::none, 'I'},
    {"help", Argument::none, 'h'},
    {"version", Argument::none, 'V'},
};

}  // namespace

int arch_main(int argc, char** argv) {
    OptionParser parser("arch", argc, argv, "", k_arch_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_arch_usage);
        case k_version: return print_version("arch");
        default: return 1;
        }
    }
    if (!parser.operands().empty())
        return extra_operand("arch", parser.operands().front());
    return write_all(1, "wasm32\n") ? 0 : 1;
}

int hostname_main(int argc, char** argv) {
    char mode = 0;
    OptionParser parser("hostname", argc, argv, "sfadiIhV", k_hostname_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'h': return print_usage(k_hostname_usage);
        case 'V': return write_all(1, "hostname (secure-exec toolbox) 1.0\n") ? 0 : 1;
        case k_error: write_all(2, k_hostname_usage); return 1;
        default: mode = static_cast<char>(option.id); break;
        }
    }
    if (!parser.operands().empty()) {
        write_all(2, "hostname: you must be root to change the host name\n");
        return 1;
    }
    std::string name = host_name();
    switch (mode) {
    case 's': name = name.substr(0, name.find('.')); break;
    case 'd': {
        size_t dot = name.find('.');
        name = dot == std::string::npos ? "" : name.substr(dot + 1);
        break;
    }
    case 'a': name.clear(); break;
    case 'i':
    case 'I': name = mode == 'i' ? "127.0.0.1" : ""; break;
    default: break;
    }
    return write_all(1, name + "\n") ? 0 : 1;
}

}  // namespace toolbox
