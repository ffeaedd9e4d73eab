#include "lib/sort_keys.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "lib/quoting.h"
#include "lib/version_compare.h"

namespace toolbox {

namespace {

// coreutils' blanks[]: isblank() in the C locale, plus newline (a line may hold one under -z).
bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

bool is_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool ignored(KeyIgnore ignore, unsigned char c) {
    switch (ignore) {
    case KeyIgnore::none: return false;
    case KeyIgnore::nondictionary: return !is_alnum(c) && !is_blank(static_cast<char>(c));
    case KeyIgnore::nonprinting: return !(c >= 0x20 && c < 0x7f);
    }
    return false;
}

unsigned char fold(unsigned char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<unsigned char>(c - 'a' + 'A') : c;
}

// Where the key starts in `line` (begfield).
size_t key_begin(const SortOrder& order, const SortKey& key, std::string_view line) {
    size_t position = 0;
    size_t limit = line.size();
    size_t fields = key.start_field;
    if (order.tab >= 0) {
        char tab = static_cast<char>(order.tab);
        while (position < limit && fields-- > 0) {
            while (position < limit && line[position] != tab)
                ++position;
            if (position < limit)
                ++position;
        }
    } else {
        while (position < limit && fields-- > 0) {
            while (position < limit && is_blank(line[position]))
                ++position;
            while (position < limit && !is_blank(line[position]))
                ++position;
        }
    }
    if (key.skip_start_blanks)
        while (position < limit && is_blank(line[position]))
            ++position;
    return std::min(limit, position + key.start_char);
}

// Where the key ends in `line` (limfield).
size_t key_end(const SortOrder& order, const SortKey& key, std::string_view line) {
    size_t position = 0;
    size_t limit = line.size();
    size_t fields = key.end_field;
    size_t chars = key.end_char;
    if (chars == 0)
        ++fields;  // all of the end field
    if (order.tab >= 0) {
        char tab = static_cast<char>(order.tab);
        while (position < limit && fields-- > 0) {
            while (position < limit && line[position] != tab)
                ++position;
            if (position < limit && (fields != 0 || chars != 0))
                ++position;
        }
    } else {
        while (position < limit && fields-- > 0) {
            while (position < limit && is_blank(line[position]))
                ++position;
            while (position < limit && !is_blank(line[position]))
                ++position;
        }
    }
    if (chars != 0) {
        if (key.skip_end_blanks)
            while (position < limit && is_blank(line[position]))
                ++position;
        position = std::min(limit, position + chars);
    }
    return position;
}

std::string_view skip_blanks(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && is_blank(text[i]))
        ++i;
    return text.substr(i);
}

// A decimal number as strnumcmp reads it: sign, integer digits without leading zeros, fraction
// digits without trailing zeros. No thousands separator in the C locale.
struct Decimal {
    bool negative{false};
    std::string_view integer;
    std::string_view fraction;
    bool zero() const { return integer.empty() && fraction.empty(); }
};

Decimal read_decimal(std::string_view text) {
    Decimal number;
    size_t i = 0;
    if (i < text.size() && text[i] == '-') {
        number.negative = true;
        ++i;
    }
    while (i < text.size() && text[i] == '0')
        ++i;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        ++i;
    number.integer = text.substr(start, i - start);
    if (i < text.size() && text[i] == '.') {
        size_t fraction_start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        size_t end = i;
        while (end > fraction_start && text[end - 1] == '0')
            --end;
        number.fraction = text.substr(fraction_start, end - fraction_start);
    }
    return number;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
    if (a.integer.size() != b.integer.size())
        return a.integer.size() < b.integer.size() ? -1 : 1;
    if (int c = a.integer.compare(b.integer))
        return c < 0 ? -1 : 1;
    if (int c = a.fraction.compare(b.fraction))
        return c < 0 ? -1 : 1;
    return 0;
}

// Mirrors gnulib strnumcmp(): -0 equals 0; a '+' or anything else ends the number.
int compare_decimal(std::string_view a, std::string_view b) {
    Decimal x = read_decimal(a);
    Decimal y = read_decimal(b);
    bool x_negative = x.negative && !x.zero();
    bool y_negative = y.negative && !y.zero();
    if (x_negative != y_negative)
        return x_negative ? -1 : 1;
    int magnitude = compare_magnitude(x, y);
    return x_negative ? -magnitude : magnitude;
}

// sort.c find_unit_order(): the SI suffix rank of a -h number, negated for negative numbers;
// 0 when the number is zero or has no suffix.
int unit_order(std::string_view text) {
    static constexpr std::string_view k_units = "KMGTPEZY";
    bool negative = !text.empty() && text[0] == '-';
    size_t i = negative ? 1 : 0;
    bool nonzero = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        nonzero |= text[i++] != '0';
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            nonzero |= text[i++] != '0';
    }
    if (!nonzero || i >= text.size())
        return 0;
    char unit = text[i] == 'k' ? 'K' : text[i];
    size_t rank = k_units.find(unit);
    int order = rank == std::string_view::npos ? 0 : static_cast<int>(rank) + 1;
    return negative ? -order : order;
}

