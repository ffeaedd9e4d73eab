// compile.cpp — Ast to NFA Program (Thompson construction with capture slots), the required
// literal used as a prefilter, and the assertion table both matchers share. Counted repetitions
// are unrolled; a loop whose body can match the empty string gets an iteration guard so the
// backtracker stops looping on empty iterations (GNU still records one such iteration).
#include "lib/regex/program.h"

namespace toolbox::regex_detail {

namespace {

constexpr std::size_t k_max_insts = 1 << 21;

class Compiler {
public:
    Compiler(const Ast& ast, Program& program) : m_ast(ast), m_prog(program) {}

    bool emit_node(int index) {
        if (m_prog.insts.size() > k_max_insts) return false;
        const Node& node = m_ast.nodes[index];
        switch (node.kind) {
            case Node::Kind::empty: return true;
            case Node::Kind::set: emit({Op::byte_set, node.value}); return true;
            case Node::Kind::assertion: emit({Op::assertion, node.value}); return true;
            case Node::Kind::backref: emit({Op::backref, node.value}); return true;
            case Node::Kind::concat:
                for (int child : node.children)
                    if (!emit_node(child)) return false;
                return true;
            case Node::Kind::group:
                emit({Op::save, node.value * 2});
                if (!emit_node(node.children[0])) return false;
                emit({Op::save, node.value * 2 + 1});
                return true;
            case Node::Kind::alternate: return emit_alternation(node);
            case Node::Kind::repeat: return emit_repeat(node);
        }
        return true;
    }

    std::uint32_t emit(Inst inst) {
        m_prog.insts.push_back(inst);
        return static_cast<std::uint32_t>(m_prog.insts.size() - 1);
    }
    std::uint32_t here() const { return static_cast<std::uint32_t>(m_prog.insts.size()); }

private:
    bool emit_alternation(const Node& node) {
        std::vector<std::uint32_t> jumps;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            std::uint32_t split = 0;
            bool last = i + 1 == node.children.size();
            if (!last) split = emit({Op::split});
            if (!last) m_prog.insts[split].x = here();
            if (!emit_node(node.children[i])) return false;
            if (!last) {
                jumps.push_back(emit({Op::jump}));
                m_prog.insts[split].y = here();
            }
        }
        for (auto jump : jumps) m_prog.insts[jump].x = here();
        return true;
    }

    bool emit_repeat(const Node& node) {
        int body = node.children[0];
        if (node.max < 0) {
            if (node.min == 0) return emit_star(body);
            for (int i = 1; i < node.min; ++i)
                if (!emit_node(body)) return false;
            return emit_plus(body, node.min > 1);
        }
        for (int i = 0; i < node.min; ++i)
            if (!emit_node(body)) return false;
        if (node.max == node.min) return true;
        // Optional copies nest: (x(x(x)?)?)? — each split skips all the rest. With a body that
        // can match nothing, an optional copy may be empty only when it is the first iteration.
        bool guard = nullable(body);
        std::uint32_t reg = 0;
        if (guard) {
            reg = static_cast<std::uint32_t>(m_prog.loop_registers++);
            emit({Op::loop_init, reg, node.min > 0 ? 1u : 0u});
        }
        std::vector<std::uint32_t> exits;
        for (int i = node.min; i < node.max; ++i) {
            std::uint32_t split = emit({Op::split});
            m_prog.insts[split].x = here();
            exits.push_back(split);
            if (guard) emit({Op::loop_start, reg});
            if (!emit_node(body)) return false;
            if (guard) exits.push_back(emit({Op::loop_check, reg, 0, here() + 1}));
        }
        for (auto at : exits) m_prog.insts[at].y = here();  // a split's "skip" or a check's "empty"
        return true;
    }

    // x* is (x+)?.
    bool emit_star(int body) {
        std::uint32_t skip = emit({Op::split});
        m_prog.insts[skip].x = here();
        if (!emit_plus(body)) return false;
        m_prog.insts[skip].y = here();
        return true;
    }

    // A do-while loop, greedy. A body that can match nothing gets the empty-iteration guard.
    bool emit_plus(int body, bool after_iterations = false) {
        if (!nullable(body)) {
            std::uint32_t top = here();
            if (!emit_node(body)) return false;
            emit({Op::split, top, here() + 1});
            return true;
        }
        auto reg = static_cast<std::uint32_t>(m_prog.loop_registers++);
        emit({Op::loop_init, reg, after_iterations ? 1u : 0u});
        std::uint32_t top = emit({Op::loop_start, reg});
        if (!emit_node(body)) return false;
        std::uint32_t check = emit({Op::loop_check, reg, 0, here() + 1});
        emit({Op::split, top, here() + 1});
        m_prog.insts[check].y = here();
        return true;
    }

    bool nullable(int index) const {
        const Node& node = m_ast.nodes[index];
        switch (node.kind) {
            case Node::Kind::set: return false;
            case Node::Kind::backref: return true;
            case Node::Kind::concat:
                for (int child : node.children)
                    if (!nullable(child)) return false;
                return true;
            case Node::Kind::alternate:
                for (int child : node.children)
                    if (nullable(child)) return true;
                return false;
            case Node::Kind::repeat: return node.min == 0 || nullable(node.children[0]);
            case Node::Kind::group: return nullable(node.children[0]);
            default: return true;
        }
    }

