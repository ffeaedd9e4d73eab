// parse.cpp — POSIX BRE and ERE with the GNU extensions, into an Ast. The context rules follow
// GNU grep (glibc regex plus gnulib's dfa.c): in a BRE, '*' is literal at the start of the
// pattern, of a group or of an alternative (and after a leading '^'); '^' and '$' are anchors
// only at those edges; "\{" at the start is a literal '{'. In an ERE, a leading repetition
// operator repeats nothing (with grep's warning), ^ and $ are anchors anywhere, and a '{' that
// doesn't start a valid interval is literal. Error messages are glibc's regerror() texts.
#include <cstring>

#include "lib/regex/program.h"

namespace toolbox::regex_detail {

namespace {

constexpr const char* k_unmatched_bracket = "Unmatched [, [^, [:, [., or [=";
constexpr const char* k_unmatched_paren = "Unmatched ( or \\(";
constexpr const char* k_unmatched_brace = "Unmatched \\{";
constexpr const char* k_bad_brace = "Invalid content of \\{\\}";
constexpr int k_dup_max = 32767;

bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// The bytes of a [:name:] class in the C locale; false for an unknown name.
bool class_set(std::string_view name, ByteSet& set) {
    for (int i = 0; i < 256; ++i) {
        auto c = static_cast<unsigned char>(i);
        bool in = false;
        bool alpha = is_lower(c) || is_upper(c);
        if (name == "alpha") in = alpha;
        else if (name == "digit") in = is_digit(c);
        else if (name == "alnum") in = alpha || is_digit(c);
        else if (name == "alnum_") in = alpha || is_digit(c) || c == '_';  // \w
        else if (name == "upper") in = is_upper(c);
        else if (name == "lower") in = is_lower(c);
        else if (name == "space") in = c == ' ' || (c >= '\t' && c <= '\r');
        else if (name == "blank") in = c == ' ' || c == '\t';
        else if (name == "punct") in = c > ' ' && c < 127 && !alpha && !is_digit(c);
        else if (name == "print") in = c >= ' ' && c < 127;
        else if (name == "graph") in = c > ' ' && c < 127;
        else if (name == "cntrl") in = c < ' ' || c == 127;
        else if (name == "xdigit") in = is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        else return false;
        if (in) set.set(c);
    }
    return true;
}

class Parser {
public:
    Parser(std::string_view pattern, const RegexOptions& options, Ast& ast, std::vector<std::string>& warnings)
        : m_p(pattern), m_ere(options.syntax == RegexSyntax::extended), m_icase(options.ignore_case),
          m_multiline(options.multiline), m_newline_alt(options.newline_alternation), m_ast(ast),
          m_warnings(warnings) {}

    bool run(std::string& error) {
        int root = parse_alternation(0);
        if (root >= 0 && m_i < m_p.size()) fail(m_ere ? "Unmatched ) or \\)" : "Unmatched ) or \\)");
        if (!m_error.empty()) {
            error = m_error;
            return false;
        }
        m_ast.root = root;
        m_ast.groups = m_groups;
        return true;
    }

private:
    int fail(const char* message) {
        if (m_error.empty()) m_error = message;
        m_i = m_p.size();
        return -1;
    }
    bool at_end() const { return m_i >= m_p.size(); }
    bool peek(char c) const { return m_i < m_p.size() && m_p[m_i] == c; }
    bool peek2(char a, char b) const { return m_i + 1 < m_p.size() && m_p[m_i] == a && m_p[m_i + 1] == b; }

    // Where an alternative ends: '|' / "\|", a group's close, a newline alternation, the end.
    bool at_branch_end(int depth) const {
        if (at_end()) return true;
        if (m_ere) return peek('|') || (depth > 0 && peek(')')) || (m_newline_alt && depth == 0 && peek('\n'));
        return peek2('\\', '|') || (depth > 0 && peek2('\\', ')')) || (m_newline_alt && depth == 0 && peek('\n'));
    }

    int parse_alternation(int depth) {
        std::vector<int> branches;
        std::size_t first_group = m_groups;
        std::size_t most_groups = m_groups;
        while (true) {
            branches.push_back(parse_branch(depth));
            if (!m_error.empty()) return -1;
            if (at_end() || (depth > 0 && (m_ere ? peek(')') : peek2('\\', ')')))) break;
            if (peek('\n') && m_newline_alt && depth == 0) {
                // Each pattern line numbers its groups from 1: its back references are its own.
                ++m_i;
                if (m_groups > most_groups) most_groups = m_groups;
                m_groups = first_group;
                m_closed_groups = first_group;
                continue;
            }
            m_i += m_ere ? 1 : 2;  // '|' or "\|"
        }
        if (m_groups < most_groups) m_groups = most_groups;
        if (branches.size() == 1) return branches[0];
        Node node{Node::Kind::alternate};
        node.children = std::move(branches);
        return m_ast.add(std::move(node));
    }