int compare_human(std::string_view a, std::string_view b) {
    a = skip_blanks(a);
    b = skip_blanks(b);
    int difference = unit_order(a) - unit_order(b);
    return difference != 0 ? difference : compare_decimal(a, b);
}

int compare_general(std::string_view a, std::string_view b) {
    std::string x(a);
    std::string y(b);
    char* x_end = nullptr;
    char* y_end = nullptr;
    // FIXME: GNU compares long doubles; the toolbox is linked without wasi-libc's long double
    // scanf support, so doubles it is (differences only past 15-17 significant digits).
    double p = std::strtod(x.c_str(), &x_end);
    double q = std::strtod(y.c_str(), &y_end);
    bool x_number = x_end != x.c_str();
    bool y_number = y_end != y.c_str();
    if (!x_number || !y_number)
        return x_number == y_number ? 0 : x_number ? 1 : -1;
    if (p < q)
        return -1;
    if (p > q)
        return 1;
    if (p == q)
        return 0;
    // At least one NaN: NaNs sort before numbers.
    bool x_nan = p != p;
    bool y_nan = q != q;
    return x_nan == y_nan ? 0 : x_nan ? -1 : 1;
}

// sort.c getmonth(): 1-12 for a key starting (after blanks) with a month's abbreviation.
int month_of(std::string_view text) {
    static constexpr const char* k_months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                               "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    text = skip_blanks(text);
    if (text.size() < 3)
        return 0;
    for (int month = 0; month < 12; ++month) {
        const char* name = k_months[month];
        if (fold(static_cast<unsigned char>(text[0])) == name[0] &&
            fold(static_cast<unsigned char>(text[1])) == name[1] &&
            fold(static_cast<unsigned char>(text[2])) == name[2])
            return month + 1;
    }
    return 0;
}

uint64_t hash_key(uint64_t salt, std::string_view text) {
    uint64_t hash = 1469598103934665603ull ^ salt;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ull;
    return hash ^ (hash >> 32);
}

int compare_bytes(std::string_view a, std::string_view b) {
    size_t common = std::min(a.size(), b.size());
    if (common > 0)
        if (int c = std::memcmp(a.data(), b.data(), common))
            return c;
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// The key with ignored bytes removed and folded, for the orders that read numbers and names.
std::string filtered(const SortKey& key, std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (ignored(key.ignore, c))
            continue;
        out.push_back(static_cast<char>(key.fold ? fold(c) : c));
    }
    return out;
}

