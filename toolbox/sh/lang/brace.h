// brace.h — bash brace expansion: x{a,b}y, {1..10}, {1..10..2}, {a..e}, {10..1}, {01..10},
// nested {a,b{c,d}}, with bash 5.2's rules for what is not an expansion.
//
// A word arrives as segments so that quoting survives: only unquoted text is syntax, while quoted
// text and opaque segments (an expansion such as $x or $(cmd), carried through untouched and
// expanded later) are literal. The result is the list of words, each again a list of segments in
// which every piece keeps its kind; generated text (a sequence's numbers or letters) is unquoted.
//
// Not an expansion, left as it is (as in bash): braces without an unquoted comma or a valid
// sequence ({a}, {}, {a..1}, {1..9223372036854775808}); an unquoted `{` that opens a word and is
// followed by `}`; "${" (text "$" then "{" is a parameter expansion's, and so is its `}`); quoted
// braces and commas. An empty alternative gives an empty word ({a,} is "a" and ""); like any
// unquoted word that expands to nothing, the shell then drops it.
//
// Usage:
//     BraceWord word{{"x", false}, {"{a,b}", false}, {"*", true}};
//     auto words = expand_braces(word);   // "xa" "*" and "xb" "*", the "*" still quoted
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sh {

struct BraceSegment {
    std::string text;
    bool quoted{false};
    // Stands for the caller's part with this index (text is unused): never brace syntax.
    std::optional<size_t> opaque;

    bool operator==(const BraceSegment&) const = default;
};

using BraceWord = std::vector<BraceSegment>;

struct BraceLimits {
    // An expansion that would make more words, or more bytes of text in all, fails instead
    // ({1..100000000}, or {a,b} repeated 40 times, would exhaust memory).
    size_t max_words{1u << 20};
    size_t max_bytes{size_t{64} << 20};
    // Braces nested deeper than this are left as text, so that no word can exhaust the stack.
    int max_depth{256};
};

// Whether a word has an unquoted `{` at all; without one, expansion gives the word back.
bool may_have_braces(const BraceWord& word);

// The words `word` expands to, in bash's order; nullopt when that would pass the limits.
std::optional<std::vector<BraceWord>> expand_braces(const BraceWord& word, const BraceLimits& limits = {});

}  // namespace sh
