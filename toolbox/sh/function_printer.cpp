// function_printer.cpp — see function_printer.h.
//
// The function's source text is parsed again on its own, so every span in the tree indexes that
// text: words print as they were written (bash keeps word text), without line continuations, with
// each $( ) and <( ) inside re-laid out as bash 5.2 does when it parses one.
//
// Lists are printed through a binary tree shaped as bash's parser shapes its command tree (`;`,
// `&`, `&&` and `||` lists nest to the left, pipelines to the right, and a `&` after a `;` list
// binds only its last element), because where bash puts a list's indents, `;`s and here-document
// bodies follows from that shape. A here-document body waits for the connector after its command
// (`cat <<E |` then the body, then the next stage), as bash prints it.
#include "sh/function_printer.h"

#include <deque>
#include <vector>

#include "sh/lang/ansi_c.h"
#include "sh/lang/lexer.h"
#include "sh/lang/parser.h"
#include "sh/quote.h"

namespace sh {

namespace {

// A node of the list tree: a command (possibly none: a bare `!` or `time`), or two nodes joined
// by a connector: ';' '&' '|', 'a' for && and 'o' for ||.
struct Node {
    const Command* command{nullptr};
    bool stderr_too{false};  // |& after this command: bash prints it as 2>&1
    char connector{0};
    Node* first{nullptr};
    Node* second{nullptr};
    bool negated{false};
    bool timed{false};
    bool time_posix{false};
};

// The substitutions a word holds, in the order they are written.
void collect_substitutions(const Word& word, std::vector<const WordPart*>& found) {
    for (const auto& part : word.parts) {
        if (std::holds_alternative<CommandSubstitution>(part) || std::holds_alternative<ProcessSubstitution>(part)) {
            found.push_back(&part);
        } else if (auto* parameter = std::get_if<ParamExpansion>(&part)) {
            for (const auto* inner : {parameter->index.get(), parameter->argument.get(), parameter->replacement.get()})
                if (inner)
                    collect_substitutions(*inner, found);
        } else if (auto* arithmetic = std::get_if<ArithmeticSubstitution>(&part)) {
            if (arithmetic->expression)
                collect_substitutions(*arithmetic->expression, found);
        }
    }
}

class FunctionPrinter final {
public:
    explicit FunctionPrinter(std::string_view source) : m_source(source) {}

    std::string named(const std::string& name, const FunctionDefinition& function);
    std::string exported(const FunctionDefinition& function);
    // A command substitution's list, laid out as bash lays out a $( ) it parsed.
    std::string substitution(const Program& program);

private:
    // ^Trees
    Node* make(Node value);
    Node* list(const Program* program);
    Node* and_or(const AndOr& and_or);
    Node* pipeline(const Pipeline& pipeline);
    Node* connect(Node* first, Node* second, char connector);

    // ^Output
    void put(std::string_view text) { m_out.append(text); }
    void indent() { m_out.append(static_cast<size_t>(m_indent), ' '); }
    void newline(std::string_view text);
    void semicolon();
    void flush_heredocs(std::string_view connector);
    void flush_pending_heredocs();
    void heredoc_bodies(const std::vector<const Redirect*>& heredocs);

    // ^Commands
    void node(const Node* node);
    void connection(const Node& node);
    void command(const Command& command, bool stderr_too);
    void body(const Command& body);
    void simple(const SimpleCommand& simple, bool stderr_too);
    void group(const BraceGroup& group);
    void subshell(const Subshell& subshell);
    void if_clause(const IfClause& clause, size_t branch);
    void loop(const LoopClause& loop);
    void for_clause(const ForClause& clause);
    void arith_for(const ArithForClause& clause);
    void case_clause(const CaseClause& clause);
    void nested_function(const FunctionDefinition& function);
    void cond(const CondExpression& expression);
    void redirects(const std::vector<Redirect>& list, bool stderr_too);
    void redirect(const Redirect& redirect);
    void heredoc_header(const Redirect& redirect);

    // ^Words
    std::string_view raw(const SourceSpan& span) const;
    std::string word(const Word& word);
    std::string text(std::string_view text, const std::vector<const WordPart*>& substitutions);
    std::string assignment(const Assignment& assignment);
    std::string arith_for_part(const Word& word) const;

