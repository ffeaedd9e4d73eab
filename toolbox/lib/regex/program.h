// program.h — the engine's internal representation, shared by the parser, the compiler and the
// two matchers: a parsed pattern (Ast) and the NFA program compiled from it (Program). Sets of
// bytes are 256-bit sets, so bracket expressions, classes and case folding cost nothing at match
// time; the lazy DFA (dfa.h) and the backtracker (backtrack.h) both run a Program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/regex.h"

namespace toolbox::regex_detail {

struct ByteSet {
    std::uint64_t bits[4]{};
    void set(unsigned char c) { bits[c >> 6] |= std::uint64_t{1} << (c & 63); }
    bool test(unsigned char c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
    void invert() {
        for (auto& word : bits) word = ~word;
    }
    void add(const ByteSet& other) {
        for (int i = 0; i < 4; ++i) bits[i] |= other.bits[i];
    }
    int count() const {
        int n = 0;
        for (auto word : bits) n += __builtin_popcountll(word);
        return n;
    }
    bool operator==(const ByteSet&) const = default;
};

inline bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Zero-width tests. not_after_word/not_before_word implement grep -w's "preceded and followed by
// a non-word constituent (or the line's edge)".
enum class Assertion : std::uint8_t {
    line_start, line_end, buffer_start, buffer_end, word_boundary, not_word_boundary, word_start,
    word_end, not_after_word, not_before_word,
};

struct Node {
    enum class Kind : std::uint8_t { empty, set, concat, alternate, repeat, group, backref, assertion };
    Kind kind{Kind::empty};
    int min{0};
    int max{0};            // repeat: -1 = unbounded
    std::uint32_t value{0};  // set: index into Ast::sets; group/backref: number; assertion: Assertion
    std::vector<int> children;
};

struct Ast {
    std::vector<Node> nodes;
    std::vector<ByteSet> sets;
    int root{-1};
    std::size_t groups{0};
    bool has_backrefs{false};
    int add(Node node) {
        nodes.push_back(std::move(node));
        return static_cast<int>(nodes.size()) - 1;
    }
};

// Parses `pattern`; false and a GNU-worded message in `error` when it is invalid. Warnings that
// GNU grep prints for questionable EREs ("* at start of expression") go to `warnings`.
bool parse(std::string_view pattern, const RegexOptions& options, Ast& ast, std::string& error,
           std::vector<std::string>& warnings);

enum class Op : std::uint8_t {
    byte_set,    // consume one byte in sets[x]
    split,       // try x, then y
    jump,        // go to x
    save,        // capture slot x = position
    assertion,   // zero-width test x (Assertion)
    backref,     // the text of group x again
    loop_init,   // loop x's iteration count = y (1 when mandatory copies came before)
    loop_start,  // loop register x = position (iteration start, for the empty-iteration guard)
    loop_check,  // after an iteration of loop x: if it was empty, go to y when it was the first
                 // one, else fail (glibc takes one empty iteration, never an empty extra one);
                 // otherwise count it and go to z
    match,
};

struct Inst {
    Op op{Op::match};
    std::uint32_t x{0};
    std::uint32_t y{0};
    std::uint32_t z{0};
};

struct Program {
    std::vector<Inst> insts;
    std::vector<ByteSet> sets;
    std::size_t groups{0};
    std::size_t loop_registers{0};
    bool has_backrefs{false};
    bool multiline{false};
    bool ignore_case{false};
    // A byte string every match contains (empty: none known), and whether the whole pattern is
    // just that string (then finding it is the match).
    std::string required;
    // With -i: the same, lower-cased, for a case-blind search (used when `required` is empty).
    std::string required_folded;
    // For a top-level alternation without a common literal: one literal per alternative (every
    // match contains one of them), or empty.
    std::vector<std::string> required_any;
    bool literal_only{false};
    bool folded_literal_only{false};  // with ignore_case: the pattern is just required_folded
};

// Compiles the AST; false with "Regular expression too big" when the program would be huge.
bool compile(const Ast& ast, const RegexOptions& options, Program& program, std::string& error);

// How the text around a position looks to an assertion.
enum Context : std::uint8_t {
    ctx_text_start,        // before the text's first byte (^ and \` match)
    ctx_text_start_nobol,  // the same with not_bol (\` matches, ^ does not)
    ctx_newline,
    ctx_word,
    ctx_other,
    ctx_text_end,          // after the last byte ($ and \' match)
    ctx_text_end_noeol,
    ctx_count,
};

inline Context byte_context(unsigned char c) {
    return c == '\n' ? ctx_newline : is_word_byte(c) ? ctx_word : ctx_other;
}

// Whether assertion `a` holds between a byte of context `before` and one of context `after`.
bool assertion_holds(Assertion a, Context before, Context after, bool multiline);

}  // namespace toolbox::regex_detail
