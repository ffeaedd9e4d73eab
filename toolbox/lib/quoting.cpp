#include "lib/quoting.h"

#include <cstring>

namespace toolbox {

namespace {

bool printable(unsigned char c) {
    return c >= 0x20 && c < 0x7f;
}

// The C escape for an unprintable byte: \n, \t ... or three octal digits.
void append_escape(std::string& out, unsigned char c) {
    static constexpr char k_letters[] = "abtnvfr";  // \a is 7 ... \r is 13
    out.push_back('\\');
    if (c >= 7 && c <= 13) {
        out.push_back(k_letters[c - 7]);
        return;
    }
    out.push_back(static_cast<char>('0' + ((c >> 6) & 7)));
    out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
    out.push_back(static_cast<char>('0' + (c & 7)));
}

// Mirrors gnulib quotearg.c: characters the shell treats specially somewhere in a word.
bool shell_special(std::string_view name, size_t index) {
    char c = name[index];
    if (c == '#' || c == '~')
        return index == 0;
    if (c == '{' || c == '}')
        return name.size() == 1;
    return std::strchr(" !\"$&()*;<=>?[\\^`|'", c) != nullptr;
}

// Characters that read the same inside "…" as inside '…' (gnulib's c_and_shell_quote_compat),
// which lets a name with a single quote be written "it's" instead of 'it'\''s'.
bool double_quote_compatible(std::string_view name, size_t index) {
    unsigned char c = static_cast<unsigned char>(name[index]);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    if (c == '#' || c == '~')
        return index == 0;
    if (c == '{' || c == '}')
        return name.size() == 1;
    return std::strchr("%+,-./:@]_ '", c) != nullptr && c != 0;
}

std::string shell_quote(std::string_view name, bool always) {
    bool needs_quotes = always || name.empty();
    bool has_single_quote = false;
    bool compatible = true;
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (!printable(c) || shell_special(name, i))
            needs_quotes = true;
        if (c == '\'')
            has_single_quote = true;
        if (!printable(c) || !double_quote_compatible(name, i))
            compatible = false;
    }
    if (!needs_quotes)
        return std::string(name);
    if (has_single_quote && compatible)
        return "\"" + std::string(name) + "\"";
    std::string out = "'";
    bool in_quotes = true;
    bool in_escape = false;
    for (unsigned char c : name) {
        if (!printable(c)) {
            if (in_quotes)
                out += "'";
            if (!in_escape)
                out += "$'";
            in_quotes = false;
            in_escape = true;
            append_escape(out, c);
            continue;
        }
        if (in_escape) {
            out += "'";
            in_escape = false;
        }
        if (!in_quotes) {
            out += "'";
            in_quotes = true;
        }
        if (c == '\'')
            out += "'\\''";
        else
            out.push_back(static_cast<char>(c));
    }
    if (in_quotes || in_escape)
        out += "'";
    return out;
}

}  // namespace

std::string quote(std::string_view text) {
    std::string out = "'";
    for (unsigned char c : text) {
        if (c == '\\' || c == '\'') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (printable(c)) {
            out.push_back(static_cast<char>(c));
        } else {
            append_escape(out, c);
        }
    }
    return out + "'";
}

std::string quote_file(std::string_view name) {
    return shell_quote(name, false);
}

std::string quote_file_always(std::string_view name) {
    return shell_quote(name, true);
}

}  // namespace toolbox