    std::string_view m_source;
    std::string m_out;
    std::deque<Node> m_nodes;
    int m_indent{0};
    int m_amount{4};          // what each level indents
    int m_skip_indent{0};     // the next nodes print no indent (they follow on a line)
    int m_function_depth{0};  // inside a function body: `;` ends the line
    int m_connection_depth{0};  // inside a list: here-document bodies wait for the connector
    std::vector<const Redirect*> m_deferred;
    bool m_after_heredoc{false};  // a body just ended the line: the next `;` is not printed
};

// ^Trees

Node* FunctionPrinter::make(Node value) {
    m_nodes.push_back(value);
    return &m_nodes.back();
}

Node* FunctionPrinter::connect(Node* first, Node* second, char connector) {
    if (connector == '&' && first->connector == ';') {
        // `a; b & c`: the & joins b and c only (bash's connect_async_list).
        Node* parent = first;
        while (parent->second && parent->second->connector == ';')
            parent = parent->second;
        parent->second = make(Node{.connector = '&', .first = parent->second, .second = second});
        return first;
    }
    return make(Node{.connector = connector, .first = first, .second = second});
}

Node* FunctionPrinter::list(const Program* program) {
    if (!program || program->items.empty())
        return nullptr;
    Node* tree = nullptr;
    char pending = 0;
    for (const auto& item : program->items) {
        Node* next = and_or(item.and_or);
        tree = tree ? connect(tree, next, pending) : next;
        pending = item.background ? '&' : ';';
    }
    if (program->items.back().background)
        tree = connect(tree, nullptr, '&');
    return tree;
}

Node* FunctionPrinter::and_or(const AndOr& and_or) {
    Node* tree = pipeline(and_or.first);
    for (const auto& [op, next] : and_or.rest)
        tree = make(Node{.connector = op == AndOr::Op::and_then ? 'a' : 'o', .first = tree, .second = pipeline(next)});
    return tree;
}

Node* FunctionPrinter::pipeline(const Pipeline& pipeline) {
    Node* tree = make(Node{});
    size_t count = pipeline.commands.size();
    if (count > 0) {
        tree->command = &pipeline.commands[count - 1];
        for (size_t i = count - 1; i-- > 0;) {
            bool stderr_too = i < pipeline.stderr_too.size() && pipeline.stderr_too[i];
            Node* stage = make(Node{.command = &pipeline.commands[i], .stderr_too = stderr_too});
            tree = make(Node{.connector = '|', .first = stage, .second = tree});
        }
    }
    tree->negated = pipeline.negated;
    tree->timed = pipeline.timed;
    tree->time_posix = pipeline.time_posix;
    return tree;
}

// ^Output

void FunctionPrinter::newline(std::string_view text) {
    put("\n");
    indent();
    put(text);
}

// A `;` unless the line already ended (a newline, a here-document) or a `&` ends the command.
void FunctionPrinter::semicolon() {
    if (!m_out.empty() && (m_out.back() == '&' || m_out.back() == '\n'))
        return;
    put(";");
}

// Prints a connector and then the here-document bodies that waited for it.
void FunctionPrinter::flush_heredocs(std::string_view connector) {
    bool shown = !connector.empty() && connector != ";";
    if (shown)
        put(connector);
    if (m_deferred.empty())
        return;
    heredoc_bodies(m_deferred);
    if (shown)
        put(" ");
    m_deferred.clear();
    m_after_heredoc = true;
}

void FunctionPrinter::flush_pending_heredocs() {
    if (!m_deferred.empty())
        flush_heredocs("");
}

void FunctionPrinter::heredoc_bodies(const std::vector<const Redirect*>& heredocs) {
    put("\n");
    for (const Redirect* heredoc : heredocs) {
        std::string_view text = raw(heredoc->target.span);
        bool strip = heredoc->op == RedirectOp::heredoc_strip;
        bool at_line_start = true;
        for (size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (strip && at_line_start && c == '\t')
                continue;
            if (!heredoc->heredoc_quoted && c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
                continue;
            }
            at_line_start = c == '\n';
            m_out.push_back(c);
        }
        put(heredoc->heredoc_delimiter);
        put("\n");
    }
}

// ^Commands

void FunctionPrinter::node(const Node* node) {
    if (!node)
        return;
    if (m_skip_indent > 0)
        --m_skip_indent;
    else
        indent();
    if (node->timed)
        put(node->time_posix ? "time -p " : "time ");
    if (node->negated)
        put("! ");
    if (node->connector)
        connection(*node);
    else if (node->command)
        command(*node->command, node->stderr_too);
}

void FunctionPrinter::connection(const Node& node) {
    ++m_skip_indent;
    ++m_connection_depth;
    this->node(node.first);
    switch (node.connector) {
    case '&':
    case '|':
        flush_heredocs(node.connector == '&' ? " &" : " |");
        if (node.connector != '&' || node.second) {
            put(" ");
            ++m_skip_indent;
        }
        break;
    case 'a':
    case 'o':
        flush_heredocs(node.connector == 'a' ? " && " : " || ");
        if (node.second)
            ++m_skip_indent;
        break;
    default:  // ';'
        if (!m_deferred.empty())
            flush_heredocs(m_function_depth > 0 ? "" : ";");
        else if (m_after_heredoc)
            m_after_heredoc = false;
        else
            put(";");
        if (m_function_depth > 0) {
            put("\n");
        } else {
            put(" ");
            if (node.second)
                ++m_skip_indent;
        }
        break;
    }
    this->node(node.second);
    flush_pending_heredocs();
    --m_connection_depth;
}

void FunctionPrinter::command(const Command& command, bool stderr_too) {
    const CommandNode& value = command.node;
    if (auto* simple_command = std::get_if<SimpleCommand>(&value)) {
        simple(*simple_command, stderr_too);
        return;
    }
    if (auto* brace_group = std::get_if<BraceGroup>(&value)) {
        group(*brace_group);
    } else if (auto* sub = std::get_if<Subshell>(&value)) {
        subshell(*sub);
    } else if (auto* if_command = std::get_if<IfClause>(&value)) {
        if_clause(*if_command, 0);
    } else if (auto* loop_command = std::get_if<LoopClause>(&value)) {
        loop(*loop_command);
    } else if (auto* for_command = std::get_if<ForClause>(&value)) {
        for_clause(*for_command);
    } else if (auto* arith_for_command = std::get_if<ArithForClause>(&value)) {
        arith_for(*arith_for_command);
    } else if (auto* case_command = std::get_if<CaseClause>(&value)) {
        case_clause(*case_command);
    } else if (auto* function = std::get_if<FunctionDefinition>(&value)) {
        nested_function(*function);
    } else if (auto* arithmetic = std::get_if<ArithmeticCommand>(&value)) {
        put("((");
        put(raw(arithmetic->expression.span));
        put("))");
    } else if (auto* conditional = std::get_if<CondCommand>(&value)) {
        put("[[ ");
        if (conditional->expression)
            cond(*conditional->expression);
        put(" ]]");
    } else if (auto* coproc = std::get_if<CoprocClause>(&value)) {
        put("coproc " + coproc->name + " ");
        ++m_skip_indent;
        if (coproc->body) {
            Node leaf{.command = coproc->body.get()};
            node(&leaf);
        }
    }
    if (!command.redirects.empty() || stderr_too) {
        put(" ");
        redirects(command.redirects, stderr_too);
    }
}

void FunctionPrinter::simple(const SimpleCommand& simple, bool stderr_too) {
    bool first = true;
    auto separate = [&] {
        if (!first)
            put(" ");
        first = false;
    };
    for (const auto& each : simple.assignments) {
        separate();
        put(assignment(each));
    }
    for (size_t i = 0; i < simple.words.size(); ++i) {
        separate();
        const Assignment* declared = nullptr;
        for (const auto& [index, declaration] : simple.declarations)
            if (index == i && declaration.array)
                declared = &declaration;
        put(declared ? assignment(*declared) : word(simple.words[i]));
    }
    if (simple.redirects.empty() && !stderr_too)
        return;
    if (!first)
        put(" ");
    redirects(simple.redirects, stderr_too);
}

void FunctionPrinter::group(const BraceGroup& group) {
    put("{ ");
    if (m_function_depth == 0) {
        ++m_skip_indent;
    } else {
        put("\n");
        m_indent += m_amount;
    }
    node(list(group.body.get()));
    flush_pending_heredocs();
    if (m_function_depth > 0) {
        put("\n");
        m_indent -= m_amount;
        indent();
    } else {
        semicolon();
        put(" ");
    }
    put("}");
}

void FunctionPrinter::subshell(const Subshell& subshell) {
    put("( ");
    ++m_skip_indent;
    node(list(subshell.body.get()));
    flush_pending_heredocs();
    put(" )");
}

// `elif` is an `if` inside the `else`, as in bash's tree.
void FunctionPrinter::if_clause(const IfClause& clause, size_t branch) {
    put("if ");
    ++m_skip_indent;
    node(list(clause.branches[branch].condition.get()));
    semicolon();
    put(" then\n");
    m_indent += m_amount;
    node(list(clause.branches[branch].body.get()));
    flush_pending_heredocs();
    m_indent -= m_amount;
    bool elif = branch + 1 < clause.branches.size();
    if (elif || clause.else_body) {
        semicolon();
        newline("else\n");
        m_indent += m_amount;
        if (elif) {
            if (m_skip_indent > 0)
                --m_skip_indent;
            else
                indent();
            if_clause(clause, branch + 1);
        } else {
            node(list(clause.else_body.get()));
        }
        flush_pending_heredocs();
        m_indent -= m_amount;
    }
    semicolon();
    newline("fi");
}

void FunctionPrinter::loop(const LoopClause& loop) {
    put(loop.until ? "until " : "while ");
    ++m_skip_indent;
    node(list(loop.condition.get()));
    flush_pending_heredocs();
    semicolon();
    put(" do\n");
    m_indent += m_amount;
    node(list(loop.body.get()));
    flush_pending_heredocs();
    m_indent -= m_amount;
    semicolon();
    newline("done");
}

void FunctionPrinter::for_clause(const ForClause& clause) {
    put((clause.select ? "select " : "for ") + clause.variable + " in ");
    if (!clause.items) {
        put("\"$@\"");
    } else {
        for (size_t i = 0; i < clause.items->size(); ++i)
            put((i ? " " : "") + word((*clause.items)[i]));
    }
    put(";");
    newline("do\n");
    m_indent += m_amount;
    node(list(clause.body.get()));
    flush_pending_heredocs();
    semicolon();
    m_indent -= m_amount;
    newline("done");
}

// bash keeps each expression of for (( ; ; )) without its leading blanks, and an empty one as 1.
std::string FunctionPrinter::arith_for_part(const Word& word) const {
    std::string_view text = raw(word.span);
    size_t start = text.find_first_not_of(" \t\n");
    return start == std::string_view::npos ? "1" : std::string(text.substr(start));
}

void FunctionPrinter::arith_for(const ArithForClause& clause) {
    put("for ((" + arith_for_part(clause.init) + "; " + arith_for_part(clause.condition) + "; " +
        arith_for_part(clause.step) + "))");
    newline("do\n");
    m_indent += m_amount;
    node(list(clause.body.get()));
    flush_pending_heredocs();
    semicolon();
    m_indent -= m_amount;
    newline("done");
}

void FunctionPrinter::case_clause(const CaseClause& clause) {
    put("case " + word(clause.subject) + " in ");
    m_indent += m_amount;
    for (const auto& item : clause.items) {
        newline("");
        for (size_t i = 0; i < item.patterns.size(); ++i)
            put((i ? " | " : "") + word(item.patterns[i]));
        put(")\n");
        m_indent += m_amount;
        node(list(item.body.get()));
        m_indent -= m_amount;
        flush_pending_heredocs();
        using Terminator = CaseClause::Terminator;
        newline(item.terminator == Terminator::fallthrough ? ";&"
                : item.terminator == Terminator::test_next ? ";;&"
                                                           : ";;");
    }
    m_indent -= m_amount;
    newline("esac");
}

// A function body: a group prints as its list between the function's own braces, with the
// group's redirections after the closing one.
void FunctionPrinter::body(const Command& body) {
    ++m_function_depth;
    m_indent += m_amount;
    const auto* brace_group = std::get_if<BraceGroup>(&body.node);
    if (brace_group) {
        node(list(brace_group->body.get()));
    } else {
        Node leaf{.command = &body};
        node(&leaf);
    }
    flush_pending_heredocs();
    m_indent -= m_amount;
    --m_function_depth;
    if (brace_group && !body.redirects.empty()) {
        newline("} ");
        redirects(body.redirects, false);
    } else {
        newline("}");
    }
}

void FunctionPrinter::nested_function(const FunctionDefinition& function) {
    put("function " + function.name + " () \n");
    indent();
    put("{ \n");
    if (function.body)
        body(*function.body);
    m_after_heredoc = false;  // bash prints the `;` after it even when a body ended its last line
}

void FunctionPrinter::cond(const CondExpression& expression) {
    using Kind = CondExpression::Kind;
    for (int i = 0; i < expression.parentheses; ++i)
        put("( ");
    switch (expression.kind) {
    case Kind::word: put("-n " + word(expression.left)); break;
    case Kind::unary: put(expression.op + " " + word(expression.left)); break;
    case Kind::binary: put(word(expression.left) + " " + expression.op + " " + word(expression.right)); break;
    case Kind::negation:
        put("! ");
        if (expression.first)
            cond(*expression.first);
        break;
    case Kind::conjunction:
    case Kind::disjunction:
        if (expression.first)
            cond(*expression.first);
        put(expression.kind == Kind::conjunction ? " && " : " || ");
        if (expression.second)
            cond(*expression.second);
        break;
    }
    for (int i = 0; i < expression.parentheses; ++i)
        put(" )");
}

void FunctionPrinter::redirects(const std::vector<Redirect>& list, bool stderr_too) {
    m_after_heredoc = false;
    std::vector<const Redirect*> heredocs;
    for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0)
            put(" ");
        if (list[i].op == RedirectOp::heredoc || list[i].op == RedirectOp::heredoc_strip) {
            heredoc_header(list[i]);
            heredocs.push_back(&list[i]);
        } else {
            redirect(list[i]);
        }
    }
    if (stderr_too)
        put(list.empty() ? "2>&1" : " 2>&1");
    if (heredocs.empty())
        return;
    if (m_connection_depth > 0)
        m_deferred = std::move(heredocs);
    else
        heredoc_bodies(heredocs);
}

