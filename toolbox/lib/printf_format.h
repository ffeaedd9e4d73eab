// printf_format.h — GNU coreutils printf's formatting: the FORMAT's backslash escapes, the %
// conversions (d i o u x X with C-style numeric arguments and 'c character codes; f F e E g G
// a A as double, since wasi-libc prints no long double and GNU's extra precision only shows past
// 15 digits; c s b q; * widths and precisions), the format reused while arguments remain, and
// GNU's diagnostics ("'x': expected a numeric value" ...), which set the status to 1.
//
//   PrintfFormatter formatter("printf");
//   std::string output;
//   int status = formatter.run(format, arguments, output);   // 0 or 1
//
// Thread safety: confined to the applet that made it.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace toolbox {

class PrintfFormatter final {
public:
    explicit PrintfFormatter(std::string_view program) : m_program(program) {}
    // Formats `arguments` with `format` into `output`; returns the exit status (1 after any
    // diagnostic). A \c escape stops all output there, as GNU printf does.
    int run(std::string_view format, std::span<const std::string_view> arguments, std::string& output);

private:
    // One pass over the format; the index of the next unused argument is advanced.
    void format_once(std::string_view format, std::span<const std::string_view> arguments, size_t& next,
                     std::string& output);
    // A backslash escape at `text` (after the backslash); returns the characters consumed.
    size_t escape(std::string_view text, bool octal_zero, std::string& output);
    long long signed_argument(std::string_view text);
    unsigned long long unsigned_argument(std::string_view text);
    double float_argument(std::string_view text);
    void complain(const std::string& message);

    std::string_view m_program;
    int m_status{0};
    bool m_stop{false};
};

}  // namespace toolbox
