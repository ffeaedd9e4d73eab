#include "lib/signal_names.h"

#include <charconv>

namespace toolbox {

namespace {

// Linux's numbering; index = signal number.
constexpr std::string_view k_names[] = {"",     "HUP",  "INT",    "QUIT", "ILL",  "TRAP", "ABRT", "BUS",
                                        "FPE",  "KILL", "USR1",   "SEGV", "USR2", "PIPE", "ALRM", "TERM",
                                        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
                                        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"};

std::optional<int> decimal(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

}  // namespace

std::optional<std::string_view> classic_signal_name(int number) {
    if (number < 1 || number > 31)
        return std::nullopt;
    return k_names[number];
}

std::optional<std::string> signal_to_name(int number) {
    if (auto name = classic_signal_name(number))
        return std::string(*name);
    if (number < k_signal_rtmin || number > k_signal_max)
        return std::nullopt;
    int middle = (k_signal_rtmin + k_signal_max) / 2;
    if (number == k_signal_rtmin)
        return std::string("RTMIN");
    if (number == k_signal_max)
        return std::string("RTMAX");
    if (number <= middle)
        return "RTMIN+" + std::to_string(number - k_signal_rtmin);
    return "RTMAX-" + std::to_string(k_signal_max - number);
}

std::optional<int> name_to_signal(std::string_view name) {
    if (!name.empty() && name[0] >= '0' && name[0] <= '9') {
        auto number = decimal(name);
        if (!number || *number > k_signal_max)
            return std::nullopt;
        return number;
    }
    for (int number = 1; number <= 31; ++number)
        if (k_names[number] == name)
            return number;
    if (name == "IOT")
        return 6;
    if (name == "CLD")
        return 17;
    if (name == "IO")
        return 29;
    if (name == "EXIT")
        return 0;
    if (name.starts_with("RTMIN") || name.starts_with("RTMAX")) {
        bool minimum = name.starts_with("RTMIN");
        std::string_view rest = name.substr(5);
        int offset = 0;
        if (!rest.empty()) {
            if (rest[0] != (minimum ? '+' : '-'))
                return std::nullopt;
            auto value = decimal(rest.substr(1));
            if (!value)
                return std::nullopt;
            offset = *value;
        }
        int number = minimum ? k_signal_rtmin + offset : k_signal_max - offset;
        if (number < k_signal_rtmin || number > k_signal_max)
            return std::nullopt;
        return number;
    }
    return std::nullopt;
}

}  // namespace toolbox
