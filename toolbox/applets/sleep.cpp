// sleep, as GNU coreutils: the sum of its operands, each a floating-point number (decimal or
// hex, "inf" too) with an optional unit s, m, h or d.
// applet: sleep sleep_main
#include <time.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: sleep NUMBER[SUFFIX]...\n"
    "  or:  sleep OPTION\n"
    "Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n"
    "'m' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\n"
    "integer.  Given two or more arguments, pause for the amount of time\n"
    "specified by the sum of their values.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// sleep.c apply_suffix() after xstrtod: seconds, or -1 when the operand is not a time.
double parse_interval(const std::string& text) {
    if (text.empty())
        return -1;
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || value < 0 || std::isnan(value))
        return -1;
    std::string_view suffix(end);
    double multiplier = 1;
    if (suffix.size() == 1) {
        switch (suffix[0]) {
        case 's': multiplier = 1; break;
        case 'm': multiplier = 60; break;
        case 'h': multiplier = 3600; break;
        case 'd': multiplier = 86400; break;
        default: return -1;
        }
    } else if (!suffix.empty()) {
        return -1;
    }
    return value * multiplier;
}

}  // namespace

int sleep_main(int argc, char** argv) {
    OptionParser parser("sleep", argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("sleep");
        }
    }
    if (parser.operands().empty())
        return missing_operand("sleep");
    double total = 0;
    bool ok = true;
    for (std::string_view operand : parser.operands()) {
        double seconds = parse_interval(std::string(operand));
        if (seconds < 0) {
            write_all(2, "sleep: invalid time interval " + quote(operand) + "\n");
            ok = false;
            continue;
        }
        total += seconds;
    }
    if (!ok)
        return try_help("sleep");
    // Whole seconds first, so huge and infinite intervals need no special case.
    while (total > 0) {
        double chunk = std::min(total, 86400.0 * 365);
        timespec request{};
        request.tv_sec = static_cast<time_t>(chunk);
        request.tv_nsec = static_cast<long>((chunk - static_cast<double>(request.tv_sec)) * 1e9);
        if (request.tv_sec == 0 && request.tv_nsec == 0)
            break;
        timespec remaining{};
        while (::nanosleep(&request, &remaining) != 0 && errno == EINTR)
            request = remaining;
        if (!std::isinf(total))
            total -= chunk;
    }
    return 0;
}

}  // namespace toolbox