    int parse_branch(int depth) {
        std::vector<int> items;
        std::size_t branch_start = m_i;
        while (!at_branch_end(depth)) {
            bool leading = items.empty();
            if (items.size() == 1 && is_anchor(items[0], Assertion::line_start) && m_i > branch_start &&
                (m_ere ? m_p[m_i - 1] == '^' : m_p[m_i - 1] == '^'))
                leading = true;
            int atom = parse_atom(depth, leading, branch_start);
            if (atom == -2) continue;  // consumed nothing that makes a node
            if (atom < 0) return -1;
            // A repetition operator right after a leading '^' starts the expression afresh.
            bool anchor = leading && is_anchor(atom, Assertion::line_start);
            if (!anchor) atom = parse_repetitions(atom);
            if (atom < 0) return -1;
            items.push_back(atom);
        }
        if (items.empty()) return m_ast.add(Node{Node::Kind::empty});
        if (items.size() == 1) return items[0];
        Node node{Node::Kind::concat};
        node.children = std::move(items);
        return m_ast.add(std::move(node));
    }

    bool is_anchor(int node, Assertion a) const {
        const Node& n = m_ast.nodes[node];
        return n.kind == Node::Kind::assertion && n.value == static_cast<std::uint32_t>(a);
    }

    int literal(unsigned char c) {
        ByteSet set;
        set.set(c);
        if (m_icase) {
            if (is_lower(c)) set.set(static_cast<unsigned char>(c - 32));
            if (is_upper(c)) set.set(static_cast<unsigned char>(c + 32));
        }
        return set_node(set);
    }
    int set_node(const ByteSet& set) {
        m_ast.sets.push_back(set);
        Node node{Node::Kind::set};
        node.value = static_cast<std::uint32_t>(m_ast.sets.size() - 1);
        return m_ast.add(std::move(node));
    }
    int assertion(Assertion a) {
        Node node{Node::Kind::assertion};
        node.value = static_cast<std::uint32_t>(a);
        return m_ast.add(std::move(node));
    }
    int class_node(const char* name, bool negate) {
        ByteSet set;
        class_set(name, set);
        if (negate) {
            set.invert();
            if (m_multiline) set.bits[0] &= ~(std::uint64_t{1} << '\n');
        }
        return set_node(set);
    }

    // -2: nothing to add (an ERE repetition operator at the start, with its warning).
    int parse_atom(int depth, bool leading, std::size_t branch_start) {
        unsigned char c = static_cast<unsigned char>(m_p[m_i]);
        if (m_ere) return parse_ere_atom(c, depth, leading);
        if (c == '*' && leading) {
            ++m_i;
            return literal('*');
        }
        if (c == '^' && m_i == branch_start) {
            ++m_i;
            return assertion(Assertion::line_start);
        }
        if (c == '$' && bre_dollar_is_anchor(depth)) {
            ++m_i;
            return assertion(Assertion::line_end);
        }
        if (c == '\\') return parse_escape(depth, leading);
        return parse_common(c);
    }

    bool bre_dollar_is_anchor(int depth) {
        std::size_t saved = m_i;
        ++m_i;
        bool anchor = at_branch_end(depth);
        m_i = saved;
        return anchor;
    }

    int parse_ere_atom(unsigned char c, int depth, bool leading) {
        switch (c) {
            case '*':
            case '+':
            case '?':
                if (leading) {
                    m_warnings.push_back(std::string(1, static_cast<char>(c)) + " at start of expression");
                    ++m_i;
                    return -2;
                }
                break;
            case '{':
                if (leading) {
                    std::size_t saved = m_i;
                    int min = 0;
                    int max = 0;
                    if (parse_interval(min, max) == 1) {
                        // As glibc: the '{' alone is dropped, the rest is read as text.
                        m_warnings.push_back("{...} at start of expression");
                        m_i = saved + 1;
                        return -2;
                    }
                    if (!m_error.empty()) return -1;
                    m_i = saved;
                }
                break;
            case '(': {
                ++m_i;
                return parse_group(depth);
            }
            case '^':
                ++m_i;
                return assertion(Assertion::line_start);
            case '$':
                ++m_i;
                return assertion(Assertion::line_end);
            case '\\':
                return parse_escape(depth, leading);
            default:
                break;
        }
        return parse_common(c);
    }

