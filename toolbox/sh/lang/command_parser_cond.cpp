// command_parser_cond.cpp — [[ expression ]] (bash's parse_cond_command): || over && over terms,
// a term being ( expr ), ! term, -op word, word op word, or a lone word; with bash's messages.
#include <algorithm>

#include "sh/lang/command_parser.h"

namespace sh {

namespace {

constexpr std::string_view unary_operators[] = {"-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k",
                                                "-p", "-r", "-s", "-t", "-u", "-w", "-x", "-G", "-L",
                                                "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R"};
constexpr std::string_view binary_operators[] = {"==",  "=",   "!=",  "<",   ">",   "=~",  "-eq", "-ne",
                                                 "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view text) {
    return std::find(std::begin(list), std::end(list), text) != std::end(list);
}

LexContext cond_context() {
    LexContext context;
    context.conditional = true;
    return context;
}

// How bash names a token in a [[ ]] message: the end of the input reads as a newline first.
std::string cond_token_text(const Token& token) { return token.kind == TokenKind::end ? "newline" : token.text; }

std::unique_ptr<CondExpression> make_node(CondExpression::Kind kind) {
    auto node = std::make_unique<CondExpression>();
    node->kind = kind;
    return node;
}

}  // namespace

bool CommandParser::parse_conditional(CommandNode& node) {
    m_cond_line = peek(command_context()).line;
    drop();
    auto expression = parse_cond_or();
    if (!expression)
        return false;
    const Token& close = peek(cond_context());
    if (!close.is_keyword("]]")) {
        if (close.kind == TokenKind::end)
            m_state.fail("unexpected EOF while looking for `]]'", m_cond_line, close.begin, true);
        else if (close.kind == TokenKind::word)
            m_state.fail("syntax error in conditional expression", m_cond_line, close.begin);
        else
            m_state.fail("syntax error in conditional expression: unexpected token `" + close.text + "'", m_cond_line,
                         close.begin);
        return false;
    }
    drop();
    node.emplace<CondCommand>().expression = std::move(expression);
    return true;
}

std::unique_ptr<CondExpression> CommandParser::parse_cond_or() {
    auto left = parse_cond_and();
    while (left && peek(cond_context()).is_op(Op::or_if)) {
        drop();
        auto right = parse_cond_and();
        if (!right)
            return nullptr;
        auto node = make_node(CondExpression::Kind::disjunction);
        node->first = std::move(left);
        node->second = std::move(right);
        left = std::move(node);
    }
    return left;
}

std::unique_ptr<CondExpression> CommandParser::parse_cond_and() {
    auto left = parse_cond_term();
    while (left && peek(cond_context()).is_op(Op::and_if)) {
        drop();
        auto right = parse_cond_term();
        if (!right)
            return nullptr;
        auto node = make_node(CondExpression::Kind::conjunction);
        node->first = std::move(left);
        node->second = std::move(right);
        left = std::move(node);
    }
    return left;
}

void CommandParser::skip_cond_newlines() {
    while (!m_state.failed() && peek(cond_context()).kind == TokenKind::newline)
        consume_newline();
}

bool CommandParser::cond_fail(std::string message, const Token& token) {
    m_state.fail(std::move(message), token.line, token.begin, token.kind == TokenKind::end);
    return false;
}

std::unique_ptr<CondExpression> CommandParser::parse_cond_term() {
    skip_cond_newlines();
    const Token& token = peek(cond_context());
    DepthGuard guard(m_state, token.line, token.begin);
    if (!guard.ok() || m_state.failed())
        return nullptr;
    if (token.kind == TokenKind::end) {
        cond_fail("unexpected token `EOF' in conditional command", token);
        return nullptr;
    }
    if (token.is_keyword("]]")) {
        // bash gives no message here; say what is wrong.
        m_state.fail("syntax error in conditional expression", m_cond_line, token.begin);
        return nullptr;
    }
    if (token.is_op(Op::open_paren)) {
        uint32_t line = token.line;
        drop();
        auto inner = parse_cond_or();
        if (!inner)
            return nullptr;
        const Token& close = peek(cond_context());
        if (!close.is_op(Op::close_paren)) {
            m_state.fail("unexpected token `" + (close.kind == TokenKind::end ? std::string("EOF") : close.text) +
                             "', expected `)'",
                         line, close.begin, close.kind == TokenKind::end);
            return nullptr;
        }
        drop();
        skip_cond_newlines();
        if (inner->parentheses < UINT8_MAX)
            ++inner->parentheses;
        return inner;
    }
    if (token.is_keyword("!")) {
        drop();
        auto operand = parse_cond_term();
        if (!operand)
            return nullptr;
        auto node = make_node(CondExpression::Kind::negation);
        node->first = std::move(operand);
        return node;
    }
    if (token.kind != TokenKind::word) {
        cond_fail("unexpected token `" + token.text + "' in conditional command", token);
        return nullptr;
    }
    if (token.plain && listed(unary_operators, token.text)) {
        auto node = make_node(CondExpression::Kind::unary);
        node->op = take_text();
        const Token& operand = peek(cond_context());
        if (operand.kind != TokenKind::word || operand.is_keyword("]]")) {
            cond_fail("unexpected argument `" + cond_token_text(operand) + "' to conditional unary operator", operand);
            return nullptr;
        }
        node->left = take_word();
        skip_cond_newlines();
        return node;
    }
    Word left = take_word();
    const Token& op = peek(cond_context());
    bool binary = (op.kind == TokenKind::word && op.plain && listed(binary_operators, op.text)) ||
                  op.is_op(Op::less) || op.is_op(Op::greater);
    if (!binary) {
        if (op.is_keyword("]]") || op.is_op(Op::and_if) || op.is_op(Op::or_if) || op.is_op(Op::close_paren)) {
            auto node = make_node(CondExpression::Kind::word);
            node->left = std::move(left);
            return node;
        }
        if (op.kind == TokenKind::word)
            cond_fail("conditional binary operator expected", op);
        else
            cond_fail("unexpected token `" + cond_token_text(op) + "', conditional binary operator expected", op);
        return nullptr;
    }
    auto node = make_node(CondExpression::Kind::binary);
    node->op = take_text();
    node->left = std::move(left);
    LexContext right_context = cond_context();
    right_context.regex = node->op == "=~";
    right_context.pattern = node->op == "==" || node->op == "=" || node->op == "!=";
    const Token& right = peek(right_context);
    if (right.kind != TokenKind::word || right.is_keyword("]]")) {
        cond_fail("unexpected argument `" + cond_token_text(right) + "' to conditional binary operator", right);
        return nullptr;
    }
    node->right = take_word();
    skip_cond_newlines();
    return node;
}

}  // namespace sh
