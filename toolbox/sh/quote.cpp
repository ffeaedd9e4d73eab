#include "sh/quote.h"

#include <cstdio>

namespace sh {

namespace {

bool is_safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_-./=:,+@%^").find(c) != std::string_view::npos;
}

}  // namespace

std::string quote_single(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

namespace {

// What bash single-quotes in a trace: blanks, quotes, operators, reserved and glob characters,
// expansions; `~` where tilde expansion could see it and `#` where a comment could start.
bool has_shell_metas(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (std::string_view(" \t\n'\"\\|&;()<>!{}*[?]^$`").find(c) != std::string_view::npos)
            return true;
        if (c == '~' && (i == 0 || text[i - 1] == '=' || text[i - 1] == ':'))
            return true;
        if (c == '#' && i == 0)
            return true;
    }
    return false;
}

// The length of the valid UTF-8 sequence at `i`, or 0.
size_t utf8_length(std::string_view text, size_t i) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t length = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (length == 0 || i + length > text.size())
        return 0;
    for (size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
            return 0;
    return length;
}

// $'…' with octal escapes for what the locale cannot print (bash's ansic_quote); it is only
// reached for text without metas, so quotes, backslashes, tabs and newlines do not occur.
std::string quote_ansi_c(std::string_view text, bool utf8) {
    std::string out = "$'";
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (size_t length = c >= 0x80 && utf8 ? utf8_length(text, i) : 0) {
            out += text.substr(i, length);
            i += length - 1;
            continue;
        }
        switch (c) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '\v': out += "\\v"; break;
        case '\033': out += "\\E"; break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                char octal[8];
                std::snprintf(octal, sizeof octal, "\\%03o", c);
                out += octal;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "'";
}

bool needs_ansi_c(std::string_view text, bool utf8) {
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80 && utf8) {
            size_t length = utf8_length(text, i);
            if (length == 0)
                return true;
            i += length - 1;
        } else if (c < 0x20 || c >= 0x7f) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string quote_for_trace(std::string_view text, bool utf8) {
    if (text.empty())
        return "''";
    if (has_shell_metas(text))
        return quote_single(text);
    if (needs_ansi_c(text, utf8))
        return quote_ansi_c(text, utf8);
    return std::string(text);
}

std::string quote_double(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\' || c == '$' || c == '`')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string quote_escaped(std::string_view text) {
    if (text.empty())
        return "''";
    bool control = false;
    for (unsigned char c : text)
        control = control || c < 0x20 || c == 0x7f;
    if (control) {
        std::string out = "$'";
        for (unsigned char c : text) {
            switch (c) {
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\033': out += "\\E"; break;
            case '\'': out += "\\'"; break;
            case '\\': out += "\\\\"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char octal[8];
                    std::snprintf(octal, sizeof octal, "\\%03o", c);
                    out += octal;
                } else {
                    out += static_cast<char>(c);
                }
            }
        }
        return out + "'";
    }
    // As bash's %q: `,` and `^` (brace expansion, history) are escaped too; `~` and `#` only first.
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool safe = (is_safe(c) && c != ',' && c != '^') || (i > 0 && (c == '~' || c == '#'));
        if (!safe && !(static_cast<unsigned char>(c) & 0x80))
            out += '\\';
        out += c;
    }
    return out;
}

}  // namespace sh
