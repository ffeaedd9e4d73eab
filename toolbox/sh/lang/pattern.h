// pattern.h — shell pattern matching: case, [[ == ]], ${x#p} ${x%p} ${x/p/r} and pathname
// expansion, with bash 5.2's semantics.
//
// Syntax: * ? [...] (ranges in code-point order, as bash's default globasciiranges; negation
// [!...] [^...]; classes [[:alpha:]] and the other eleven POSIX ones plus bash's [[:word:]] and
// [[:ascii:]]; [=c=] and [.c.] / [.hyphen.]), backslash escapes, and with extglob
// ?(a|b) *(…) +(…) @(…) !(…), nested. A `[` without its `]` is an ordinary character, as is an
// extglob operator whose `(` is never closed (the rest of the pattern is then plain text).
//
// Contract with the caller: quoting is done with backslashes. Characters that were quoted in the
// shell word (or came from a quoted expansion) must reach here escaped — "*" as \* — and an
// unquoted backslash is already an escape (bash's quote_string_for_globbing does the same).
//
// Characters are UTF-8 sequences (a byte that is not valid UTF-8 stands for itself), so ? takes
// a whole character and offsets returned are always on character boundaries; utf8 = false makes
// every byte a character, as bash in the C locale.
//
// [[ == ]] matches as if extglob were set, whatever the option says (bash does since 4.1): pass
// extglob = true there; case, ${x#p} and friends, and pathname expansion follow the option.
//
// Cost: matching simulates the pattern on sets of text positions, so it takes O(pattern × text)
// steps — no backtracking and no exponential blow-up on patterns like *a*a*a*a*b. Extglob groups
// memoize the ends each group reaches from each start (O(text²) bits at worst, bounded by a
// budget after which the memo is dropped and recomputed).
//
// Known differences from bash 5.2, all bugs there (randomized tests against bash find no others;
// against a plain regular-expression reading of the patterns, none at all):
//   - After a `*`, bash never tries the rest of the pattern at the very end of the text, so an
//     extglob group that could match "" there fails (`case c in *!(c))` does not match), and its
//     `!(` special case there matches regardless of the group. That also makes ${x/%p/r} miss, as
//     bash first checks the text against "*p". We keep the regular meaning.
//   - ${x/p/r} with an unterminated `[` before a `*` (bash's umatchlen takes "[*" to have a fixed
//     length), or with a pattern ending in an escaped `\*` (bash then skips its "*p*" pre-check
//     wrongly), finds the matches bash misses.
//   - A malformed extglob group right after a `*` (`**(` with no `)`) is plain text here; bash
//     drops the rest of the pattern.
//
// Usage:
//     Pattern pattern = Pattern::compile("*.tar.@(gz|xz)", {.extglob = true});
//     if (pattern.matches(name)) ...
//     std::optional<size_t> cut = pattern.match_suffix(path, PatternLength::longest);  // ${path%%p}
//
// Thread safety: a compiled Pattern is immutable; matching allocates its own scratch state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh {

struct PatternOptions {
    bool extglob{false};  // shopt -s extglob
    bool nocase{false};   // nocasematch / nocaseglob: letters match either case (ASCII and Latin-1)
    bool utf8{true};      // characters are UTF-8 sequences, else bytes
    // Pathname expansion without dotglob: * ? and brackets never match a '.' at the start of the
    // text, and * not even an empty string there (so "*.c" does not match ".c").
    bool leading_dot{false};
};

// A [begin, end) range of the text, in bytes.
struct PatternSpan {
    size_t begin{0};
    size_t end{0};
    bool operator==(const PatternSpan&) const = default;
};

enum class PatternLength : uint8_t { shortest, longest };

// ${x/p/r}: first match; ${x//p/r}: every match; ${x/#p/r}: anchored at the start; ${x/%p/r}: at the end.
enum class ReplaceMode : uint8_t { first, all, prefix, suffix };

namespace pattern_detail {
struct Program;
}

class Pattern {
public:
    // Never fails: malformed syntax is literal text, as in bash.
    static Pattern compile(std::string_view pattern, const PatternOptions& options = {});

    // The whole text matches.
    bool matches(std::string_view text) const;
    // ${x#p} ${x##p}: the length of the shortest or longest matching prefix; nullopt if none.
    std::optional<size_t> match_prefix(std::string_view text, PatternLength length) const;
    // ${x%p} ${x%%p}: where the shortest or longest matching suffix begins; nullopt if none.
    std::optional<size_t> match_suffix(std::string_view text, PatternLength length) const;
    // The leftmost match starting at or after `from`, and of those the longest.
    std::optional<PatternSpan> find(std::string_view text, size_t from = 0) const;
    // ${x/p/r} and friends: the spans to replace, in order and disjoint. Follows bash: an empty
    // pattern replaces nothing, except that /# and /% then insert at the start or the end; after an
    // empty match `//` moves on one character; `/` and `/#` try the end of the text only for a
    // pattern that begins with '*'.
    std::vector<PatternSpan> replace_spans(std::string_view text, ReplaceMode mode) const;

    const PatternOptions& options() const;

private:
    explicit Pattern(std::shared_ptr<const pattern_detail::Program> program);
    std::shared_ptr<const pattern_detail::Program> m_program;
};

// Convenience forms of Pattern::compile(pattern, options).matches(text).
bool pattern_match(std::string_view pattern, std::string_view text, const PatternOptions& options = {});

// Whether pathname expansion applies to a word: an unescaped * or ?, a [ with a ] after it, or
// +( @( !( (bash's glob_pattern_p, which looks for those even without extglob). A trailing
// backslash makes the answer no, as bash's does.
bool has_glob_chars(std::string_view pattern);

// The text a pattern without glob characters stands for: backslash escapes removed.
std::string unescape_pattern(std::string_view pattern);

// ^Pathname expansion

// The pattern's path components, split at every '/' as bash's glob does: "/usr/*/bin" gives
// "", "usr", "*", "bin" (an empty first component means the path is absolute; "a//b" has an empty
// one in the middle, "a/" an empty last one).
std::vector<std::string_view> split_glob_path(std::string_view pattern);

struct GlobOptions {
    bool dotglob{false};
    bool extglob{false};
    bool nocaseglob{false};
    bool utf8{true};
};

// One path component compiled for matching directory entries.
class GlobComponent {
public:
    static GlobComponent compile(std::string_view component, const GlobOptions& options);
    // No glob characters: the caller can test `literal()` for existence instead of listing.
    bool is_literal() const { return m_literal.has_value(); }
    const std::string& literal() const { return *m_literal; }
    // Whether a directory entry is part of the expansion. "." and ".." never are (bash 5.2's
    // globskipdots); other names starting with '.' need a pattern that begins with a literal '.'
    // unless dotglob is set.
    bool matches(std::string_view entry) const;

private:
    GlobComponent(Pattern pattern, std::optional<std::string> literal);
    Pattern m_pattern;
    std::optional<std::string> m_literal;
};

}  // namespace sh
