// printf_format.cpp — see printf_format.h. Each conversion is handed to the C library's
// snprintf with the flags, width and precision rebuilt, and the argument converted the way
// coreutils' printf.c does (strtoimax/strtoumax/strtold with its error reporting).
#include "lib/printf_format.h"

#include "lib/hex_digits.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lib/io.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

bool is_octal(char c) {
    return c >= '0' && c <= '7';
}

template <typename... Values>
std::string c_format(const std::string& spec, Values... values) {
    int length = std::snprintf(nullptr, 0, spec.c_str(), values...);
    if (length <= 0)
        return {};
    std::string text(static_cast<size_t>(length) + 1, '\0');
    std::snprintf(text.data(), text.size(), spec.c_str(), values...);
    text.resize(static_cast<size_t>(length));
    return text;
}

}  // namespace

void PrintfFormatter::complain(const std::string& message) {
    write_all(2, std::string(m_program) + ": " + message + "\n");
    m_status = 1;
}

size_t PrintfFormatter::escape(std::string_view text, bool octal_zero, std::string& output) {
    if (text.empty()) {
        output += '\\';
        return 0;
    }
    char c = text[0];
    if (c == 'x') {
        int value = 0;
        size_t used = 1;
        while (used < 3 && used < text.size() && toolbox::hex_digit_value(text[used]) >= 0)
            value = value * 16 + toolbox::hex_digit_value(text[used++]);
        if (used == 1) {
            complain("missing hexadecimal number in escape");
            return 1;
        }
        output += static_cast<char>(value);
        return used;
    }
    if (is_octal(c)) {
        size_t used = octal_zero && c == '0' ? 1 : 0;
        size_t start = used;
        int value = 0;
        while (used - start < 3 && used < text.size() && is_octal(text[used]))
            value = value * 8 + (text[used++] - '0');
        output += static_cast<char>(value & 0xff);
        return used;
    }
    switch (c) {
    case '"': output += '"'; return 1;
    case '\\': output += '\\'; return 1;
    case 'a': output += '\a'; return 1;
    case 'b': output += '\b'; return 1;
    case 'c': m_stop = true; return 1;
    case 'e': output += '\033'; return 1;
    case 'f': output += '\f'; return 1;
    case 'n': output += '\n'; return 1;
    case 'r': output += '\r'; return 1;
    case 't': output += '\t'; return 1;
    case 'v': output += '\v'; return 1;
    default: break;
    }
    if (c == 'u' || c == 'U') {
        size_t digits = c == 'u' ? 4 : 8;
        unsigned value = 0;
        size_t used = 1;
        while (used <= digits && used < text.size() && toolbox::hex_digit_value(text[used]) >= 0)
            value = value * 16 + static_cast<unsigned>(toolbox::hex_digit_value(text[used++]));
        if (used != digits + 1) {
            complain("missing hexadecimal number in escape");
            return used;
        }
        if ((value < 0xa0 && value != 0x24 && value != 0x40 && value != 0x60) || (value >= 0xd800 && value <= 0xdfff)) {
            complain(std::string("invalid universal character name \\") + c +
                     c_format(c == 'u' ? "%04x" : "%08x", value));
            m_stop = true;
            return used;
        }
        // The C locale cannot show the character: GNU prints the escape back.
        output += c_format(c == 'u' ? "\\u%04X" : "\\U%08X", value);
        return used;
    }
    output += '\\';
    output += c;
    return 1;
}

long long PrintfFormatter::signed_argument(std::string_view text) {
    if (!text.empty() && (text[0] == '\'' || text[0] == '"'))
        return text.size() > 1 ? static_cast<unsigned char>(text[1]) : 0;
    std::string copy(text);
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(copy.c_str(), &end, 0);
    int error = errno;
    if (error == ERANGE) {
        complain(quote(text) + ": Numerical result out of range");
    } else if (end == copy.c_str() && !copy.empty()) {
        complain(quote(text) + ": expected a numeric value");
    } else if (*end != '\0') {
        complain(quote(text) + ": value not completely converted");
    }
    return value;
}

unsigned long long PrintfFormatter::unsigned_argument(std::string_view text) {
    if (!text.empty() && (text[0] == '\'' || text[0] == '"'))
        return text.size() > 1 ? static_cast<unsigned char>(text[1]) : 0;
    std::string copy(text);
    errno = 0;
    char* end = nullptr;
    unsigned long long value = std::strtoull(copy.c_str(), &end, 0);
    int error = errno;
    if (error == ERANGE) {
        complain(quote(text) + ": Numerical result out of range");
    } else if (end == copy.c_str() && !copy.empty()) {
        complain(quote(text) + ": expected a numeric value");
    } else if (*end != '\0') {
        complain(quote(text) + ": value not completely converted");
    }
    return value;
}

