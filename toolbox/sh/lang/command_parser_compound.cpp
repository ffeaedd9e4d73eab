// command_parser_compound.cpp — compound commands (XCU 2.9.4) and function definitions (2.9.5),
// with bash's (( )), for (( )), select, `function name`, and { } as a loop body.
#include "sh/lang/command_parser.h"

namespace sh {

std::optional<Command> CommandParser::parse_compound(const Token& first) {
    size_t begin = first.begin;
    uint32_t line = first.line;
    std::string keyword = first.text;
    bool paren = first.is_op(Op::open_paren);
    DepthGuard guard(m_state, line, begin);
    if (!guard.ok())
        return std::nullopt;
    if (!paren && keyword == "function")
        return parse_function_keyword();
    std::optional<CommandNode> node;
    if (paren) {
        std::string_view text = m_reader.text();
        bool arithmetic = begin + 1 < text.size() && text[begin + 1] == '(' && m_lexer.arithmetic_follows(begin + 2);
        if (arithmetic) {
            take();
            m_reader.advance();  // the second '('
            node = parse_arithmetic_command(line);
        } else {
            node = parse_subshell();
        }
    } else if (keyword == "{") {
        node = parse_brace_group();
    } else if (keyword == "if") {
        node = parse_if();
    } else if (keyword == "while" || keyword == "until") {
        node = parse_loop(keyword == "until");
    } else if (keyword == "for" || keyword == "select") {
        node = parse_for(keyword == "select");
    } else if (keyword == "case") {
        node = parse_case();
    } else {
        node = parse_conditional();
    }
    if (!node)
        return std::nullopt;
    Command command;
    command.node = std::move(*node);
    if (!parse_trailing_redirects(command))
        return std::nullopt;
    command.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(m_last_end), line};
    command.source = source(begin, m_last_end);
    return command;
}

// A compound_list: at least one command, newlines allowed around it.
std::shared_ptr<Program> CommandParser::parse_compound_list() {
    auto program = std::make_shared<Program>();
    if (!parse_list(*program, ListEnd::compound))
        return nullptr;
    if (program->items.empty()) {
        unexpected(peek(command_context()));
        return nullptr;
    }
    return program;
}

bool CommandParser::expect_keyword(std::string_view keyword) {
    const Token& token = peek(command_context());
    if (!token.is_keyword(keyword))
        return unexpected(token);
    take();
    return true;
}

std::optional<CommandNode> CommandParser::parse_brace_group() {
    take();
    auto body = parse_compound_list();
    if (!body || !expect_keyword("}"))
        return std::nullopt;
    return BraceGroup{std::move(body)};
}

std::optional<CommandNode> CommandParser::parse_subshell() {
    take();
    auto body = parse_compound_list();
    if (!body)
        return std::nullopt;
    const Token& close = peek(command_context());
    if (!close.is_op(Op::close_paren)) {
        unexpected(close);
        return std::nullopt;
    }
    take();
    return Subshell{std::move(body)};
}

std::optional<CommandNode> CommandParser::parse_if() {
    take();
    IfClause clause;
    for (;;) {
        auto condition = parse_compound_list();
        if (!condition || !expect_keyword("then"))
            return std::nullopt;
        auto body = parse_compound_list();
        if (!body)
            return std::nullopt;
        clause.branches.push_back({std::move(condition), std::move(body)});
        const Token& token = peek(command_context());
        if (token.is_keyword("elif")) {
            take();
            continue;
        }
        if (token.is_keyword("else")) {
            take();
            clause.else_body = parse_compound_list();
            if (!clause.else_body)
                return std::nullopt;
        }
        if (!expect_keyword("fi"))
            return std::nullopt;
        return clause;
    }
}

std::optional<CommandNode> CommandParser::parse_loop(bool until) {
    take();
    LoopClause loop;
    loop.until = until;
    loop.condition = parse_compound_list();
    if (!loop.condition)
        return std::nullopt;
    loop.body = parse_do_group();
    if (!loop.body)
        return std::nullopt;
    return loop;
}