void FunctionPrinter::heredoc_header(const Redirect& redirect) {
    if (!redirect.fd_variable.empty())
        put("{" + redirect.fd_variable + "}");
    else if (redirect.fd > 0)
        put(std::to_string(redirect.fd));
    put(redirect.op == RedirectOp::heredoc_strip ? "<<-" : "<<");
    put(redirect.heredoc_quoted ? quote_single(redirect.heredoc_delimiter) : redirect.heredoc_delimiter);
}

// bash's forms: the fd only where it is not the operator's own, except for the dups, which
// always show it (but `>&word` onto a file keeps its short form).
void FunctionPrinter::redirect(const Redirect& redirect) {
    bool input = redirect.op == RedirectOp::input || redirect.op == RedirectOp::read_write ||
                 redirect.op == RedirectOp::dup_input || redirect.op == RedirectOp::herestring;
    int fd = redirect.fd >= 0 ? redirect.fd : input ? 0 : 1;
    std::string target = word(redirect.target);
    auto prefix = [&](int own) {
        if (!redirect.fd_variable.empty())
            return "{" + redirect.fd_variable + "}";
        return fd == own ? std::string() : std::to_string(fd);
    };
    auto is_number = [&] {
        size_t digits = target.find_first_not_of("0123456789");
        return target == "-" || (digits > 0 && (digits == std::string::npos || target.substr(digits) == "-"));
    };
    switch (redirect.op) {
    case RedirectOp::input: put(prefix(0) + "< " + target); break;
    case RedirectOp::output: put(prefix(1) + "> " + target); break;
    case RedirectOp::append: put(prefix(1) + ">> " + target); break;
    case RedirectOp::clobber: put(prefix(1) + ">| " + target); break;
    case RedirectOp::read_write: put(prefix(1) + "<> " + target); break;
    case RedirectOp::herestring: put(prefix(0) + "<<< " + target); break;
    case RedirectOp::output_both: put("&> " + target); break;
    case RedirectOp::append_both: put("&>> " + target); break;
    case RedirectOp::dup_input:
        put(prefix(-1) + (target == "-" ? ">&-" : "<&" + target));
        break;
    case RedirectOp::dup_output:
        if (!is_number() && redirect.fd_variable.empty() && fd == 1)
            put(">&" + target);
        else
            put(prefix(-1) + ">&" + target);
        break;
    case RedirectOp::heredoc:
    case RedirectOp::heredoc_strip: heredoc_header(redirect); break;
    }
}

