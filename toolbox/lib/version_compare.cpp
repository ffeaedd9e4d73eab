#include "lib/version_compare.h"

namespace toolbox {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of `name` without its file suffix: the longest tail matching
// (\.[A-Za-z~][A-Za-z0-9~]*)*$ that does not start the name.
size_t without_suffix(std::string_view name) {
    size_t prefix = 0;
    size_t i = 0;
    while (i < name.size()) {
        ++i;
        prefix = i;
        while (i + 1 < name.size() && name[i] == '.' && (is_alpha(name[i + 1]) || name[i + 1] == '~')) {
            for (i += 2; i < name.size() && (is_alpha(name[i]) || is_digit(name[i]) || name[i] == '~'); ++i) {
            }
        }
    }
    return prefix;
}

// The weight of the byte at `position` outside digit runs: the end sorts before anything but '~',
// letters before other bytes.
int weight(std::string_view text, size_t position) {
    if (position == text.size())
        return -1;
    unsigned char c = static_cast<unsigned char>(text[position]);
    if (is_digit(static_cast<char>(c)))
        return 0;
    if (is_alpha(static_cast<char>(c)))
        return c;
    if (c == '~')
        return -2;
    return c + 256;
}

// Debian's version comparison (dpkg verrevcmp): alternating non-digit and digit runs.
int compare_versions(std::string_view a, std::string_view b) {
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() || j < b.size()) {
        while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
            int wa = weight(a, i);
            int wb = weight(b, j);
            if (wa != wb)
                return wa - wb;
            ++i;
            ++j;
        }
        while (i < a.size() && a[i] == '0')
            ++i;
        while (j < b.size() && b[j] == '0')
            ++j;
        int first_difference = 0;
        while (i < a.size() && j < b.size() && is_digit(a[i]) && is_digit(b[j])) {
            if (first_difference == 0)
                first_difference = a[i] - b[j];
            ++i;
            ++j;
        }
        if (i < a.size() && is_digit(a[i]))
            return 1;
        if (j < b.size() && is_digit(b[j]))
            return -1;
        if (first_difference != 0)
            return first_difference;
    }
    return 0;
}

}  // namespace

// Mirrors gnulib filevercmp.c filenvercmp().
int version_compare(std::string_view a, std::string_view b) {
    if (a.empty())
        return b.empty() ? 0 : -1;
    if (b.empty())
        return 1;
    if (a[0] == '.') {
        if (b[0] != '.')
            return -1;
        bool a_dot = a.size() == 1;
        bool b_dot = b.size() == 1;
        if (a_dot || b_dot)
            return a_dot && b_dot ? 0 : a_dot ? -1 : 1;
        bool a_dotdot = a[1] == '.' && a.size() == 2;
        bool b_dotdot = b[1] == '.' && b.size() == 2;
        if (a_dotdot || b_dotdot)
            return a_dotdot && b_dotdot ? 0 : a_dotdot ? -1 : 1;
    } else if (b[0] == '.') {
        return 1;
    }
    size_t a_prefix = without_suffix(a);
    size_t b_prefix = without_suffix(b);
    bool one_pass = a_prefix == a.size() && b_prefix == b.size();
    int result = compare_versions(a.substr(0, a_prefix), b.substr(0, b_prefix));
    if (result != 0 || one_pass)
        return result;
    return compare_versions(a, b);
}

}  // namespace toolbox