    int parse_group(int depth) {
        std::size_t number = ++m_groups;
        int inner = parse_alternation(depth + 1);
        if (inner < 0) return -1;
        if (m_ere ? !peek(')') : !peek2('\\', ')')) return fail(k_unmatched_paren);
        m_i += m_ere ? 1 : 2;
        if (number > m_closed_groups) m_closed_groups = number;
        Node node{Node::Kind::group};
        node.value = static_cast<std::uint32_t>(number);
        node.children.push_back(inner);
        return m_ast.add(std::move(node));
    }

    int parse_common(unsigned char c) {
        if (c == '[') {
            ++m_i;
            return parse_bracket();
        }
        ++m_i;
        if (c == '.') {
            ByteSet set;
            set.invert();
            if (m_multiline) set.bits[0] &= ~(std::uint64_t{1} << '\n');
            return set_node(set);
        }
        return literal(c);
    }

    int parse_escape(int depth, bool leading) {
        if (m_i + 1 >= m_p.size()) return fail("Trailing backslash");
        unsigned char c = static_cast<unsigned char>(m_p[m_i + 1]);
        m_i += 2;
        if (!m_ere) {
            switch (c) {
                case '(': return parse_group(depth);
                case '{':
                    if (leading) return literal('{');
                    return fail("Invalid preceding regular expression");
                case '+':
                case '?':
                    if (leading) return literal(c);
                    break;
                case ')': return fail("Unmatched ) or \\)");
                case '}': return literal('}');
                default: break;
            }
        }
        if (c >= '1' && c <= '9') {
            if (static_cast<std::size_t>(c - '0') > m_closed_groups) return fail("Invalid back reference");
            m_ast.has_backrefs = true;
            Node node{Node::Kind::backref};
            node.value = c - '0';
            return m_ast.add(std::move(node));
        }
        switch (c) {
            case 'w': return class_node("alnum_", false);
            case 'W': return class_node("alnum_", true);
            case 's': return class_node("space", false);
            case 'S': return class_node("space", true);
            case 'b': return assertion(Assertion::word_boundary);
            case 'B': return assertion(Assertion::not_word_boundary);
            case '<': return assertion(Assertion::word_start);
            case '>': return assertion(Assertion::word_end);
            case '`': return assertion(Assertion::buffer_start);
            case '\'': return assertion(Assertion::buffer_end);
            default: return literal(c);
        }
    }

    // 1: a valid interval was read; 0: not an interval (ERE: the '{' is literal); -1: error.
    // Starts at the '{' (ERE) or after "\{" (BRE, where the caller already moved past it).
    int parse_interval(int& min, int& max) {
        std::size_t start = m_i;
        if (m_ere) ++m_i;
        auto number = [&](int& out) {
            if (at_end() || !is_digit(static_cast<unsigned char>(m_p[m_i]))) return false;
            long value = 0;
            while (!at_end() && is_digit(static_cast<unsigned char>(m_p[m_i]))) {
                value = value * 10 + (m_p[m_i] - '0');
                if (value > k_dup_max + 1) value = k_dup_max + 1;
                ++m_i;
            }
            out = static_cast<int>(value);
            return true;
        };
        bool has_min = number(min);
        if (!has_min) min = 0;
        max = min;
        if (peek(',')) {
            ++m_i;
            if (!number(max)) max = -1;
        } else if (!has_min) {
            return invalid_interval(start);
        }
        bool closed = m_ere ? peek('}') : peek2('\\', '}');
        if (!closed) return invalid_interval(start);
        m_i += m_ere ? 1 : 2;
        if ((max >= 0 && max < min) || min > k_dup_max || max > k_dup_max) {
            fail(min > k_dup_max || max > k_dup_max ? "Regular expression too big" : k_bad_brace);
            return -1;
        }
        return 1;
    }

    int invalid_interval(std::size_t start) {
        if (m_ere) {
            m_i = start;
            return 0;
        }
        // BRE: "\{" must be closed by "\}"; GNU says which part is wrong.
        std::size_t scan = m_i;
        while (scan + 1 < m_p.size() && !(m_p[scan] == '\\' && m_p[scan + 1] == '}')) ++scan;
        fail(scan + 1 < m_p.size() ? k_bad_brace : k_unmatched_brace);
        return -1;
    }

