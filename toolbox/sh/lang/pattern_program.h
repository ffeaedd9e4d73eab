// pattern_program.h — a compiled shell pattern, and the characters it and the text are made of.
// Internal to pattern*.cpp.
//
// A pattern is a tree of sequences: sequence 0 is the whole pattern, and each extglob group lists
// its alternatives as further sequences. Every sequence is also kept reversed, so that suffixes
// and leftmost matches can be found by running the mirrored pattern over the mirrored text.
// Thread safety: immutable once compiled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sh/lang/pattern.h"

namespace sh::pattern_detail {

// One character: a Unicode code point, or k_raw_byte + b for a byte that is not part of valid
// UTF-8 (in byte mode: every byte above 0x7F).
using Unit = uint32_t;
inline constexpr Unit k_raw_byte = 0x110000;
inline constexpr size_t k_unbounded = static_cast<size_t>(-1);

// Decodes the character at `position`; `length` gets its size in bytes (at least 1).
Unit decode_unit(std::string_view text, size_t position, bool utf8, size_t& length);

// The text as characters, with each one's byte offset (offsets has one more entry: the size).
struct DecodedText {
    std::vector<Unit> units;
    std::vector<size_t> offsets;
};
DecodedText decode_text(std::string_view text, bool utf8);

enum class CharClass : uint8_t {
    alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space, upper, word, xdigit,
};
bool in_class(Unit unit, CharClass char_class);
// Case folding for nocase: ASCII and Latin-1 letters to lower case.
Unit fold_case(Unit unit);

struct BracketItem {
    enum class Kind : uint8_t { range, char_class };
    Kind kind{Kind::range};
    Unit low{0};   // a single character is a range of one; folded when nocase
    Unit high{0};
    CharClass char_class{CharClass::alpha};
};

struct Bracket {
    bool negated{false};
    std::vector<BracketItem> items;
};

enum class NodeKind : uint8_t {
    literal,  // `unit`
    any,      // ?
    star,     // *
    bracket,  // brackets[index]
    group,    // groups[index]
    never,    // matches nothing (bash: a `*` followed only by a trailing backslash)
};

struct Node {
    NodeKind kind{NodeKind::literal};
    Unit unit{0};
    uint32_t index{0};
};

enum class GroupKind : uint8_t { zero_or_one, zero_or_more, one_or_more, exactly_one, none_of };  // ? * + @ !

struct Group {
    GroupKind kind{GroupKind::exactly_one};
    std::vector<uint32_t> alternatives;  // sequence indices
    size_t max_length{k_unbounded};      // characters one match can span
};

struct Sequence {
    std::vector<Node> nodes;
    size_t max_length{0};
};

struct Program {
    PatternOptions options;
    std::vector<Sequence> sequences;  // [0] is the whole pattern
    std::vector<Sequence> reversed;   // the same, each read backwards
    std::vector<Bracket> brackets;
    std::vector<Group> groups;
    bool empty{false};              // compiled from ""
    bool starts_with_star{false};   // the text begins with '*' (bash's match_pattern_char)

    bool unit_matches(const Node& node, Unit unit) const;
};

Program compile_program(std::string_view pattern, const PatternOptions& options);

}  // namespace sh::pattern_detail
