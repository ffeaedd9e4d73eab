// The toolbox's regex engine (toolbox/lib/regex*) against the host's glibc regex as the oracle:
// GNU grep's syntax bits (RE_SYNTAX_GREP / RE_SYNTAX_EGREP), re_search's POSIX leftmost-longest
// match and its group spans. A table of patterns and texts, then random small patterns.
#include <regex.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/regex.h"

namespace {

using toolbox::Regex;
using toolbox::RegexOptions;
using toolbox::RegexSpan;
using toolbox::RegexSyntax;

struct Outcome {
    bool valid{false};
    std::string error;
    bool matched{false};
    std::vector<std::pair<long, long>> spans;
};

Outcome glibc(const std::string& pattern, bool ere, bool icase, const std::string& text, std::size_t start = 0) {
    Outcome out;
    re_pattern_buffer buffer{};
    reg_syntax_t syntax = ere ? RE_SYNTAX_EGREP : RE_SYNTAX_GREP;
    syntax &= ~RE_NEWLINE_ALT;
    if (icase) syntax |= RE_ICASE;
    re_set_syntax(syntax);
    const char* error = re_compile_pattern(pattern.data(), pattern.size(), &buffer);
    if (error) {
        out.error = error;
        return out;
    }
    out.valid = true;
    re_registers regs{};
    regoff_t at = re_search(&buffer, text.data(), static_cast<regoff_t>(text.size()), static_cast<regoff_t>(start),
                            static_cast<regoff_t>(text.size() - start), &regs);
    if (at >= 0) {
        out.matched = true;
        for (std::size_t i = 0; i <= buffer.re_nsub; ++i) out.spans.emplace_back(regs.start[i], regs.end[i]);
    }
    std::free(regs.start);
    std::free(regs.end);
    regfree(&buffer);
    return out;
}

Outcome ours(const std::string& pattern, bool ere, bool icase, const std::string& text, std::size_t start = 0) {
    Outcome out;
    RegexOptions options{.syntax = ere ? RegexSyntax::extended : RegexSyntax::basic, .ignore_case = icase};
    auto re = Regex::compile(pattern, options, out.error);
    if (!re) return out;
    out.valid = true;
    std::vector<RegexSpan> groups;
    out.matched = re->search(text, start, groups);
    bool quick = re->matches(text.substr(start));
    if (start == 0) {
        EXPECT_EQ(quick, out.matched) << "matches() disagrees with search(): /" << pattern << "/ on '" << text << "'";
    }
    if (out.matched) {
        for (const auto& g : groups) out.spans.emplace_back(g.begin, g.end);
    }
    toolbox::RegexSpan whole;
    bool found = re->search_match(text, start, whole);
    EXPECT_EQ(found, out.matched) << "search_match() disagrees: /" << pattern << "/ on '" << text << "'";
    if (found && out.matched) {
        EXPECT_EQ(whole.begin, groups[0].begin) << pattern << " on " << text;
        EXPECT_EQ(whole.end, groups[0].end) << pattern << " on " << text;
    }
    return out;
}

std::string describe(const Outcome& o) {
    if (!o.valid) return "error: " + o.error;
    if (!o.matched) return "no match";
    std::string s = "match";
    for (auto [b, e] : o.spans) s += " (" + std::to_string(b) + "," + std::to_string(e) + ")";
    return s;
}

// Compares; `groups` false compares only the overall span.
bool same(const std::string& pattern, bool ere, bool icase, const std::string& text, bool groups, std::string& why) {
    Outcome expected = glibc(pattern, ere, icase, text);
    Outcome got = ours(pattern, ere, icase, text);
    bool equal = expected.valid == got.valid && expected.matched == got.matched;
    if (equal && expected.valid && !expected.valid) equal = expected.error == got.error;
    if (equal && expected.matched) {
        if (groups) equal = expected.spans == got.spans;
        else equal = expected.spans[0] == got.spans[0];
    }
    if (!expected.valid && !got.valid) equal = expected.error == got.error;
    if (!equal)
        why = std::string(ere ? "ERE" : "BRE") + (icase ? " -i" : "") + " /" + pattern + "/ on '" + text +
              "': glibc " + describe(expected) + ", ours " + describe(got);
    return equal;
}

const std::vector<std::string> k_texts = {
    "", "a", "ab", "abc", "aab", "abab", "xabcx", "foo bar", "foo123bar", "a.b", "a*b", "AbC",
    "hello world", "the cat sat", "aaa", "abcabc", "a+b?c", "x{1}y", "(a)", "a|b", "[x]", "tab\there",
    "__init__", "ba", "aXb", "word-word", "12:34", "a\\b", "abbb", "cabbage", "mississippi",
};

const std::vector<std::string> k_bre = {
    "a", "ab", "a*", "a*b", "^a", "a$", "^$", "^", "$", ".", "..", "a.c", "[abc]", "[^abc]", "[a-c]*",
    "[]a]", "[^]a]", "[a-]", "[[:alpha:]]*", "[[:digit:]]\\+", "[[:space:]]", "[[:upper:]]", "[[:punct:]]",
    "[[:alnum:]_]*", "[[.a.]]", "[[=a=]]b", "\\(a\\)", "\\(a*\\)b", "\\(a\\|b\\)*", "\\(ab\\)*c", "a\\{2\\}",
    "a\\{1,\\}", "a\\{,2\\}", "a\\{0\\}b", "\\(a\\)\\1", "\\(.\\)\\1", "\\(a*\\)\\1b", "*a", "\\(*a\\)", "^*",
    "a\\|*b", "a\\+", "a\\?b", "\\+a", "a\\|b", "\\(foo\\|bar\\)", "\\w\\+", "\\W", "\\s", "\\S\\+", "\\bw",
    "o\\b", "\\Bo", "\\<w", "d\\>", "\\`a", "c\\'", "a^b", "a$b", "\\$", "\\^", "\\.", "\\*", "\\[", "x\\{1\\}\\{2\\}",
    "\\{1\\}", "\\(a\\)*", "\\(a*\\)*", "\\(a\\|ab\\)\\(c\\|bcd\\)", "\\(a*\\)\\(a*\\)", "\\(a\\+\\)\\(a\\+\\)",
    "\\(^a\\)", "b\\(^a\\)", "\\(a$\\)", "\\(\\)", "\\(a\\|\\)b", ".*", ".*b", "a.*b", "\\(.*\\)\\(b\\)",
    "s\\{2\\}", "\\(iss\\)\\{2\\}", "\\(s\\|i\\)*p", "[[:alpha:]]\\{3,5\\}", "\\([ab]\\)\\1*", "[", "[a",
    "\\(", "a\\)", "a\\{1", "a\\{1,0\\}", "a\\{x\\}", "a\\", "\\1", "[[:foo:]]", "[b-a]", "[[.ab.]]",
    "\\(a\\)\\2", "[[:alpha:]", "a**", "a\\{1\\}*", "x*\\{2\\}", "\\(\\(a\\)\\|b\\)*", "\\(a\\(b\\)*\\)*",
};

const std::vector<std::string> k_ere = {
    "a|b", "(a|b)*", "(a|ab)(c|bcd)", "(a|ab)(bc|c)", "a+", "a?b", "a{2}", "a{1,2}", "a{,2}", "a{1", "a{x}",
    "a{1,0}", "(a)(b)\\2", "(a)\\1", "(.)\\1", "()", "a||b", "(|a)b", "*a", "+a", "?a", "a|*b", "^*", "{1}x",
    "a^b", "a\\$b", "(^a|b)", "(a$|b)", "a)", ")", "(", "(a", "a{1}{2}", "a+?", "(a*)+", "(a*)*", "(a|b)+c",
    "(foo|bar)[0-9]+", "[[:digit:]]+", "(ab|a)(bc|c)?", "((a)|b)+", "(a(b)?)+", "(a|b|c|d)*d", "x(a|b)*x",
    "\\w+", "\\W+", "\\<\\w", "\\b", "\\B", "(\\w+) (\\w+)", "([a-z]+)-\\1", "(a|ab)*c", "(a*)(ab)*(b*)",
    "(.*)(.*)", "(.?)(.?)", ".+b", "(s|i|p)+", "(ss)+", "m(is)*", "[^a-z]+", "[[:upper:]][[:lower:]]*",
    "a{0}", "a{0,0}b", "(a){2,3}", "(a|aa){2}", "(ab|a)(b*)", "\\.", "\\(", "a\\|b", "(a)|b", "(a)|(b)",
    "(((a)))", "(a)(b)(c)", "((ab)|(a))(c|bc)", "[]]", "[^]]", "[a\\]]+", "[\\]", "a{2,}", "(a{2})*",
};

TEST(RegexOracle, TableBasic) {
    int failures = 0;
    for (const auto& pattern : k_bre)
        for (const auto& text : k_texts)
            for (bool icase : {false, true}) {
                std::string why;
                if (!same(pattern, false, icase, text, true, why)) {
                    ADD_FAILURE() << why;
                    if (++failures > 40) return;
                }
            }
}

TEST(RegexOracle, TableExtended) {
    int failures = 0;
    for (const auto& pattern : k_ere)
        for (const auto& text : k_texts)
            for (bool icase : {false, true}) {
                std::string why;
                if (!same(pattern, true, icase, text, true, why)) {
                    ADD_FAILURE() << why;
                    if (++failures > 40) return;
                }
            }
}

TEST(RegexOracle, ErrorMessages) {
    struct Case {
        const char* pattern;
        bool ere;
        const char* message;
    };
    const Case cases[] = {
        {"[a", false, "Unmatched [, [^, [:, [., or [="},
        {"[", false, "Invalid regular expression"},
        {"\\(", false, "Unmatched ( or \\("},
        {"(", true, "Unmatched ( or \\("},
        {"\\(a", false, "Unmatched ( or \\("},  // sed 's/\(a/x/'
        {"(a", true, "Unmatched ( or \\("},     // sed -E 's/(a/x/'
        {"a\\)", false, "Unmatched ) or \\)"},
        {"a\\{1", false, "Unmatched \\{"},
        {"a\\{1,0\\}", false, "Invalid content of \\{\\}"},
        {"a{1,0}", true, "Invalid content of \\{\\}"},
        {"a\\", false, "Trailing backslash"},
        {"\\1", false, "Invalid back reference"},
        {"(a)\\2", true, "Invalid back reference"},
        {"[[:foo:]]", false, "Invalid character class name"},
        {"[b-a]", false, "Invalid range end"},
        {"[[.ab.]]", false, "Invalid collation character"},
        {"[:space:]", false, "character class syntax is [[:space:]], not [:space:]"},
    };
    for (const auto& c : cases) {
        std::string error;
        auto re = Regex::compile(c.pattern, {.syntax = c.ere ? RegexSyntax::extended : RegexSyntax::basic}, error);
        EXPECT_EQ(re, nullptr) << c.pattern;
        EXPECT_EQ(error, c.message) << c.pattern;
    }
}

TEST(RegexOracle, SearchFromOffset) {
    // Context before `start` counts for ^, \< and \b (sed's s///g walking along a line).
    const struct {
        const char* pattern;
        const char* text;
        std::size_t start;
        bool ere;
    } cases[] = {{"^a", "aaa", 1, false}, {"\\<a", "a a", 1, false}, {"\\ba", "ba a", 1, false},
                 {"a*", "baaa", 1, false}, {"x", "axbx", 2, false},
                 // sed 's/\b/|/g' and 's/\</</g;s/\>/>/g': a boundary needs the byte before `start`.
                 {"\\b", "hello big", 1, false}, {"\\b", "hello big", 5, false}, {"\\b", "hello big", 6, false},
                 {"\\<", "one two", 1, false}, {"\\<", "one two", 4, false}, {"\\>", "one two", 3, false},
                 {"\\>", "one two", 4, false}, {"\\B", "ab cd", 2, false},
                 // \` and \' are the text's edges, not the search start's.
                 {"\\`a", "aaa", 1, false}, {"a\\'", "aaa", 1, false},
                 // ERE back references (a GNU extension), also after `start`.
                 {"(.)\\1", "abccd", 0, true}, {"(.)\\1", "aabcc", 1, true}, {"([a-z]+)-\\1", "x ab-ab", 1, true}};
    for (const auto& c : cases) {
        Outcome expected = glibc(c.pattern, c.ere, false, c.text, c.start);
        Outcome got = ours(c.pattern, c.ere, false, c.text, c.start);
        EXPECT_EQ(describe(expected), describe(got)) << c.pattern << " on " << c.text << " from " << c.start;
    }
}

// NUL bytes are ordinary bytes in the pattern and in the text (sed -z, binary files): the API
// takes string_view, so nothing may stop at a NUL.
TEST(RegexOracle, NulBytes) {
    using namespace std::string_literals;
    const struct {
        std::string pattern;
        std::string text;
        bool ere;
    } cases[] = {{"a"s, "x\0a"s, false},       {"\0"s, "ab\0cd"s, false},   {"b\0c"s, "ab\0cd"s, false},
                 {"[^a]\0"s, "ab\0"s, false}, {".\0."s, "\0\0\0"s, true},   {"(\0)\\1"s, "a\0\0"s, true},
                 {"c$"s, "ab\0c"s, false},     {"\0*x"s, "\0\0x"s, true},     {"\\w\\W"s, "a\0"s, false}};
    for (const auto& c : cases) {
        Outcome expected = glibc(c.pattern, c.ere, false, c.text);
        Outcome got = ours(c.pattern, c.ere, false, c.text);
        EXPECT_EQ(describe(expected), describe(got)) << "pattern of " << c.pattern.size() << " bytes";
    }
}

TEST(RegexLines, FindLine) {
    std::string error;
    auto re = Regex::compile("foo[0-9]+bar", {.syntax = RegexSyntax::extended}, error);
    ASSERT_NE(re, nullptr);
    std::string buffer = "nothing\nfoo12bar\nfoobar\nxfoo9bar";
    EXPECT_EQ(re->find_line(buffer), 8u);
    EXPECT_EQ(re->find_line(std::string_view(buffer).substr(17)), 24u - 17u);
    EXPECT_EQ(re->find_line("foobar\nfoo\n"), std::string_view::npos);
    auto empty = Regex::compile("", {}, error);
    EXPECT_EQ(empty->find_line("\n"), 0u);
    EXPECT_EQ(empty->find_line(""), std::string_view::npos);
    auto end = Regex::compile("b$", {}, error);
    EXPECT_EQ(end->find_line("ab c\nab\n"), 5u);
    auto backref = Regex::compile("\\(a\\)\\1", {}, error);
    EXPECT_EQ(backref->find_line("ab\naxa\naa\n"), 7u);
    auto word = Regex::compile("foo", {.match_word = true}, error);
    EXPECT_EQ(word->find_line("foobar\nx foo-y\n"), 7u);
    auto line = Regex::compile("a*", {.match_line = true}, error);
    EXPECT_EQ(line->find_line("ab\naaa\n"), 3u);
    // An alternation of literals: one memmem per alternative, then the DFA on the line.
    auto any = Regex::compile("hello|wor+ld|\\<xy", {.syntax = RegexSyntax::extended}, error);
    EXPECT_EQ(any->find_line("abc\nworld\n"), 4u);
    EXPECT_EQ(any->find_line("wold\naxy\nhell\nxyz\n"), 14u);
    EXPECT_EQ(any->find_line(std::string(5000, 'w') + "\nworrld"), 5001u);
    // -i: the case-blind literal prefilter, then the DFA on the candidate line.
    auto folded = Regex::compile("hel+o w", {.syntax = RegexSyntax::extended, .ignore_case = true}, error);
    EXPECT_EQ(folded->find_line("hello\nxHELLO\nsay HeLLo World\n"), 13u);
    EXPECT_EQ(folded->find_line("hello\nHELLO"), std::string_view::npos);
    std::string far(100000, 'x');
    EXPECT_EQ(folded->find_line(far + "\nHELLO W\n"), far.size() + 1);
}

// Small random patterns over {a, b}: the overall match always, the groups too.
std::string random_pattern(std::mt19937& rng, bool ere, int depth) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::string out;
    int items = 1 + pick(3);
    for (int i = 0; i < items; ++i) {
        std::string atom;
        switch (pick(depth > 1 ? 7 : 9)) {
            case 0: case 1: atom = pick(2) ? "a" : "b"; break;
            case 2: atom = "."; break;
            case 3: atom = pick(2) ? "[ab]" : "[^a]"; break;
            // glibc mishandles anchors inside repeated groups (GNU grep's dfa.c doesn't): only
            // at the top level.
            case 4: atom = pick(3) == 0 && depth == 0 ? (pick(2) ? "^" : "$") : "a"; break;
            case 5: atom = pick(2) && depth == 0 ? "\\<" : "b"; break;
            case 6: atom = "a"; break;
            default: {
                std::string inner = random_pattern(rng, ere, depth + 1);
                if (pick(3) == 0) inner += (ere ? "|" : "\\|") + random_pattern(rng, ere, depth + 1);
                atom = ere ? "(" + inner + ")" : "\\(" + inner + "\\)";
            }
        }
        if (atom != "^" && atom != "$" && atom != "\\<") {
            switch (pick(6)) {
                case 0: atom += "*"; break;
                case 1: atom += ere ? "+" : "\\+"; break;
                case 2: atom += ere ? "?" : "\\?"; break;
                case 3: atom += ere ? "{1,2}" : "\\{1,2\\}"; break;
                default: break;
            }
        }
        out += atom;
    }
    return out;
}