    const Ast& m_ast;
    Program& m_prog;
};

// The single byte a set stands for, or -1; with `fold`, a letter in both cases counts too (as
// its lower case).
int single_byte(const ByteSet& set, bool fold) {
    int count = set.count();
    if (count == 2 && fold) {
        for (int c = 'a'; c <= 'z'; ++c)
            if (set.test(static_cast<unsigned char>(c)) && set.test(static_cast<unsigned char>(c - 32))) return c;
        return -1;
    }
    if (count != 1) return -1;
    for (int c = 0; c < 256; ++c)
        if (set.test(static_cast<unsigned char>(c))) return fold && c >= 'A' && c <= 'Z' ? c + 32 : c;
    return -1;
}

// The longest run of single bytes every match must contain, looking through the top-level
// concatenation (and groups around it). `exact` stays true while the pattern is just the run.
void required_literal(const Ast& ast, int index, std::string& best, std::string& run, bool& exact, bool fold) {
    const Node& node = ast.nodes[index];
    auto end_run = [&] {
        if (run.size() > best.size()) best = run;
        run.clear();
    };
    switch (node.kind) {
        case Node::Kind::set: {
            int c = single_byte(ast.sets[node.value], fold);
            if (c < 0) {
                exact = false;
                end_run();
            } else {
                run.push_back(static_cast<char>(c));
            }
            return;
        }
        case Node::Kind::concat:
            for (int child : node.children) required_literal(ast, child, best, run, exact, fold);
            return;
        case Node::Kind::group: required_literal(ast, node.children[0], best, run, exact, fold); return;
        case Node::Kind::repeat:
            exact = false;
            if (node.min >= 1 && ast.nodes[node.children[0]].kind == Node::Kind::set) {
                std::string inner;
                std::string inner_run = run;
                bool ignored = false;
                required_literal(ast, node.children[0], inner, inner_run, ignored, fold);
                run = inner_run;
            }
            end_run();
            return;
        case Node::Kind::empty: return;
        default:
            exact = false;
            end_run();
            return;
    }
}

}  // namespace

bool compile(const Ast& ast, const RegexOptions& options, Program& program, std::string& error) {
    Compiler compiler(ast, program);
    program.groups = ast.groups;
    program.has_backrefs = ast.has_backrefs;
    program.multiline = options.multiline;
    program.ignore_case = options.ignore_case;
    if (options.match_line) compiler.emit({Op::assertion, static_cast<std::uint32_t>(Assertion::line_start)});
    if (options.match_word) compiler.emit({Op::assertion, static_cast<std::uint32_t>(Assertion::not_after_word)});
    compiler.emit({Op::save, 0});
    if (!compiler.emit_node(ast.root)) {
        error = "Regular expression too big";
        return false;
    }
    compiler.emit({Op::save, 1});
    if (options.match_line) compiler.emit({Op::assertion, static_cast<std::uint32_t>(Assertion::line_end)});
    if (options.match_word) compiler.emit({Op::assertion, static_cast<std::uint32_t>(Assertion::not_before_word)});
    compiler.emit({Op::match});
    if (program.insts.size() > k_max_insts) {
        error = "Regular expression too big";
        return false;
    }
    program.sets = ast.sets;
    std::string run;
    bool exact = true;
    required_literal(ast, ast.root, program.required, run, exact, false);
    if (run.size() > program.required.size()) program.required = run;
    int top = ast.root;
    while (ast.nodes[top].kind == Node::Kind::group) top = ast.nodes[top].children[0];
    if (program.required.empty() && !options.ignore_case && ast.nodes[top].kind == Node::Kind::alternate &&
        ast.nodes[top].children.size() <= 8) {
        for (int branch : ast.nodes[top].children) {
            std::string best;
            std::string branch_run;
            bool ignored = true;
            required_literal(ast, branch, best, branch_run, ignored, false);
            if (branch_run.size() > best.size()) best = branch_run;
            if (best.size() < 2) {
                program.required_any.clear();
                break;
            }
            program.required_any.push_back(best);
        }
    }
    if (program.required.empty() && options.ignore_case) {
        std::string folded_run;
        bool folded_exact = true;
        required_literal(ast, ast.root, program.required_folded, folded_run, folded_exact, true);
        if (folded_run.size() > program.required_folded.size()) program.required_folded = folded_run;
        program.folded_literal_only = folded_exact && !options.match_line && !options.match_word &&
                                      !program.required_folded.empty();
    }
    program.literal_only = exact && !options.match_line && !options.match_word && !program.required.empty();
    return true;
}

bool assertion_holds(Assertion a, Context before, Context after, bool multiline) {
    bool word_before = before == ctx_word;
    bool word_after = after == ctx_word;
    switch (a) {
        case Assertion::line_start: return before == ctx_text_start || (multiline && before == ctx_newline);
        case Assertion::line_end: return after == ctx_text_end || (multiline && after == ctx_newline);
        case Assertion::buffer_start: return before == ctx_text_start || before == ctx_text_start_nobol;
        case Assertion::buffer_end: return after == ctx_text_end || after == ctx_text_end_noeol;
        case Assertion::word_boundary: return word_before != word_after;
        case Assertion::not_word_boundary: return word_before == word_after;
        case Assertion::word_start: return !word_before && word_after;
        case Assertion::word_end: return word_before && !word_after;
        case Assertion::not_after_word: return !word_before;
        case Assertion::not_before_word: return !word_after;
    }
    return false;
}

}  // namespace toolbox::regex_detail