// do … done, or bash's { … } (for and select loops).
std::shared_ptr<Program> CommandParser::parse_do_group() {
    const Token& token = peek(command_context());
    std::string_view closer = token.is_keyword("do") ? "done" : token.is_keyword("{") ? "}" : "";
    if (closer.empty()) {
        unexpected(token);
        return nullptr;
    }
    take();
    auto body = parse_compound_list();
    if (!body || !expect_keyword(closer))
        return nullptr;
    return body;
}

// for name [in word…] ; do … done (XCU 2.9.4.2) and select, the same shape.
std::optional<CommandNode> CommandParser::parse_for(bool select) {
    take();
    if (!select && m_lexer.at_double_paren())
        return parse_arithmetic_for();
    const Token& name_token = peek(LexContext{});
    if (name_token.kind != TokenKind::word) {
        unexpected(name_token);
        return std::nullopt;
    }
    // bash checks the name when the loop runs ("`1x': not a valid identifier"), not here.
    Token name = take();
    ForClause clause;
    clause.select = select;
    clause.variable = name.text;
    if (peek(command_context()).is_op(Op::semicolon)) {
        take();
    } else {
        skip_newlines(command_context());
        if (peek(command_context()).is_keyword("in")) {
            take();
            std::vector<Word> items;
            for (;;) {
                const Token& token = peek(LexContext{});
                if (token.kind == TokenKind::word) {
                    items.push_back(take().word);
                } else if (token.is_op(Op::semicolon)) {
                    take();
                    break;
                } else if (token.kind == TokenKind::newline) {
                    consume_newline();
                    break;
                } else {
                    unexpected(token);
                    return std::nullopt;
                }
            }
            clause.items = std::move(items);
        }
    }
    skip_newlines(command_context());
    clause.body = parse_do_group();
    if (!clause.body)
        return std::nullopt;
    return clause;
}

std::optional<CommandNode> CommandParser::parse_arithmetic_for() {
    auto words = m_lexer.lex_arithmetic_for();
    if (!words)
        return std::nullopt;
    m_last_end = m_reader.position();
    if (peek(command_context()).is_op(Op::semicolon))
        take();
    skip_newlines(command_context());
    ArithForClause clause{std::move((*words)[0]), std::move((*words)[1]), std::move((*words)[2]), nullptr};
    clause.body = parse_do_group();
    if (!clause.body)
        return std::nullopt;
    return clause;
}

std::optional<CommandNode> CommandParser::parse_arithmetic_command(uint32_t line) {
    auto expression = m_lexer.lex_arithmetic_command(line);
    if (!expression)
        return std::nullopt;
    m_last_end = m_reader.position();
    return ArithmeticCommand{std::move(*expression)};
}

// case word in [(]pattern[|pattern]…) list ;; … esac (XCU 2.9.4.3) with bash's ;& and ;;&.
std::optional<CommandNode> CommandParser::parse_case() {
    take();
    const Token& subject = peek(LexContext{});
    if (subject.kind != TokenKind::word) {
        unexpected(subject);
        return std::nullopt;
    }
    CaseClause clause;
    clause.subject = take().word;
    skip_newlines(command_context());
    if (!expect_keyword("in"))
        return std::nullopt;
    for (;;) {
        skip_newlines(LexContext{});
        const Token& start = peek(LexContext{});
        if (start.is_keyword("esac")) {
            take();
            return clause;
        }
        CaseClause::Item item;
        if (start.is_op(Op::open_paren))
            take();
        for (;;) {
            const Token& pattern = peek(LexContext{});
            if (pattern.kind != TokenKind::word) {
                unexpected(pattern);
                return std::nullopt;
            }
            item.patterns.push_back(take().word);
            const Token& separator = peek(LexContext{});
            if (separator.is_op(Op::close_paren)) {
                take();
                break;
            }
            if (!separator.is_op(Op::pipe)) {
                unexpected(separator);
                return std::nullopt;
            }
            take();
        }
        item.body = std::make_shared<Program>();
        if (!parse_list(*item.body, ListEnd::compound))
            return std::nullopt;
        const Token& end = peek(command_context());
        bool last = end.is_keyword("esac");
        if (end.is_op(Op::case_end) || end.is_op(Op::case_fallthrough) || end.is_op(Op::case_continue)) {
            item.terminator = end.is_op(Op::case_end)           ? CaseClause::Terminator::end
                              : end.is_op(Op::case_fallthrough) ? CaseClause::Terminator::fallthrough
                                                                : CaseClause::Terminator::test_next;
        } else if (!last) {
            unexpected(end);
            return std::nullopt;
        }
        take();
        clause.items.push_back(std::move(item));
        if (last)
            return clause;
    }
}