// ^Words

std::string_view FunctionPrinter::raw(const SourceSpan& span) const {
    if (span.begin > span.end || span.end > m_source.size())
        return {};
    return m_source.substr(span.begin, span.end - span.begin);
}

std::string FunctionPrinter::word(const Word& word) {
    std::vector<const WordPart*> substitutions;
    collect_substitutions(word, substitutions);
    return text(raw(word.span), substitutions);
}

// Text as written, less line continuations, with each $( ) <( ) >( ) laid out again
// (`substitutions`: the ones it holds, in order).
std::string FunctionPrinter::text(std::string_view text, const std::vector<const WordPart*>& substitutions) {
    size_t next = 0;
    std::string result;
    bool double_quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            if (text[i + 1] != '\n')
                result.append(text.substr(i, 2));
            ++i;
            continue;
        }
        if (c == '$' && !double_quoted && i + 1 < text.size() && text[i + 1] == '\'') {
            // bash keeps $'…' decoded, in single quotes.
            size_t end = i + 2;
            while (end < text.size() && text[end] != '\'')
                end += text[end] == '\\' ? 2 : 1;
            end = std::min(end, text.size());
            result += quote_single(decode_ansi_c(text.substr(i + 2, end - i - 2)));
            i = end;
            continue;
        }
        if (c == '\'' && !double_quoted) {
            size_t end = std::min(text.find('\'', i + 1), text.size() - 1);
            result.append(text.substr(i, end - i + 1));
            i = end;
            continue;
        }
        if (c == '"') {
            double_quoted = !double_quoted;
        } else if (c == '`' && next < substitutions.size()) {
            auto* command = std::get_if<CommandSubstitution>(substitutions[next]);
            if (command && command->backquoted)
                ++next;  // bash keeps `…` as written
        } else if ((c == '$' || c == '<' || c == '>') && i + 1 < text.size() && text[i + 1] == '(' &&
                   next < substitutions.size()) {
            const auto* command = std::get_if<CommandSubstitution>(substitutions[next]);
            const auto* process = std::get_if<ProcessSubstitution>(substitutions[next]);
            bool kind_fits = c == '$' ? command && !command->backquoted : process && process->output == (c == '>');
            const std::string& inner = command ? command->source : process->source;
            const Program* program = command ? command->program.get() : process->program.get();
            if (kind_fits && text.substr(i + 2, inner.size()) == inner && i + 2 + inner.size() < text.size() &&
                text[i + 2 + inner.size()] == ')') {
                ++next;
                result.push_back(c);
                result.push_back('(');
                result += program ? FunctionPrinter(m_source).substitution(*program) : inner;
                result.push_back(')');
                i += 2 + inner.size();
                continue;
            }
        }
        result.push_back(c);
    }
    return result;
}