std::string random_text(std::mt19937& rng) {
    std::string text;
    int length = static_cast<int>(rng() % 7);
    for (int i = 0; i < length; ++i) text += "ab "[rng() % 3];
    return text;
}

// Overall spans must always agree. Group spans agree except in rare nested-loop cases where
// glibc keeps an inner group from an earlier iteration or stops a loop early (glibc's own
// submatch quirks, not POSIX rules): up to `tolerated` of those are reported, not failed.
void differential(bool ere, bool groups, unsigned seed, int tolerated) {
    std::mt19937 rng(seed);
    int failures = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string pattern = random_pattern(rng, ere, 0);
        for (int j = 0; j < 4; ++j) {
            std::string text = random_text(rng);
            std::string why;
            if (same(pattern, ere, false, text, groups, why)) continue;
            if (groups && same(pattern, ere, false, text, false, why)) {
                if (--tolerated >= 0) {
                    std::printf("tolerated group difference: %s\n", why.c_str());
                    continue;
                }
            }
            ADD_FAILURE() << why;
            if (++failures > 25) return;
        }
    }
}

TEST(RegexRandom, BasicOverall) { differential(false, false, 1, 0); }
TEST(RegexRandom, ExtendedOverall) { differential(true, false, 2, 0); }
TEST(RegexRandom, BasicGroups) { differential(false, true, 3, 12); }
TEST(RegexRandom, ExtendedGroups) { differential(true, true, 4, 12); }

}  // namespace