bool CommandParser::is_function_body(const Token& token) const {
    if (token.is_op(Op::open_paren))
        return true;
    for (std::string_view keyword : {"{", "if", "while", "until", "for", "select", "case", "[["})
        if (token.is_keyword(keyword))
            return true;
    return false;
}

// name ( ) body: the name is taken and `(` is next.
// bash checks the name (no quoting, no $) when the definition runs, so any word is taken here.
std::optional<Command> CommandParser::parse_function(size_t begin, uint32_t line, const Token& name) {
    std::string function_name = name.text;
    take();
    const Token& close = peek(LexContext{});
    if (!close.is_op(Op::close_paren)) {
        unexpected(close);
        return std::nullopt;
    }
    take();
    return finish_function(begin, line, std::move(function_name));
}

// function name [( )] body
std::optional<Command> CommandParser::parse_function_keyword() {
    Token keyword = take();
    const Token& name_token = peek(LexContext{});
    if (name_token.kind != TokenKind::word) {
        unexpected(name_token);
        return std::nullopt;
    }
    Token name = take();
    if (peek(command_context()).is_op(Op::open_paren)) {
        take();
        const Token& close = peek(LexContext{});
        if (!close.is_op(Op::close_paren)) {
            unexpected(close);
            return std::nullopt;
        }
        take();
    }
    return finish_function(keyword.begin, keyword.line, name.text);
}

std::optional<Command> CommandParser::finish_function(size_t begin, uint32_t line, std::string name) {
    skip_newlines(command_context());
    const Token& start = peek(command_context());
    if (!is_function_body(start)) {
        unexpected(start);
        return std::nullopt;
    }
    auto body = parse_compound(start);
    if (!body)
        return std::nullopt;
    FunctionDefinition definition{std::move(name), std::make_shared<Command>(std::move(*body)),
                                  source(begin, m_last_end)};
    Command command;
    command.node = std::move(definition);
    command.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(m_last_end), line};
    command.source = source(begin, m_last_end);
    return command;
}

// coproc [NAME] compound-command [redirections] | coproc simple-command (bash's grammar: a name
// only before a compound command).
std::optional<Command> CommandParser::parse_coproc() {
    Token keyword = take();
    DepthGuard guard(m_state, keyword.line, keyword.begin);
    if (!guard.ok())
        return std::nullopt;
    CoprocClause clause{"COPROC", nullptr};
    std::optional<Command> body;
    const Token& first = peek(command_context());
    if (is_function_body(first)) {
        body = parse_compound(first);
    } else if (first.kind == TokenKind::word && !(first.plain && is_reserved_word(first.text))) {
        Reader::Mark mark{first.begin, first.line};
        Token name = take();
        const Token& after = peek(command_context());
        if (is_function_body(after) && name.plain) {
            clause.name = name.text;
            body = parse_compound(after);
        } else {
            // Not a name: read the simple command from its first word again.
            m_peeked.reset();
            m_reader.reset(mark);
            body = parse_simple_command();
        }
    } else if (first.kind == TokenKind::op && is_redirection(first.op)) {
        body = parse_simple_command();
    } else {
        unexpected(first);
    }
    if (!body)
        return std::nullopt;
    clause.body = std::make_shared<Command>(std::move(*body));
    Command command;
    command.node = std::move(clause);
    command.span = {static_cast<uint32_t>(keyword.begin), static_cast<uint32_t>(m_last_end), keyword.line};
    command.source = source(keyword.begin, m_last_end);
    return command;
}

}  // namespace sh