// The precedence of sort.c keycompare() when several orders are set.
int compare_special(const SortOrder& order, const SortKey& key, std::string_view a, std::string_view b) {
    if (key.orders & k_order_numeric)
        return compare_decimal(skip_blanks(a), skip_blanks(b));
    if (key.orders & k_order_general_numeric)
        return compare_general(a, b);
    if (key.orders & k_order_human_numeric)
        return compare_human(a, b);
    if (key.orders & k_order_month)
        return month_of(a) - month_of(b);
    if (key.orders & k_order_random) {
        uint64_t x = hash_key(order.random_salt, a);
        uint64_t y = hash_key(order.random_salt, b);
        if (x != y)
            return x < y ? -1 : 1;
        return compare_bytes(a, b);
    }
    return version_compare(a, b);
}

int compare_text(const SortKey& key, std::string_view a, std::string_view b) {
    if (key.ignore != KeyIgnore::none) {
        size_t i = 0;
        size_t j = 0;
        while (true) {
            while (i < a.size() && ignored(key.ignore, static_cast<unsigned char>(a[i])))
                ++i;
            while (j < b.size() && ignored(key.ignore, static_cast<unsigned char>(b[j])))
                ++j;
            if (i >= a.size() || j >= b.size())
                break;
            unsigned char x = static_cast<unsigned char>(a[i]);
            unsigned char y = static_cast<unsigned char>(b[j]);
            if (key.fold) {
                x = fold(x);
                y = fold(y);
            }
            if (x != y)
                return x - y;
            ++i;
            ++j;
        }
        return static_cast<int>(i < a.size()) - static_cast<int>(j < b.size());
    }
    if (key.fold) {
        size_t common = std::min(a.size(), b.size());
        for (size_t i = 0; i < common; ++i) {
            int difference = fold(static_cast<unsigned char>(a[i])) - fold(static_cast<unsigned char>(b[i]));
            if (difference != 0)
                return difference;
        }
        return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    }
    return compare_bytes(a, b);
}

int compare_key(const SortOrder& order, const SortKey& key, std::string_view a, std::string_view b) {
    size_t a_end = key.end_field == k_whole_line ? a.size() : key_end(order, key, a);
    size_t b_end = key.end_field == k_whole_line ? b.size() : key_end(order, key, b);
    size_t a_begin = 0;
    size_t b_begin = 0;
    if (key.start_field != k_whole_line) {
        a_begin = key_begin(order, key, a);
        b_begin = key_begin(order, key, b);
    } else if (key.skip_start_blanks) {
        while (a_begin < a_end && is_blank(a[a_begin]))
            ++a_begin;
        while (b_begin < b_end && is_blank(b[b_begin]))
            ++b_begin;
    }
    std::string_view x = a_end > a_begin ? a.substr(a_begin, a_end - a_begin) : std::string_view();
    std::string_view y = b_end > b_begin ? b.substr(b_begin, b_end - b_begin) : std::string_view();
    if (key.orders == 0)
        return compare_text(key, x, y);
    if (key.ignore != KeyIgnore::none || key.fold)
        return compare_special(order, key, filtered(key, x), filtered(key, y));
    return compare_special(order, key, x, y);
}

// coreutils sort.c parse_field_count(): digits, saturating; "" when fine, else the message.
std::string parse_count(std::string_view& rest, size_t& value, const char* what) {
    size_t i = 0;
    value = 0;
    bool overflow = false;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
        size_t digit = static_cast<size_t>(rest[i] - '0');
        if (value > (static_cast<size_t>(-1) - digit) / 10)
            overflow = true;
        else
            value = value * 10 + digit;
        ++i;
    }
    if (i == 0)
        return std::string(what) + ": invalid count at start of " + quote(rest);
    if (overflow)
        value = static_cast<size_t>(-1);
    rest.remove_prefix(i);
    return {};
}

void set_ordering(std::string_view& rest, SortKey& key, bool end) {
    while (!rest.empty() && apply_order_letter(rest[0], key, end))
        rest.remove_prefix(1);
}

}  // namespace

bool SortKey::has_options() const {
    return ignore != KeyIgnore::none || fold || skip_start_blanks || skip_end_blanks || orders != 0 || reverse;
}