    int parse_repetitions(int atom) {
        while (!at_end()) {
            int min = 0;
            int max = 0;
            char c = m_p[m_i];
            if (c == '*') {
                ++m_i;
                min = 0, max = -1;
            } else if (m_ere && (c == '+' || c == '?')) {
                ++m_i;
                min = c == '+' ? 1 : 0, max = c == '+' ? -1 : 1;
            } else if (m_ere && c == '{') {
                int got = parse_interval(min, max);
                if (got < 0) return -1;
                if (got == 0) break;
            } else if (!m_ere && c == '\\' && m_i + 1 < m_p.size() &&
                       (m_p[m_i + 1] == '+' || m_p[m_i + 1] == '?')) {
                min = m_p[m_i + 1] == '+' ? 1 : 0, max = m_p[m_i + 1] == '+' ? -1 : 1;
                m_i += 2;
            } else if (!m_ere && peek2('\\', '{')) {
                m_i += 2;
                if (parse_interval(min, max) < 0) return -1;
            } else {
                break;
            }
            Node node{Node::Kind::repeat};
            node.min = min;
            node.max = max;
            node.children.push_back(atom);
            atom = m_ast.add(std::move(node));
        }
        return atom;
    }

    // After the '['.
    int parse_bracket() {
        std::size_t open = m_i - 1;
        ByteSet set;
        bool negate = peek('^');
        if (negate) ++m_i;
        if (at_end()) return fail("Invalid regular expression");
        bool first = true;
        while (true) {
            if (at_end()) return fail(k_unmatched_bracket);
            unsigned char c = static_cast<unsigned char>(m_p[m_i]);
            if (c == ']' && !first) {
                ++m_i;
                break;
            }
            first = false;
            int start = 0;
            if (c == '[' && m_i + 1 < m_p.size() && m_p[m_i + 1] == ':') {
                std::size_t close = m_p.find(":]", m_i + 2);
                if (close == std::string_view::npos) return fail(k_unmatched_bracket);
                std::string name(m_p.substr(m_i + 2, close - m_i - 2));
                ByteSet cls;
                if (!class_set(name, cls)) return fail("Invalid character class name");
                if (m_icase && (name == "upper" || name == "lower")) class_set("alpha", cls);
                set.add(cls);
                m_i = close + 2;
                continue;
            }
            if (!bracket_element(start)) return -1;
            if (peek('-') && m_i + 1 < m_p.size() && m_p[m_i + 1] != ']') {
                ++m_i;
                int end = 0;
                if (!bracket_element(end)) return -1;
                if (end < start) return fail("Invalid range end");
                for (int b = start; b <= end; ++b) set.set(static_cast<unsigned char>(b));
            } else {
                set.set(static_cast<unsigned char>(start));
            }
        }
        std::string_view body = m_p.substr(open + 1, m_i - open - 2);
        if (body.size() >= 2 && body.front() == ':' && body.back() == ':' && !negate) {
            m_error = "character class syntax is [[:space:]], not [:space:]";
            m_i = m_p.size();
            return -1;
        }
        if (m_icase) fold(set);
        if (negate) {
            set.invert();
            if (m_multiline) set.bits[0] &= ~(std::uint64_t{1} << '\n');
        }
        return set_node(set);
    }

    static void fold(ByteSet& set) {
        for (int c = 'a'; c <= 'z'; ++c) {
            if (set.test(static_cast<unsigned char>(c)) || set.test(static_cast<unsigned char>(c - 32))) {
                set.set(static_cast<unsigned char>(c));
                set.set(static_cast<unsigned char>(c - 32));
            }
        }
    }

    // One byte of a bracket: a plain byte, [.x.] or [=x=].
    bool bracket_element(int& out) {
        if (m_p[m_i] == '[' && m_i + 1 < m_p.size() && (m_p[m_i + 1] == '.' || m_p[m_i + 1] == '=')) {
            char kind = m_p[m_i + 1];
            char close_text[3] = {kind, ']', 0};
            std::size_t close = m_p.find(close_text, m_i + 2);
            if (close == std::string_view::npos) {
                fail(k_unmatched_bracket);
                return false;
            }
            if (close - (m_i + 2) != 1) {
                fail("Invalid collation character");
                return false;
            }
            out = static_cast<unsigned char>(m_p[m_i + 2]);
            m_i = close + 2;
            return true;
        }
        out = static_cast<unsigned char>(m_p[m_i]);
        ++m_i;
        return true;
    }

    std::string_view m_p;
    std::size_t m_i{0};
    bool m_ere;
    bool m_icase;
    bool m_multiline;
    bool m_newline_alt;
    Ast& m_ast;
    std::vector<std::string>& m_warnings;
    std::string m_error;
    std::size_t m_groups{0};
    std::size_t m_closed_groups{0};
};

}  // namespace

bool parse(std::string_view pattern, const RegexOptions& options, Ast& ast, std::string& error,
           std::vector<std::string>& warnings) {
    Parser parser(pattern, options, ast, warnings);
    return parser.run(error);
}

}  // namespace toolbox::regex_detail