std::string FunctionPrinter::assignment(const Assignment& assignment) {
    std::string_view written = raw(assignment.span);
    std::vector<const WordPart*> substitutions;
    if (assignment.index)
        collect_substitutions(*assignment.index, substitutions);
    if (!assignment.array) {
        if (assignment.value)
            collect_substitutions(*assignment.value, substitutions);
        return text(written, substitutions);
    }
    size_t open = written.find("=(");
    std::string result = text(written.substr(0, open == std::string_view::npos ? 0 : open + 2), substitutions);
    for (size_t i = 0; i < assignment.array->size(); ++i)
        result += (i ? " " : "") + word((*assignment.array)[i]);
    return result + ")";
}

// ^Entry points

std::string FunctionPrinter::named(const std::string& name, const FunctionDefinition& function) {
    if (is_reserved_word(name))
        put("function ");
    put(name + " () \n{ \n");
    if (function.body)
        body(*function.body);
    return std::move(m_out);
}

std::string FunctionPrinter::exported(const FunctionDefinition& function) {
    put("() { ");
    m_indent = 1;  // bash's one-line layout: every line indented by one space
    m_amount = 0;
    if (function.body)
        body(*function.body);
    return std::move(m_out);
}

std::string FunctionPrinter::substitution(const Program& program) {
    node(list(&program));
    flush_pending_heredocs();
    return std::move(m_out);
}

// The function's definition parsed again on its own, or null if it does not parse so.
const FunctionDefinition* reparse(const FunctionDefinition& function, std::variant<Program, ParseError>& parsed) {
    ParseOptions options;
    options.extglob = true;  // patterns written under extglob parse the same with it on
    parsed = parse_all(function.source, options);
    auto* program = std::get_if<Program>(&parsed);
    if (!program || program->items.size() != 1 || program->items[0].and_or.first.commands.size() != 1)
        return nullptr;
    return std::get_if<FunctionDefinition>(&program->items[0].and_or.first.commands[0].node);
}

}  // namespace

std::string function_text(const FunctionDefinition& function) {
    std::variant<Program, ParseError> parsed;
    const FunctionDefinition* definition = reparse(function, parsed);
    if (!definition)
        return function.source;
    return FunctionPrinter(function.source).named(function.name, *definition);
}

std::string function_export_text(const FunctionDefinition& function) {
    std::variant<Program, ParseError> parsed;
    const FunctionDefinition* definition = reparse(function, parsed);
    if (!definition)
        return "() " + function.source.substr(std::min(function.source.find('{'), function.source.size()));
    return FunctionPrinter(function.source).exported(*definition);
}

}  // namespace sh
