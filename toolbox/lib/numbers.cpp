#include "lib/numbers.h"

#include <cstdint>

namespace toolbox {

namespace {

bool multiply(uint64_t& value, uint64_t factor, unsigned times) {
    for (unsigned i = 0; i < times; ++i) {
        if (value != 0 && factor > UINT64_MAX / value) {
            value = UINT64_MAX;
            return false;
        }
        value *= factor;
    }
    return true;
}

}  // namespace

// Mirrors gnulib xstrtol.c (xstrtoumax, base 10).
NumberStatus parse_count(std::string_view text, std::string_view suffixes, uint64_t& value) {
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
        ++i;
    if (i < text.size() && text[i] == '-')
        return NumberStatus::invalid;
    if (i < text.size() && text[i] == '+')
        ++i;
    size_t digits_start = i;
    value = 0;
    bool overflow = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        uint64_t digit = static_cast<uint64_t>(text[i] - '0');
        if (value > (UINT64_MAX - digit) / 10)
            overflow = true;
        else
            value = value * 10 + digit;
    }
    if (i == digits_start) {
        if (i < text.size() && !suffixes.empty() && suffixes.find(text[i]) != std::string_view::npos)
            value = 1;
        else
            return NumberStatus::invalid;
    }
    if (overflow)
        value = UINT64_MAX;
    if (i == text.size())
        return overflow ? NumberStatus::overflow : NumberStatus::ok;
    char suffix = text[i];
    if (suffixes.empty() || suffix == '0' || suffixes.find(suffix) == std::string_view::npos)
        return NumberStatus::invalid;
    uint64_t base = 1024;
    size_t suffix_length = 1;
    if (suffixes.find('0') != std::string_view::npos && i + 1 < text.size()) {
        char next = text[i + 1];
        if (next == 'i' && i + 2 < text.size() && text[i + 2] == 'B')
            suffix_length = 3;
        else if (next == 'B' || next == 'D') {
            base = 1000;
            suffix_length = 2;
        }
    }
    bool fits = true;
    switch (suffix) {
    case 'b': fits = multiply(value, 512, 1); break;
    case 'B': fits = multiply(value, 1024, 1); break;
    case 'c': break;
    case 'w': fits = multiply(value, 2, 1); break;
    case 'k': case 'K': fits = multiply(value, base, 1); break;
    case 'm': case 'M': fits = multiply(value, base, 2); break;
    case 'g': case 'G': fits = multiply(value, base, 3); break;
    case 't': case 'T': fits = multiply(value, base, 4); break;
    case 'P': fits = multiply(value, base, 5); break;
    case 'E': fits = multiply(value, base, 6); break;
    case 'Z': fits = multiply(value, base, 7); break;
    case 'Y': fits = multiply(value, base, 8); break;
    default: return NumberStatus::invalid;
    }
    if (i + suffix_length != text.size())
        return NumberStatus::invalid;
    return (overflow || !fits) ? NumberStatus::overflow : NumberStatus::ok;
}

NumberStatus parse_decimal(std::string_view text, uint64_t& value) {
    return parse_count(text, {}, value);
}

}  // namespace toolbox
