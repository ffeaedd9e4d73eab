// brace_sequence.h — the sequence form of brace expansion, {x..y} and {x..y..step}, as bash 5.2's
// braces.c expand_seqterm() and mkseq() read and generate it. Internal to brace.cpp.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sh::brace_detail {

struct Sequence {
    enum class Outcome : unsigned char {
        words,         // a valid sequence: `words` holds it
        not_sequence,  // bash leaves the braces as they are
        too_many,      // valid, but more than the limit allows
    };
    Outcome outcome{Outcome::not_sequence};
    std::vector<std::string> words;
};

// `text` is what stands between the braces, all of it unquoted. Letters come back as they are,
// including the `\` between Z and a (which bash then reads as an escape).
Sequence expand_sequence(std::string_view text, size_t max_words);

}  // namespace sh::brace_detail
