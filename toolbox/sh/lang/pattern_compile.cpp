// pattern_compile.cpp — pattern text to a Program. Mirrors how bash 5.2's sm_loop.c reads a
// pattern while it matches (BRACKMATCH for brackets, PATSCAN for extglob groups), including what
// it does with malformed syntax, so that the engine can match without re-reading the text.
#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "sh/lang/pattern_program.h"

namespace sh::pattern_detail {
namespace {

// Deeper extglob nesting is read as plain text, so that matching cannot run out of stack.
constexpr int k_max_group_depth = 64;

// POSIX collating symbol names ([.hyphen.]); a single character names itself.
struct CollatingName {
    std::string_view name;
    char value;
};
constexpr std::array<CollatingName, 68> k_collating_names{{
    {"NUL", '\0'}, {"alert", '\a'}, {"backspace", '\b'}, {"tab", '\t'}, {"newline", '\n'},
    {"vertical-tab", '\v'}, {"form-feed", '\f'}, {"carriage-return", '\r'}, {"ESC", '\033'}, {"space", ' '},
    {"exclamation-mark", '!'}, {"quotation-mark", '"'}, {"number-sign", '#'}, {"dollar-sign", '$'},
    {"percent-sign", '%'}, {"ampersand", '&'}, {"apostrophe", '\''}, {"left-parenthesis", '('},
    {"right-parenthesis", ')'}, {"asterisk", '*'}, {"plus-sign", '+'}, {"comma", ','}, {"hyphen", '-'},
    {"hyphen-minus", '-'}, {"minus", '-'}, {"dash", '-'}, {"period", '.'}, {"full-stop", '.'}, {"slash", '/'},
    {"solidus", '/'}, {"zero", '0'}, {"one", '1'}, {"two", '2'}, {"three", '3'}, {"four", '4'}, {"five", '5'},
    {"six", '6'}, {"seven", '7'}, {"eight", '8'}, {"nine", '9'}, {"colon", ':'}, {"semicolon", ';'},
    {"less-than-sign", '<'}, {"equals-sign", '='}, {"greater-than-sign", '>'}, {"question-mark", '?'},
    {"commercial-at", '@'}, {"left-square-bracket", '['}, {"backslash", '\\'}, {"reverse-solidus", '\\'},
    {"right-square-bracket", ']'}, {"circumflex", '^'}, {"circumflex-accent", '^'}, {"underscore", '_'},
    {"low-line", '_'}, {"grave-accent", '`'}, {"left-brace", '{'}, {"left-curly-bracket", '{'},
    {"vertical-line", '|'}, {"right-brace", '}'}, {"right-curly-bracket", '}'}, {"tilde", '~'}, {"DEL", '\177'},
    {"BS", '\b'}, {"HT", '\t'}, {"LF", '\n'}, {"CR", '\r'}, {"SOH", '\001'},
}};

constexpr std::array<std::pair<std::string_view, CharClass>, 14> k_class_names{{
    {"alnum", CharClass::alnum}, {"alpha", CharClass::alpha}, {"ascii", CharClass::ascii},
    {"blank", CharClass::blank}, {"cntrl", CharClass::cntrl}, {"digit", CharClass::digit},
    {"graph", CharClass::graph}, {"lower", CharClass::lower}, {"print", CharClass::print},
    {"punct", CharClass::punct}, {"space", CharClass::space}, {"upper", CharClass::upper},
    {"word", CharClass::word}, {"xdigit", CharClass::xdigit},
}};

size_t saturating_add(size_t a, size_t b) {
    return (a == k_unbounded || b == k_unbounded) ? k_unbounded : a + b;
}

// A bracket expression as read: where it ends (just past `]`) and what it holds; or `unterminated`
// (then `[` is an ordinary character) or `broken` (bash matches nothing at all, e.g. "[a-").
struct BracketParse {
    enum class Outcome : uint8_t { ok, unterminated, broken };
    Outcome outcome{Outcome::ok};
    size_t end{0};
    Bracket bracket;
};

class Compiler {
public:
    Compiler(Program& program, std::string_view text) : m_program(program), m_text(text) {}
    uint32_t sequence(size_t begin, size_t end, int depth);

private:
    bool parse_group(size_t begin, size_t end, int depth, Sequence& out, size_t& next);
    BracketParse parse_bracket(size_t open, size_t end) const;
    bool bracket_item(size_t& p, size_t end, Bracket& bracket, BracketParse::Outcome& outcome) const;
    std::optional<Unit> collating_symbol(size_t& p, size_t end) const;
    std::optional<size_t> scan(size_t begin, size_t end, bool to_bar) const;
    Unit unit_at(size_t position, size_t& length) const {
        return decode_unit(m_text, position, m_program.options.utf8, length);
    }
    Unit folded(Unit unit) const { return m_program.options.nocase ? fold_case(unit) : unit; }
    void push_literal(Sequence& out, Unit unit) { out.nodes.push_back(Node{NodeKind::literal, unit, 0}); }
    void push_trailing_backslash(Sequence& out);
    void finish(Sequence& out) const;

