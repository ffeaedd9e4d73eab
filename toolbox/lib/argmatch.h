// argmatch.h — gnulib's argmatch for option values such as ls --sort=WORD: an exact word or an
// unambiguous prefix of one; otherwise coreutils' message ("invalid argument 'x' for '--sort'",
// the valid words grouped by meaning, the "Try" line).
// Thread safety: stateless.
#pragma once

#include <span>
#include <string_view>

namespace toolbox {

struct ArgWord {
    std::string_view word;
    int value;  // words with the same value are synonyms, listed on one line
};

// The value of `argument` among `words`, or -1 after printing the message (the caller exits,
// usually with status 1).
int argmatch(std::string_view program, std::string_view option, std::string_view argument,
             std::span<const ArgWord> words);

}  // namespace toolbox
