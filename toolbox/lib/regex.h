// regex.h — POSIX regular expressions with the GNU extensions grep and sed users expect:
// BRE and ERE syntax, \+ \? \| in BRE, intervals, bracket expressions with classes, back
// references, \w \W \s \S \b \B \< \> \` \', case folding. Matching follows POSIX
// leftmost-longest rules, as GNU's regex does.
//
//   std::string error;
//   auto re = Regex::compile(pattern, {.syntax = RegexSyntax::extended, .ignore_case = true}, error);
//   if (!re) { complain("grep", error); return 2; }
//   if (re->matches(line)) ...                         // any match in the line (fast path)
//   std::vector<RegexSpan> groups;
//   if (re->search(text, start, groups)) ... groups[0] is the whole match, groups[i] group i
//
// Thread safety: a compiled Regex is immutable once built except for internal caches; confine
// each object to one thread (the toolbox is single-threaded).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace toolbox {

enum class RegexSyntax {
    basic,     // POSIX BRE + GNU extensions (grep, sed)
    extended,  // POSIX ERE + GNU extensions (grep -E, sed -E)
};

struct RegexOptions {
    RegexSyntax syntax{RegexSyntax::basic};
    bool ignore_case{false};
    // true: '.' and bracket expressions don't match '\n', ^ and $ match at line breaks inside
    // the text (sed's M flag). false: the text is one line, '\n' is an ordinary character.
    bool multiline{false};
    // Newlines in the pattern separate alternatives, each with its own group numbers (grep's
    // pattern list: -e A -e B, -f FILE).
    bool newline_alternation{false};
    // grep -x: the match must be the whole text; grep -w: the match must not touch a word
    // character (letter, digit, '_') on either side.
    bool match_line{false};
    bool match_word{false};
    // Where the warnings GNU grep prints about odd EREs go ("* at start of expression");
    // nullptr drops them.
    std::vector<std::string>* warnings{nullptr};
};

// A match or a group: byte offsets into the searched text; begin == -1 when the group did not
// take part in the match.
struct RegexSpan {
    std::ptrdiff_t begin{-1};
    std::ptrdiff_t end{-1};
    bool matched() const { return begin >= 0; }
};

struct RegexSearchFlags {
    bool not_bol{false};  // the text's start is not the start of a line (^ does not match there)
    bool not_eol{false};  // the text's end is not the end of a line ($ does not match there)
};

class Regex final {
public:
    // nullptr and a GNU-worded message in `error` (e.g. "Unmatched ( or \\(") when the pattern
    // is invalid.
    static std::unique_ptr<Regex> compile(std::string_view pattern, const RegexOptions& options, std::string& error);
    ~Regex();
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    // Whether the pattern matches anywhere in `text`.
    bool matches(std::string_view text, RegexSearchFlags flags = {}) const;
    // The leftmost-longest match starting at or after `start`; `groups` gets group_count() + 1
    // spans, offsets relative to `text` (not to `start`). Context before `start` counts for
    // ^, \b and \< (as when sed's s///g moves along a line).
    bool search(std::string_view text, std::size_t start, std::vector<RegexSpan>& groups,
                RegexSearchFlags flags = {}) const;
    // grep's fast path: `buffer` holds lines ending in `eol` (the last may lack it); the offset
    // of the first matching line's first byte, or npos. One DFA pass over the whole buffer (after
    // a memmem() for a literal every match contains), much faster than matches() per line.
    std::size_t find_line(std::string_view buffer, char eol = '\n') const;
    // search() for the whole match only (groups[0]), which skips the work of placing the groups:
    // grep -o and --color.
    bool search_match(std::string_view text, std::size_t start, RegexSpan& match, RegexSearchFlags flags = {}) const;
    // Number of capturing groups.
    std::size_t group_count() const;

private:
    bool search_impl(std::string_view text, std::size_t start, std::vector<RegexSpan>& groups,
                     RegexSearchFlags flags, bool want_groups) const;
    struct Impl;
    explicit Regex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace toolbox