    Program& m_program;
    std::string_view m_text;
};

// Reads m_text[begin, end) as one sequence and returns its index.
uint32_t Compiler::sequence(size_t begin, size_t end, int depth) {
    Sequence out;
    size_t i = begin;
    while (i < end) {
        char c = m_text[i];
        if (m_program.options.extglob && depth < k_max_group_depth && i + 1 < end && m_text[i + 1] == '(' &&
            std::string_view("?*+@!").find(c) != std::string_view::npos) {
            if (parse_group(i, end, depth, out, i))
                continue;
            // bash compares the rest of the pattern with the text as plain characters.
            for (size_t length = 1; i < end; i += length)
                push_literal(out, unit_at(i, length));
            break;
        }
        size_t length = 1;
        if (c == '\\') {
            if (i + 1 == end) {
                push_trailing_backslash(out);
                ++i;
                continue;
            }
            push_literal(out, unit_at(i + 1, length));
            i += 1 + length;
        } else if (c == '*') {
            if (out.nodes.empty() || out.nodes.back().kind != NodeKind::star)
                out.nodes.push_back(Node{NodeKind::star, 0, 0});
            ++i;
        } else if (c == '?') {
            out.nodes.push_back(Node{NodeKind::any, 0, 0});
            ++i;
        } else if (c == '[') {
            BracketParse parsed = parse_bracket(i, end);
            if (parsed.outcome == BracketParse::Outcome::unterminated) {
                push_literal(out, '[');
                ++i;
            } else if (parsed.outcome == BracketParse::Outcome::broken) {
                out.nodes.push_back(Node{NodeKind::never, 0, 0});
                i = end;
            } else {
                m_program.brackets.push_back(std::move(parsed.bracket));
                out.nodes.push_back(Node{NodeKind::bracket, 0, static_cast<uint32_t>(m_program.brackets.size() - 1)});
                i = parsed.end;
            }
        } else {
            push_literal(out, unit_at(i, length));
            i += length;
        }
    }
    finish(out);
    m_program.sequences.push_back(std::move(out));
    return static_cast<uint32_t>(m_program.sequences.size() - 1);
}

// bash's star loop looks at the character after a run of * and ?; a trailing backslash there is
// a NUL it never finds, so the pattern matches nothing. Elsewhere it is a literal backslash.
void Compiler::push_trailing_backslash(Sequence& out) {
    for (auto node = out.nodes.rbegin(); node != out.nodes.rend(); ++node) {
        if (node->kind == NodeKind::star) {
            out.nodes.push_back(Node{NodeKind::never, 0, 0});
            return;
        }
        if (node->kind != NodeKind::any)
            break;
    }
    push_literal(out, '\\');
}

void Compiler::finish(Sequence& out) const {
    out.max_length = 0;
    for (const Node& node : out.nodes) {
        size_t length = 1;
        if (node.kind == NodeKind::star)
            length = k_unbounded;
        else if (node.kind == NodeKind::group)
            length = m_program.groups[node.index].max_length;
        else if (node.kind == NodeKind::never)
            length = 0;
        out.max_length = saturating_add(out.max_length, length);
    }
}

// An extglob group at m_text[begin] (its operator) within [begin, end): the sequence gets the
// node and `next` the position after `)`. False when the `(` is never closed.
bool Compiler::parse_group(size_t begin, size_t end, int depth, Sequence& out, size_t& next) {
    std::optional<size_t> close = scan(begin + 2, end, false);
    if (!close)
        return false;
    Group group;
    switch (m_text[begin]) {
        case '?': group.kind = GroupKind::zero_or_one; break;
        case '*': group.kind = GroupKind::zero_or_more; break;
        case '+': group.kind = GroupKind::one_or_more; break;
        case '@': group.kind = GroupKind::exactly_one; break;
        default: group.kind = GroupKind::none_of; break;
    }
    size_t body_end = *close - 1;
    size_t alternative = begin + 2;
    for (;;) {
        size_t stop = scan(alternative, body_end, true).value_or(body_end + 1) - 1;
        group.alternatives.push_back(sequence(alternative, std::min(stop, body_end), depth + 1));
        if (stop >= body_end)
            break;
        alternative = stop + 1;
    }
    size_t longest = 0;
    for (uint32_t index : group.alternatives)
        longest = std::max(longest, m_program.sequences[index].max_length);
    bool bounded = group.kind == GroupKind::zero_or_one || group.kind == GroupKind::exactly_one || longest == 0;
    group.max_length = group.kind == GroupKind::none_of ? k_unbounded : (bounded ? longest : k_unbounded);
    m_program.groups.push_back(std::move(group));
    out.nodes.push_back(Node{NodeKind::group, 0, static_cast<uint32_t>(m_program.groups.size() - 1)});
    next = *close;
    return true;
}

// PATSCAN: from `begin`, the position just past the `)` closing a group (to_bar: or past the
// first `|` at its level), skipping backslash escapes, brackets and nested parentheses.
std::optional<size_t> Compiler::scan(size_t begin, size_t end, bool to_bar) const {
    int parens = 0;
    bool in_bracket = false;
    size_t bracket_first = 0;
    char special = 0;  // inside [: :] [. .] [= =]
    for (size_t s = begin; s < end; ++s) {
        char c = m_text[s];
        if (c == '\\') {
            ++s;
        } else if (c == '[') {
            if (!in_bracket) {
                in_bracket = true;
                bracket_first = s + 1;
                if (bracket_first < end && (m_text[bracket_first] == '!' || m_text[bracket_first] == '^'))
                    ++bracket_first;
            } else if (s + 1 < end && std::string_view(":.=").find(m_text[s + 1]) != std::string_view::npos) {
                special = m_text[s + 1];
            }
        } else if (c == ']' && in_bracket) {
            if (special && m_text[s - 1] == special)
                special = 0;
            else if (s != bracket_first)
                in_bracket = false;
        } else if (c == '(' && !in_bracket) {
            ++parens;
        } else if (c == ')' && !in_bracket) {
            if (parens-- <= 0)
                return s + 1;
        } else if (c == '|' && !in_bracket && parens == 0 && to_bar) {
            return s + 1;
        }
    }
    return std::nullopt;
}

// BRACKMATCH's reading of [...] starting at `open`.
BracketParse Compiler::parse_bracket(size_t open, size_t end) const {
    BracketParse parsed;
    size_t p = open + 1;
    if (p < end && (m_text[p] == '!' || m_text[p] == '^')) {
        parsed.bracket.negated = true;
        ++p;
    }
    // The first character is always an item, even `]`.
    bool first = true;
    for (;;) {
        if (p >= end) {
            parsed.outcome = BracketParse::Outcome::unterminated;
            return parsed;
        }
        if (m_text[p] == ']' && !first) {
            parsed.end = p + 1;
            return parsed;
        }
        first = false;
        if (!bracket_item(p, end, parsed.bracket, parsed.outcome))
            return parsed;
    }
}

// One item at `p`: a character, a range, [:class:], [=c=] or [.symbol.]; advances `p`. False
// when the bracket ends badly (`outcome` says how).
bool Compiler::bracket_item(size_t& p, size_t end, Bracket& bracket, BracketParse::Outcome& outcome) const {
    auto at = [&](size_t i) { return i < end ? m_text[i] : '\0'; };
    size_t length = 1;
    if (at(p) == '[' && at(p + 1) == '=') {
        Unit unit = unit_at(p + 2 < end ? p + 2 : p, length);
        if (p + 2 < end && at(p + 2 + length) == '=' && at(p + 3 + length) == ']') {
            bracket.items.push_back(BracketItem{BracketItem::Kind::range, folded(unit), folded(unit), {}});
            p += 4 + length;
            return true;
        }
    }
    if (at(p) == '[' && at(p + 1) == ':') {
        size_t close = m_text.substr(0, end).find(":]", p + 2);
        if (close == std::string_view::npos) {
            // bash drops the `[` and goes on from the `:`.
            ++p;
            return true;
        }
        std::string_view name = m_text.substr(p + 2, close - p - 2);
        auto known = std::find_if(k_class_names.begin(), k_class_names.end(),
                                  [&](const auto& entry) { return entry.first == name; });
        if (known != k_class_names.end())
            bracket.items.push_back(BracketItem{BracketItem::Kind::char_class, 0, 0, known->second});
        p = close + 2;
        return true;
    }
    std::optional<Unit> low;
    if (at(p) == '[' && at(p + 1) == '.') {
        low = collating_symbol(p, end);
        if (p >= end) {
            outcome = BracketParse::Outcome::unterminated;
            return false;
        }
    } else if (at(p) == '\\') {
        if (p + 1 >= end) {
            outcome = BracketParse::Outcome::broken;
            return false;
        }
        low = unit_at(p + 1, length);
        p += 1 + length;
    } else {
        low = unit_at(p, length);
        p += length;
    }
    if (at(p) == '-' && p + 1 >= end) {
        outcome = BracketParse::Outcome::broken;
        return false;
    }
    if (at(p) != '-' || at(p + 1) == ']') {
        if (low)
            bracket.items.push_back(BracketItem{BracketItem::Kind::range, folded(*low), folded(*low), {}});
        return true;
    }
    ++p;  // the `-`
    std::optional<Unit> high;
    if (at(p) == '[' && at(p + 1) == '.') {
        high = collating_symbol(p, end);
    } else {
        if (at(p) == '\\')
            ++p;
        if (p >= end) {
            outcome = BracketParse::Outcome::broken;
            return false;
        }
        high = unit_at(p, length);
        p += length;
    }
    // A range whose end sorts before its start is ignored; the rest of the bracket still counts.
    if (low && high && folded(*low) <= folded(*high))
        bracket.items.push_back(BracketItem{BracketItem::Kind::range, folded(*low), folded(*high), {}});
    return true;
}

// [.name.] at `p`: its character, or nullopt for an unknown name; `p` moves past it (to `end`
// when there is no closing ".]").
std::optional<Unit> Compiler::collating_symbol(size_t& p, size_t end) const {
    size_t close = m_text.substr(0, end).find(".]", p + 2);
    if (close == std::string_view::npos) {
        p = end;
        return std::nullopt;
    }
    std::string_view name = m_text.substr(p + 2, close - p - 2);
    p = close + 2;
    if (!name.empty()) {
        size_t length = 1;
        Unit unit = decode_unit(name, 0, m_program.options.utf8, length);
        if (length == name.size())
            return unit;
    }
    for (const CollatingName& entry : k_collating_names) {
        if (entry.name == name)
            return static_cast<Unit>(static_cast<unsigned char>(entry.value));
    }
    return std::nullopt;
}

Sequence reversed(const Sequence& sequence) {
    Sequence out = sequence;
    std::reverse(out.nodes.begin(), out.nodes.end());
    return out;
}

}  // namespace

Program compile_program(std::string_view pattern, const PatternOptions& options) {
    Program program;
    program.options = options;
    program.empty = pattern.empty();
    program.starts_with_star = !pattern.empty() && pattern[0] == '*';
    // Sequence 0 must be the whole pattern, but alternatives are compiled first; reserve slot 0.
    program.sequences.emplace_back();
    Compiler compiler(program, pattern);
    uint32_t top = compiler.sequence(0, pattern.size(), 0);
    program.sequences[0] = std::move(program.sequences[top]);
    program.sequences.pop_back();
    for (const Sequence& sequence : program.sequences)
        program.reversed.push_back(reversed(sequence));
    return program;
}

}  // namespace sh::pattern_detail
