// ansi_c.cpp — $'…' escapes; see ansi_c.h.
#include "sh/lang/ansi_c.h"

#include "lib/hex_digits.h"

#include <cstdint>

namespace sh {

namespace {

void append_utf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
        out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | ((code >> 18) & 0x07)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

// Reads up to `max_digits` digits of `base` at text[index]; advances index past them.
uint32_t read_number(std::string_view text, size_t& index, int base, size_t max_digits, size_t& digits) {
    uint32_t value = 0;
    digits = 0;
    while (index < text.size() && digits < max_digits) {
        int digit = base == 8 ? (text[index] >= '0' && text[index] <= '7' ? text[index] - '0' : -1)
                              : toolbox::hex_digit_value(text[index]);
        if (digit < 0)
            break;
        value = value * static_cast<uint32_t>(base) + static_cast<uint32_t>(digit);
        ++index;
        ++digits;
    }
    return value;
}

char simple_escape(char c) {
    switch (c) {
    case 'a': return '\a';
    case 'b': return '\b';
    case 'e':
    case 'E': return '\x1b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case '?': return '?';
    default: return 0;
    }
}

}  // namespace

std::string decode_ansi_c(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        char c = text[i++];
        if (c != '\\' || i >= text.size()) {
            if (c == '\0')
                return out;
            out.push_back(c);
            continue;
        }
        char escape = text[i++];
        size_t digits = 0;
        uint32_t value = 0;
        if (char simple = simple_escape(escape)) {
            out.push_back(simple);
        } else if (escape >= '0' && escape <= '7') {
            --i;
            value = read_number(text, i, 8, 3, digits) & 0xFF;
            if (value == 0)
                return out;
            out.push_back(static_cast<char>(value));
        } else if (escape == 'x' || escape == 'u' || escape == 'U') {
            size_t max_digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
            value = read_number(text, i, 16, max_digits, digits);
            if (digits == 0) {
                out.push_back('\\');
                out.push_back(escape);
            } else if (value == 0) {
                return out;
            } else if (escape == 'x') {
                out.push_back(static_cast<char>(value));
            } else {
                append_utf8(out, value > 0x10FFFF ? 0xFFFD : value);
            }
        } else if (escape == 'c' && i < text.size()) {
            char control = text[i++];
            if (control == '\\' && i < text.size() && text[i] == '\\')
                ++i;  // \c\\ is control-backslash
            value = control == '?' ? 0x7F : (static_cast<unsigned char>(control) & 0x1F);
            if (value == 0)
                return out;
            out.push_back(static_cast<char>(value));
        } else {
            out.push_back('\\');
            out.push_back(escape);
        }
    }
    return out;
}

}  // namespace sh
