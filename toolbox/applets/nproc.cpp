// nproc, as GNU coreutils: the processors available (OMP_NUM_THREADS and OMP_THREAD_LIMIT as
// GNU reads them), --all, --ignore=N. The sandbox reports what wasi-libc's sysconf says.
// applet: nproc nproc_main
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <string>

#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: nproc [OPTION]...\n"
    "Print the number of processing units available to the current process,\n"
    "which may be less than the number of online processors\n"
    "\n"
    "      --all       print the number of installed processors\n"
    "      --ignore=N  if possible, exclude N processing units\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum LongId { k_all = k_long_only, k_ignore };

constexpr LongOption k_long_options[] = {
    {"all", Argument::none, k_all},
    {"ignore", Argument::required, k_ignore},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

bool parse_count(std::string_view text, unsigned long& value) {
    size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos)
        return false;
    text.remove_prefix(start);
    if (!text.empty() && text[0] == '+')
        text.remove_prefix(1);
    auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
}

// gnulib nproc.c parse_omp_threads(): the first number of a comma-separated list.
unsigned long omp_threads(const char* name) {
    const char* value = std::getenv(name);
    if (!value)
        return 0;
    std::string_view text(value);
    unsigned long count = 0;
    size_t comma = text.find(',');
    if (!parse_count(text.substr(0, comma), count))
        return 0;
    return count;
}

}  // namespace

int nproc_main(int argc, char** argv) {
    bool all = false;
    unsigned long ignore = 0;
    OptionParser parser("nproc", argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("nproc");
        case k_all: all = true; break;
        case k_ignore:
            if (!parse_count(option.argument, ignore)) {
                write_all(2, std::string("nproc: invalid number: ") + quote(option.argument) + "\n");
                return 1;
            }
            break;
        }
    }
    if (!parser.operands().empty())
        return extra_operand("nproc", parser.operands().front());
    long online = ::sysconf(all ? _SC_NPROCESSORS_CONF : _SC_NPROCESSORS_ONLN);
    unsigned long count = online > 0 ? static_cast<unsigned long>(online) : 1;
    if (!all) {
        unsigned long threads = omp_threads("OMP_NUM_THREADS");
        unsigned long limit = omp_threads("OMP_THREAD_LIMIT");
        if (threads > 0)
            count = threads;
        if (limit > 0 && count > limit)
            count = limit;
    }
    count = ignore < count ? count - ignore : 1;
    return write_all(1, std::to_string(count) + "\n") ? 0 : 1;
}

}  // namespace toolbox