namespace {

std::string first_match(const char* pattern, std::string_view text, toolbox::RegexOptions options,
                        toolbox::RegexSearchFlags flags = {}) {
    std::string error;
    auto re = Regex::compile(pattern, options, error);
    if (!re) return "error: " + error;
    std::vector<RegexSpan> groups;
    if (!re->search(text, 0, groups, flags)) return "none";
    if (re->matches(text, flags) != true) return "matches() disagrees";
    return std::to_string(groups[0].begin) + "," + std::to_string(groups[0].end);
}

TEST(RegexFlags, MultilineAndEdges) {
    RegexOptions multi{.multiline = true};
    EXPECT_EQ(first_match("^b", "a\nb", multi), "2,3");
    EXPECT_EQ(first_match("^b", "a\nb", {}), "none");
    EXPECT_EQ(first_match("a$", "a\nb", multi), "0,1");
    EXPECT_EQ(first_match("a.b", "a\nb", multi), "none");
    EXPECT_EQ(first_match("a.b", "a\nb", {}), "0,3");
    EXPECT_EQ(first_match("[^x]", "\n", multi), "none");
    EXPECT_EQ(first_match("\\`b", "a\nb", multi), "none");
    EXPECT_EQ(first_match("^a", "a", {}, {.not_bol = true}), "none");
    EXPECT_EQ(first_match("\\`a", "a", {}, {.not_bol = true}), "0,1");
    EXPECT_EQ(first_match("a$", "a", {}, {.not_eol = true}), "none");
    EXPECT_EQ(first_match("a\\'", "a", {}, {.not_eol = true}), "0,1");
    EXPECT_EQ(first_match("foo", "a foo", {.match_word = true}), "2,5");
    EXPECT_EQ(first_match("foo", "afoo", {.match_word = true}), "none");
    EXPECT_EQ(first_match("a*", "aab", {.match_line = true}), "none");
    EXPECT_EQ(first_match("a\nb", "xb", {.newline_alternation = true}), "1,2");
}

}  // namespace
