#include "sh/builtins/signals.h"

#include <cctype>
#include <charconv>

#include "sh/shell.h"

namespace sh {

namespace {

constexpr std::string_view k_names[] = {"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
                                        "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
                                        "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
                                        "WINCH", "IO", "PWR", "SYS"};

}  // namespace

std::optional<int> signal_number(std::string_view name, bool allow_pseudo) {
    int number = 0;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
    if (!name.empty() && error == std::errc{} && end == name.data() + name.size())
        return number >= 0 && number < 65 ? std::optional<int>(number) : std::nullopt;
    std::string upper;
    for (char c : name)
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.rfind("SIG", 0) == 0)
        upper = upper.substr(3);
    if (allow_pseudo) {
        if (upper == "ERR") return k_err_trap;
        if (upper == "RETURN") return k_return_trap;
        if (upper == "DEBUG") return k_debug_trap;
    }
    for (size_t i = 0; i < std::size(k_names); ++i)
        if (k_names[i] == upper && (i != 0 || allow_pseudo))
            return static_cast<int>(i);
    return std::nullopt;
}

std::string signal_name(int number) {
    if (number == k_err_trap) return "ERR";
    if (number == k_return_trap) return "RETURN";
    if (number == k_debug_trap) return "DEBUG";
    if (number >= 0 && number < static_cast<int>(std::size(k_names)))
        return std::string(k_names[number]);
    return std::to_string(number);
}

}  // namespace sh
