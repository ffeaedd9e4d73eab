// seq, as GNU coreutils: FIRST [INCREMENT] LAST with -s SEP, -w (equal width, zero padded) and
// -f FORMAT (one %e %f %g %a directive). Non-negative integer operands without -w/-f are counted
// exactly as decimal strings, however large (GNU's seq_fast); anything else is floating point,
// printed with the precision the operands were written with (seq.c scan_arg() and
// get_default_format()). FIXME: GNU computes in long double, we in double (the toolbox has no
// long double printf), so values past 2^53 and %a output can differ.
// applet: seq seq_main
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "seq";

constexpr std::string_view k_usage =
    "Usage: seq [OPTION]... LAST\n"
    "  or:  seq [OPTION]... FIRST LAST\n"
    "  or:  seq [OPTION]... FIRST INCREMENT LAST\n"
    "Print numbers from FIRST to LAST, in steps of INCREMENT.\n"
    "\n"
    "  -f, --format=FORMAT      use printf style floating-point FORMAT\n"
    "  -s, --separator=STRING   use STRING to separate numbers (default: \\n)\n"
    "  -w, --equal-width        equalize width by padding with leading zeroes\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an\n"
    "omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.\n";

constexpr LongOption k_long_options[] = {
    {"format", Argument::required, 'f'},
    {"separator", Argument::required, 's'},
    {"equal-width", Argument::none, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Operand {
    double value{1};
    int width{0};
    int precision{0};  // INT_MAX: unknown (hex floats)
};

int fail(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

int usage_fail(const std::string& message) {
    fail(message);
    return try_help(k_program);
}

bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// seq.c scan_arg(); false after the message.
bool scan_operand(const char* text, Operand& operand) {
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || (errno == ERANGE && std::isinf(value) && false)) {
        usage_fail("invalid floating point argument: " + quote(text));
        return false;
    }
    if (std::isnan(value)) {
        usage_fail("invalid 'not-a-number' argument: " + quote(text));
        return false;
    }
    operand.value = value;
    const char* arg = text;
    while (is_space(*arg) || *arg == '+')
        ++arg;
    operand.width = 0;
    operand.precision = INT_MAX;
    const char* decimal_point = std::strchr(arg, '.');
    if (decimal_point == nullptr && std::strchr(arg, 'p') == nullptr)
        operand.precision = 0;
    if (arg[std::strcspn(arg, "xX")] == '\0' && std::isfinite(value)) {
        long width = static_cast<long>(std::strlen(arg));
        if (decimal_point != nullptr) {
            size_t fraction = std::strcspn(decimal_point + 1, "eE");
            if (fraction <= INT_MAX)
                operand.precision = static_cast<int>(fraction);
            if (fraction == 0)
                width -= 1;
            else if (decimal_point == arg || !(decimal_point[-1] >= '0' && decimal_point[-1] <= '9'))
                width += 1;
        }
        const char* e = std::strchr(arg, 'e');
        if (e == nullptr)
            e = std::strchr(arg, 'E');
        if (e != nullptr) {
            long exponent = std::strtol(e + 1, nullptr, 10);
            if (exponent < -LONG_MAX)
                exponent = -LONG_MAX;
            long precision = operand.precision;
            precision += exponent < 0 ? -exponent : -std::min<long>(precision, exponent);
            operand.precision = precision > INT_MAX ? INT_MAX : static_cast<int>(precision);
            width -= static_cast<long>(std::strlen(arg)) - (e - arg);
            if (exponent < 0) {
                if (decimal_point != nullptr) {
                    if (e == decimal_point + 1)
                        ++width;
                } else {
                    ++width;
                }
                exponent = -exponent;
            } else {
                if (decimal_point != nullptr && operand.precision == 0 && exponent != 0)
                    --width;
                exponent -= std::min<long>(operand.precision, exponent);
            }
            width += exponent;
        }
        operand.width = static_cast<int>(width);
    }
    return true;
}

// seq.c long_double_format(): checks the user's format; returns it for double, or "" after
// the message.
std::string checked_format(const std::string& format) {
    size_t i = 0;
    while (!(format[i] == '%' && format[i + 1] != '%')) {
        if (format[i] == '\0') {
            fail("format " + quote(format) + " has no % directive");
            return {};
        }
        i += (format[i] == '%') + 1;
    }
    ++i;
    i += std::strspn(format.c_str() + i, "-+#0 '");
    i += std::strspn(format.c_str() + i, "0123456789");
    if (format[i] == '.') {
        ++i;
        i += std::strspn(format.c_str() + i, "0123456789");
    }
    size_t modifier = i;
    bool has_long = format[i] == 'L';
    i += has_long;
    if (format[i] == '\0') {
        fail("format " + quote(format) + " ends in %");
        return {};
    }
    if (std::strchr("efgaEFGA", format[i]) == nullptr) {
        fail("format " + quote(format) + " has unknown %" + format[i] + " directive");
        return {};
    }
    for (++i;; i += (format[i] == '%') + 1) {
        if (format[i] == '%' && format[i + 1] != '%') {
            fail("format " + quote(format) + " has too many % directives");
            return {};
        }
        if (format[i] == '\0')
            break;
    }
    std::string out = format;
    if (has_long)
        out.erase(modifier, 1);
    return out;
}

std::string default_format(const Operand& first, const Operand& step, const Operand& last, bool equal_width) {
    int precision = std::max(first.precision, step.precision);
    if (precision == INT_MAX || last.precision == INT_MAX)
        return "%g";
    if (!equal_width)
        return "%." + std::to_string(precision) + "f";
    long first_width = first.width + (precision - first.precision);
    long last_width = last.width + (precision - last.precision);
    if (last.precision != 0 && precision == 0)
        --last_width;
    if (last.precision == 0 && precision != 0)
        ++last_width;
    if (first.precision == 0 && precision != 0)
        ++first_width;
    long width = std::max(first_width, last_width);
    return "%0" + std::to_string(width) + "." + std::to_string(precision) + "f";
}

std::string format_number(const std::string& format, double value) {
    char buffer[512];
    int length = std::snprintf(buffer, sizeof buffer, format.c_str(), value);
    if (length < 0)
        return {};
    if (static_cast<size_t>(length) < sizeof buffer)
        return std::string(buffer, static_cast<size_t>(length));
    std::string big(static_cast<size_t>(length) + 1, '\0');
    std::snprintf(big.data(), big.size(), format.c_str(), value);
    big.resize(static_cast<size_t>(length));
    return big;
}

// seq.c print_numbers(): x = first + i * step, with one more number when it prints as LAST.
void print_numbers(const std::string& format, const Operand& first, const Operand& step, const Operand& last,
                   const std::string& separator, Output& out) {
    double a = first.value;
    double s = step.value;
    double b = last.value;
    bool out_of_range = s < 0 ? a < b : b < a;
    if (out_of_range)
        return;
    double x = a;
    for (double i = 1;; ++i) {
        double previous = x;
        out.write(format_number(format, x));
        if (out.failed())
            return;
        x = a + i * s;
        out_of_range = s < 0 ? x < b : b < x;
        if (out_of_range) {
            std::string text = format_number(format, x);
            // Compare the number part, as GNU does after its prefix.
            size_t start = 0;
            while (start < text.size() && !(text[start] == '-' || text[start] == '+' || text[start] == '.' ||
                                             (text[start] >= '0' && text[start] <= '9') || text[start] == 'i' ||
                                             text[start] == 'n'))
                ++start;
            char* end = nullptr;
            double value = std::strtod(text.c_str() + start, &end);
            bool print_extra = end != text.c_str() + start && value == b && text != format_number(format, previous);
            if (!print_extra)
                break;
        }
        out.write(separator);
    }
    out.write("\n");
}

bool all_digits(const char* text) {
    if (*text == '\0')
        return false;
    for (; *text != '\0'; ++text)
        if (*text < '0' || *text > '9')
            return false;
    return true;
}

// Decimal strings without leading zeros.
std::string strip_zeros(const char* text) {
    std::string_view digits(text);
    while (digits.size() > 1 && digits[0] == '0')
        digits.remove_prefix(1);
    return std::string(digits);
}

int compare_decimal(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

std::string add_decimal(const std::string& a, const std::string& b) {
    std::string sum;
    int carry = 0;
    size_t i = a.size();
    size_t j = b.size();
    while (i > 0 || j > 0 || carry != 0) {
        int digit = carry;
        if (i > 0)
            digit += a[--i] - '0';
        if (j > 0)
            digit += b[--j] - '0';
        sum.push_back(static_cast<char>('0' + digit % 10));
        carry = digit / 10;
    }
    return std::string(sum.rbegin(), sum.rend());
}

// seq.c seq_fast(): exact counting over decimal strings.
void seq_fast(const std::string& first, const std::string& step, const std::string& last,
              const std::string& separator, Output& out) {
    std::string value = first;
    if (compare_decimal(value, last) > 0)
        return;
    out.write(value);
    while (!out.failed()) {
        value = add_decimal(value, step);
        if (compare_decimal(value, last) > 0)
            break;
        out.write(separator);
        out.write(value);
    }
    out.write("\n");
}

}  // namespace

int seq_main(int argc, char** argv) {
    std::string format;
    bool have_format = false;
    std::string separator = "\n";
    bool equal_width = false;
    // A "-5" or "-.5" is a negative operand, and ends the options (seq.c main()).
    OptionParser parser(k_program, argc, argv, "+f:s:w", k_long_options);
    parser.treat_negative_numbers_as_operands();
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'f':
            format = option.argument;
            have_format = true;
            break;
        case 's': separator = option.argument; break;
        case 'w': equal_width = true; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    std::vector<char*> operands;
    for (std::string_view operand : parser.operands())
        operands.push_back(const_cast<char*>(operand.data()));
    char** args = operands.data();
    int index = 0;
    int count = static_cast<int>(operands.size());
    if (count < 1)
        return usage_fail("missing operand");
    if (count > 3)
        return usage_fail("extra operand " + quote(args[index + 3]));
    if (have_format && equal_width)
        return usage_fail("format string may not be specified when printing equal width strings");
    if (have_format) {
        format = checked_format(format);
        if (format.empty())
            return 1;
    }
    Operand first;
    Operand step;
    Operand last;
    if (!scan_operand(args[index], last))
        return 1;
    if (count >= 2) {
        first = last;
        if (!scan_operand(args[index + 1], last))
            return 1;
        if (count == 3) {
            step = last;
            if (step.value == 0)
                return usage_fail("invalid Zero increment value: " + quote(args[index + 1]));
            if (!scan_operand(args[index + 2], last))
                return 1;
        }
    }
    Output out;
    bool integers = all_digits(args[index]) && (count < 2 || all_digits(args[index + 1])) &&
                    (count < 3 || all_digits(args[index + 2]));
    if (integers && !equal_width && !have_format) {
        std::string a = count >= 2 ? strip_zeros(args[index]) : "1";
        std::string s = count == 3 ? strip_zeros(args[index + 1]) : "1";
        std::string b = strip_zeros(args[index + count - 1]);
        seq_fast(a, s, b, separator, out);
        return finish(out, k_program, 0);
    }
    if (!have_format)
        format = default_format(first, step, last, equal_width);
    print_numbers(format, first, step, last, separator, out);
    return finish(out, k_program, 0);
}

}  // namespace toolbox
