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

std::string quote_for_trace(std::string_view text) {
    if (text.empty())
        return "''";
    for (char c : text)
        if (!is_safe(c) && c != '~' && c != '#' && c != '!' && c != '[' && c != ']' && c != '{' && c != '}')
            return quote_single(text);
    if (text[0] == '~' || text[0] == '#')
        return quote_single(text);
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