bool apply_order_letter(char letter, SortKey& key, bool end) {
    switch (letter) {
    case 'b':
        if (end)
            key.skip_end_blanks = true;
        else
            key.skip_start_blanks = true;
        return true;
    case 'd': key.ignore = KeyIgnore::nondictionary; return true;
    case 'f': key.fold = true; return true;
    case 'g': key.orders |= k_order_general_numeric; return true;
    case 'h': key.orders |= k_order_human_numeric; return true;
    case 'i':
        if (key.ignore == KeyIgnore::none)
            key.ignore = KeyIgnore::nonprinting;
        return true;
    case 'M': key.orders |= k_order_month; return true;
    case 'n': key.orders |= k_order_numeric; return true;
    case 'R': key.orders |= k_order_random; return true;
    case 'r': key.reverse = true; return true;
    case 'V': key.orders |= k_order_version; return true;
    default: return false;
    }
}

std::string parse_key(std::string_view spec, SortKey& key) {
    auto bad = [&](const char* what) { return std::string(what) + ": invalid field specification " + quote(spec); };
    std::string_view rest = spec;
    size_t field = 0;
    if (std::string error = parse_count(rest, field, "invalid number at field start"); !error.empty())
        return error;
    if (field-- == 0)
        return bad("field number is zero");
    size_t character = 0;
    if (!rest.empty() && rest[0] == '.') {
        rest.remove_prefix(1);
        if (std::string error = parse_count(rest, character, "invalid number after '.'"); !error.empty())
            return error;
        if (character-- == 0)
            return bad("character offset is zero");
    }
    key.start_field = (field == 0 && character == 0) ? k_whole_line : field;
    key.start_char = character;
    set_ordering(rest, key, false);
    if (rest.empty() || rest[0] != ',') {
        key.end_field = k_whole_line;
        key.end_char = 0;
    } else {
        rest.remove_prefix(1);
        size_t end_field = 0;
        if (std::string error = parse_count(rest, end_field, "invalid number after ','"); !error.empty())
            return error;
        if (end_field-- == 0)
            return bad("field number is zero");
        key.end_field = end_field;
        key.end_char = 0;
        if (!rest.empty() && rest[0] == '.') {
            rest.remove_prefix(1);
            if (std::string error = parse_count(rest, key.end_char, "invalid number after '.'"); !error.empty())
                return error;
        }
        set_ordering(rest, key, true);
    }
    if (!rest.empty())
        return bad("stray character in field spec");
    return {};
}

std::string incompatible_letters(const SortKey& key) {
    int numeric = (key.orders & k_order_numeric) != 0;
    int general = (key.orders & k_order_general_numeric) != 0;
    int human = (key.orders & k_order_human_numeric) != 0;
    int month = (key.orders & k_order_month) != 0;
    int other = (key.orders & (k_order_version | k_order_random)) != 0 || key.ignore != KeyIgnore::none;
    if (numeric + general + human + month + other <= 1)
        return {};
    std::string letters = "-";
    if (key.ignore == KeyIgnore::nondictionary)
        letters += 'd';
    if (general)
        letters += 'g';
    if (human)
        letters += 'h';
    if (key.ignore == KeyIgnore::nonprinting)
        letters += 'i';
    if (month)
        letters += 'M';
    if (numeric)
        letters += 'n';
    if (key.orders & k_order_random)
        letters += 'R';
    if (key.orders & k_order_version)
        letters += 'V';
    return letters;
}

int compare_lines(const SortOrder& order, std::string_view a, std::string_view b) {
    for (const auto& key : order.keys) {
        int difference = compare_key(order, key, a, b);
        if (difference != 0)
            return key.reverse ? (difference < 0 ? 1 : -1) : difference;
    }
    if (!order.keys.empty() && (order.unique || order.stable))
        return 0;
    int difference = compare_bytes(a, b);
    return order.reverse ? -difference : difference;
}

}  // namespace toolbox
