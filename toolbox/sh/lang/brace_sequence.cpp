// brace_sequence.cpp — {x..y[..step]}: integers (zero-padded when an end is written with a
// leading zero) or single letters, counting up or down, as bash 5.2's expand_seqterm()/mkseq().
#include "sh/lang/brace_sequence.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

namespace sh::brace_detail {
namespace {

enum class Kind : unsigned char { bad, integer, letter, padded };

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// strtoimax(text, &end, 10): optional blanks and sign, then digits; nullopt on overflow or when
// there are no digits. `length` gets how much of the text the number took.
std::optional<int64_t> parse_integer(std::string_view text, size_t& length) {
    size_t i = 0;
    while (i < text.size() && is_space(text[i]))
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    size_t digits = i;
    uint64_t magnitude = 0;
    uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        magnitude = magnitude * 10 + static_cast<uint64_t>(text[i] - '0');
        if (magnitude > limit)
            return std::nullopt;
    }
    if (i == digits)
        return std::nullopt;
    length = i;
    return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

// bash's legal_number(): the whole text is one integer, trailing blanks allowed.
std::optional<int64_t> legal_number(std::string_view text) {
    size_t length = 0;
    std::optional<int64_t> value = parse_integer(text, length);
    while (value && length < text.size() && (text[length] == ' ' || text[length] == '\t'))
        ++length;
    return (value && length == text.size()) ? value : std::nullopt;
}

// "%0*d" with the value cut to an int, as bash's mkseq() prints padded numbers.
std::string padded(int64_t value, size_t width) {
    auto narrow = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(value)));
    std::string digits = std::to_string(narrow < 0 ? -static_cast<int64_t>(narrow) : narrow);
    size_t sign = narrow < 0 ? 1 : 0;
    if (digits.size() + sign < width)
        digits.insert(0, width - digits.size() - sign, '0');
    return (sign ? "-" : "") + digits;
}

struct Terms {
    Kind kind{Kind::bad};
    int64_t first{0};
    int64_t last{0};
    int64_t step{1};
    size_t width{0};
};

// The right-hand side "y" or "y..step": its kind and value, and where its number text ends.
Kind parse_right(std::string_view right, Terms& terms, size_t& right_length) {
    size_t end = 0;
    Kind kind = Kind::bad;
    if (is_digit(right[0]) || ((right[0] == '+' || right[0] == '-') && right.size() > 1 && is_digit(right[1]))) {
        std::optional<int64_t> value = parse_integer(right, end);
        if (!value || (end < right.size() && right[end] != '.'))
            return Kind::bad;
        terms.last = *value;
        kind = Kind::integer;
    } else if (is_alpha(right[0]) && (right.size() == 1 || right[1] == '.')) {
        terms.last = static_cast<unsigned char>(right[0]);
        end = 1;
        kind = Kind::letter;
    } else {
        return Kind::bad;
    }
    right_length = end;
    if (end + 2 < right.size() && right[end] == '.' && right[end + 1] == '.') {
        size_t step_length = 0;
        std::optional<int64_t> step = parse_integer(right.substr(end + 2), step_length);
        if (!step)
            return Kind::bad;
        terms.step = *step;
        end += 2 + step_length;
    }
    return end == right.size() ? kind : Kind::bad;
}

// Zero padding: either end written with a leading 0 (after any '-') pads every number to the
// longer end's width.
size_t padding_width(std::string_view left, std::string_view right) {
    auto padded_form = [](std::string_view end) {
        return (end.size() > 1 && end[0] == '0') || (end.size() > 2 && end[0] == '-' && end[1] == '0');
    };
    if (!padded_form(left) && !padded_form(right))
        return 0;
    return std::max(left.size(), right.size());
}

Terms parse_terms(std::string_view text) {
    Terms terms;
    size_t dots = text.find("..");
    if (dots == std::string_view::npos || dots == 0 || dots + 2 == text.size())
        return terms;
    std::string_view left = text.substr(0, dots);
    std::string_view right = text.substr(dots + 2);
    size_t right_length = 0;
    Kind right_kind = parse_right(right, terms, right_length);
    std::optional<int64_t> number = legal_number(left);
    Kind left_kind = number ? Kind::integer : (left.size() == 1 && is_alpha(left[0]) ? Kind::letter : Kind::bad);
    if (left_kind != right_kind || left_kind == Kind::bad)
        return terms;
    terms.kind = left_kind;
    if (left_kind == Kind::letter) {
        terms.first = static_cast<unsigned char>(left[0]);
        return terms;
    }
    terms.first = *number;
    terms.width = padding_width(left, right.substr(0, right_length));
    if (terms.width > 0)
        terms.kind = Kind::padded;
    return terms;
}

bool add_overflows(int64_t a, int64_t b) {
    return b > 0 ? a > std::numeric_limits<int64_t>::max() - b : a < std::numeric_limits<int64_t>::min() - b;
}

std::string term_text(const Terms& terms, int64_t value) {
    if (terms.kind == Kind::integer)
        return std::to_string(value);
    if (terms.kind == Kind::padded)
        return padded(value, terms.width);
    return std::string(1, static_cast<char>(value));
}

}  // namespace

Sequence expand_sequence(std::string_view text, size_t max_words) {
    Sequence sequence;
    Terms terms = parse_terms(text);
    if (terms.kind == Kind::bad)
        return sequence;
    int64_t step = terms.step == 0 ? 1 : terms.step;
    if (terms.first > terms.last && step > 0) {
        step = -step;
    } else if (terms.first < terms.last && step < 0) {
        if (step == std::numeric_limits<int64_t>::min())
            return sequence;
        step = -step;
    }
    // mkseq()'s overflow guards: the distance must fit comfortably, and so must the count in an int.
    constexpr int64_t k_lowest = std::numeric_limits<int64_t>::min() + 3;
    constexpr int64_t k_highest = std::numeric_limits<int64_t>::max() - 2;
    if ((terms.first > 0 && terms.last < k_lowest + terms.first) ||
        (terms.first < 0 && terms.last > k_highest + terms.first))
        return sequence;
    int64_t distance = terms.last - terms.first;
    auto magnitude = static_cast<uint64_t>(distance < 0 ? -distance : distance);
    uint64_t count = magnitude / (step < 0 ? 0 - static_cast<uint64_t>(step) : static_cast<uint64_t>(step));
    if (count > static_cast<uint64_t>(std::numeric_limits<int32_t>::max()) - 3)
        return sequence;
    if (count + 1 > max_words) {
        sequence.outcome = Sequence::Outcome::too_many;
        return sequence;
    }
    sequence.outcome = Sequence::Outcome::words;
    for (int64_t value = terms.first;;) {
        sequence.words.push_back(term_text(terms, value));
        if (add_overflows(value, step))
            break;
        value += step;
        if ((step < 0 && value < terms.last) || (step > 0 && value > terms.last))
            break;
    }
    return sequence;
}

}  // namespace sh::brace_detail