double PrintfFormatter::float_argument(std::string_view text) {
    if (!text.empty() && (text[0] == '\'' || text[0] == '"'))
        return text.size() > 1 ? static_cast<unsigned char>(text[1]) : 0;
    std::string copy(text);
    errno = 0;
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    int error = errno;
    if (error == ERANGE) {
        complain(quote(text) + ": Numerical result out of range");
    } else if (end == copy.c_str() && !copy.empty()) {
        complain(quote(text) + ": expected a numeric value");
    } else if (*end != '\0') {
        complain(quote(text) + ": value not completely converted");
    }
    return value;
}

void PrintfFormatter::format_once(std::string_view format, std::span<const std::string_view> arguments,
                                  size_t& next, std::string& output) {
    auto take = [&]() -> std::string_view { return next < arguments.size() ? arguments[next++] : std::string_view(); };
    for (size_t i = 0; i < format.size() && !m_stop; ++i) {
        char c = format[i];
        if (c == '\\') {
            i += escape(format.substr(i + 1), false, output);
            continue;
        }
        if (c != '%') {
            output += c;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '%') {
            output += '%';
            ++i;
            continue;
        }
        std::string spec = "%";
        size_t j = i + 1;
        while (j < format.size() && std::strchr("-+ #0'", format[j]) && format[j] != '\0')
            spec += format[j++];
        auto width_or_star = [&]() {
            if (j < format.size() && format[j] == '*') {
                ++j;
                std::string_view argument = take();
                long long value = signed_argument(argument);
                if (value < -2147483647LL || value > 2147483647LL) {
                    complain(quote(argument) + ": invalid field width");
                    value = 0;
                }
                spec += std::to_string(value);
                return;
            }
            while (j < format.size() && format[j] >= '0' && format[j] <= '9')
                spec += format[j++];
        };
        width_or_star();
        if (j < format.size() && format[j] == '.') {
            spec += format[j++];
            width_or_star();
        }
        while (j < format.size() && std::strchr("hlLjtz", format[j]) && format[j] != '\0')
            ++j;
        if (j >= format.size()) {
            complain(std::string(format.substr(i)) + ": invalid conversion specification");
            m_stop = true;
            return;
        }
        char conversion = format[j];
        std::string_view whole = format.substr(i, j + 1 - i);
        i = j;
        switch (conversion) {
        case 'd':
        case 'i': output += c_format(spec + "lld", signed_argument(take())); break;
        case 'o':
        case 'u':
        case 'x':
        case 'X': output += c_format(spec + "ll" + conversion, unsigned_argument(take())); break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': output += c_format(spec + conversion, float_argument(take())); break;
        case 'c': {
            std::string_view argument = take();
            char ch = argument.empty() ? '\0' : argument[0];
            output += c_format(spec + "c", ch);
            break;
        }
        case 's':
        case 'b':
        case 'q': {
            std::string argument(take());
            if (conversion == 'b') {
                std::string expanded;
                for (size_t k = 0; k < argument.size() && !m_stop; ++k) {
                    if (argument[k] == '\\')
                        k += escape(std::string_view(argument).substr(k + 1), true, expanded);
                    else
                        expanded += argument[k];
                }
                argument = expanded;
            } else if (conversion == 'q') {
                argument = quote_file(argument);
            }
            // snprintf would stop at a NUL; pad by hand around the text instead.
            std::string body = argument;
            size_t dot = spec.find('.');
            if (dot != std::string::npos) {
                long precision = std::strtol(spec.c_str() + dot + 1, nullptr, 10);
                if (precision >= 0 && static_cast<size_t>(precision) < body.size())
                    body.resize(static_cast<size_t>(precision));
            }
            std::string width_spec = spec.substr(0, dot == std::string::npos ? spec.size() : dot);
            size_t digits = width_spec.find_first_of("0123456789");
            long width = 0;
            bool left = width_spec.find('-') != std::string::npos;
            if (digits != std::string::npos)
                width = std::strtol(width_spec.c_str() + digits, nullptr, 10);
            if (width < 0) {
                left = true;
                width = -width;
            }
            std::string padding(width > static_cast<long>(body.size()) ? static_cast<size_t>(width) - body.size() : 0, ' ');
            output += left ? body + padding : padding + body;
            break;
        }
        default:
            complain(std::string(whole) + ": invalid conversion specification");
            m_stop = true;
            return;
        }
    }
}

int PrintfFormatter::run(std::string_view format, std::span<const std::string_view> arguments, std::string& output) {
    size_t next = 0;
    do {
        size_t before = next;
        format_once(format, arguments, next, output);
        if (next == before)
            break;
    } while (next < arguments.size() && !m_stop);
    if (next < arguments.size() && !m_stop)
        write_all(2, std::string(m_program) + ": warning: ignoring excess arguments, starting with " +
                         quote(arguments[next]) + "\n");
    return m_status;
}

}  // namespace toolbox
