// echo, as GNU coreutils: options -n -e -E (only leading, only made of those letters), escapes
// under -e: \\ \a \b \c (stop) \e \f \n \r \t \v \0NNN (octal) \xHH (hex).
// applet: echo echo_main
#include <cstdio>
#include <string>
#include <string_view>

#include "lib/hex_digits.h"
#include "applet.h"

namespace toolbox {

namespace {

bool is_option(std::string_view argument) {
    if (argument.size() < 2 || argument[0] != '-')
        return false;
    for (char c : argument.substr(1))
        if (c != 'n' && c != 'e' && c != 'E')
            return false;
    return true;
}

// Appends `text` with escapes expanded; false when \c asked to stop all output.
bool expand(std::string_view text, std::string& out) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out.push_back(text[i]);
            continue;
        }
        char c = text[++i];
        switch (c) {
        case '\\': out.push_back('\\'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'c': return false;
        case 'e': out.push_back('\x1b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'v': out.push_back('\v'); break;
        case '0': {
            int value = 0;
            for (int digits = 0; digits < 3 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++digits)
                value = value * 8 + (text[++i] - '0');
            out.push_back(static_cast<char>(value));
            break;
        }
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && i + 1 < text.size() && toolbox::hex_digit_value(text[i + 1]) >= 0) {
                value = value * 16 + toolbox::hex_digit_value(text[++i]);
                ++digits;
            }
            if (digits == 0) {
                out += "\\x";
                break;
            }
            out.push_back(static_cast<char>(value));
            break;
        }
        default:
            out.push_back('\\');
            out.push_back(c);
        }
    }
    return true;
}

}  // namespace

int echo_main(int argc, char** argv) {
    bool newline = true;
    bool escapes = false;
    int first = 1;
    for (; first < argc && is_option(argv[first]); ++first) {
        for (char c : std::string_view(argv[first]).substr(1)) {
            newline = newline && c != 'n';
            escapes = c == 'e' ? true : c == 'E' ? false : escapes;
        }
    }
    std::string out;
    bool keep_going = true;
    for (int i = first; i < argc && keep_going; ++i) {
        if (i > first)
            out.push_back(' ');
        if (escapes)
            keep_going = expand(argv[i], out);
        else
            out += argv[i];
    }
    if (newline && keep_going)
        out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace toolbox
