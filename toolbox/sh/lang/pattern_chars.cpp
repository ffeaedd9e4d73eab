// pattern_chars.cpp — characters for pattern matching: UTF-8 decoding, the POSIX classes and case
// folding, locale-free. ASCII follows the C locale exactly; beyond it this approximates glibc's
// UTF-8 locales (Latin-1 properly, other code points as letters).
#include "sh/lang/pattern_program.h"

namespace sh::pattern_detail {
namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// The sequence length a lead byte announces, with the smallest code point that needs it (shorter
// encodings are overlong, hence invalid); 0 for a byte that cannot lead.
int sequence_length(unsigned char lead, Unit& minimum) {
    if (lead >= 0xC2 && lead <= 0xDF) {
        minimum = 0x80;
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        minimum = 0x800;
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        minimum = 0x10000;
        return 4;
    }
    return 0;
}

bool is_latin1_upper(Unit unit) {
    return unit >= 0xC0 && unit <= 0xDE && unit != 0xD7;
}

bool is_latin1_lower(Unit unit) {
    return unit >= 0xDF && unit <= 0xFF && unit != 0xF7;
}

bool in_ascii_class(Unit c, CharClass char_class) {
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool digit = c >= '0' && c <= '9';
    bool graph = c > ' ' && c < 0x7F;
    switch (char_class) {
        case CharClass::alnum: return upper || lower || digit;
        case CharClass::alpha: return upper || lower;
        case CharClass::ascii: return true;
        case CharClass::blank: return c == ' ' || c == '\t';
        case CharClass::cntrl: return c < ' ' || c == 0x7F;
        case CharClass::digit: return digit;
        case CharClass::graph: return graph;
        case CharClass::lower: return lower;
        case CharClass::print: return graph || c == ' ';
        case CharClass::punct: return graph && !upper && !lower && !digit;
        case CharClass::space: return c == ' ' || (c >= '\t' && c <= '\r');
        case CharClass::upper: return upper;
        case CharClass::word: return upper || lower || digit || c == '_';
        case CharClass::xdigit: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    return false;
}

// Code points beyond ASCII: C1 controls, Latin-1 symbols and letters, and everything above taken
// as a letter (most of it is; glibc's tables are not worth carrying for the rest).
bool in_wide_class(Unit c, CharClass char_class) {
    bool control = c < 0xA0;
    bool symbol = (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7;
    bool letter = !control && !symbol && c != 0xA0;
    switch (char_class) {
        case CharClass::alnum:
        case CharClass::alpha:
        case CharClass::word: return letter;
        case CharClass::cntrl: return control;
        case CharClass::graph: return symbol || letter;
        case CharClass::print: return !control;
        case CharClass::punct: return symbol;
        case CharClass::lower: return is_latin1_lower(c);
        case CharClass::upper: return is_latin1_upper(c);
        default: return false;
    }
}

}  // namespace

Unit decode_unit(std::string_view text, size_t position, bool utf8, size_t& length) {
    auto lead = static_cast<unsigned char>(text[position]);
    length = 1;
    if (lead < 0x80)
        return lead;
    // In byte mode the high bytes are in no class and fold to nothing, as in the C locale.
    if (!utf8)
        return k_raw_byte + lead;
    Unit minimum = 0;
    int size = sequence_length(lead, minimum);
    if (size == 0 || position + static_cast<size_t>(size) > text.size())
        return k_raw_byte + lead;
    Unit value = lead & (0x7F >> size);
    for (int k = 1; k < size; ++k) {
        auto byte = static_cast<unsigned char>(text[position + static_cast<size_t>(k)]);
        if (!is_continuation(byte))
            return k_raw_byte + lead;
        value = (value << 6) | (byte & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return k_raw_byte + lead;
    length = static_cast<size_t>(size);
    return value;
}

DecodedText decode_text(std::string_view text, bool utf8) {
    DecodedText decoded;
    decoded.units.reserve(text.size());
    decoded.offsets.reserve(text.size() + 1);
    size_t position = 0;
    while (position < text.size()) {
        size_t length = 1;
        decoded.units.push_back(decode_unit(text, position, utf8, length));
        decoded.offsets.push_back(position);
        position += length;
    }
    decoded.offsets.push_back(text.size());
    return decoded;
}

bool in_class(Unit unit, CharClass char_class) {
    if (unit >= k_raw_byte)
        return false;
    return unit < 0x80 ? in_ascii_class(unit, char_class) : in_wide_class(unit, char_class);
}

Unit fold_case(Unit unit) {
    if ((unit >= 'A' && unit <= 'Z') || is_latin1_upper(unit))
        return unit + 0x20;
    return unit;
}

bool Program::unit_matches(const Node& node, Unit unit) const {
    bool nocase = options.nocase;
    switch (node.kind) {
        case NodeKind::literal: return nocase ? fold_case(unit) == fold_case(node.unit) : unit == node.unit;
        case NodeKind::any: return true;
        case NodeKind::bracket: break;
        default: return false;
    }
    const Bracket& bracket = brackets[node.index];
    Unit folded = nocase ? fold_case(unit) : unit;
    bool found = false;
    for (const BracketItem& item : bracket.items) {
        if (item.kind == BracketItem::Kind::char_class ? in_class(unit, item.char_class)
                                                        : folded >= item.low && folded <= item.high) {
            found = true;
            break;
        }
    }
    return found != bracket.negated;
}

}  // namespace sh::pattern_detail
