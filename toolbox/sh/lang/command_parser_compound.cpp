// command_parser_compound.cpp — compound commands (XCU 2.9.4) and function definitions (2.9.5),
// with bash's (( )), for (( )), select, `function name`, coproc, and { } as a loop body.
#include "sh/lang/command_parser.h"

namespace sh {

// The compound command at the current token, with its redirections.
bool CommandParser::parse_compound(Command& command) {
    const Token& first = peek(command_context());
    size_t begin = first.begin;
    uint32_t line = first.line;
    DepthGuard guard(m_state, line, begin);
    if (!guard.ok())
        return false;
    bool ok = false;
    if (first.is_op(Op::open_paren)) {
        std::string_view text = m_reader.text();
        bool arithmetic = begin + 1 < text.size() && text[begin + 1] == '(' && m_lexer.arithmetic_follows(begin + 2);
        if (arithmetic) {
            drop();
            m_reader.advance();  // the second '('
            ok = parse_arithmetic_command(command.node, line);
        } else {
            ok = parse_subshell(command.node);
        }
    } else if (first.is_keyword("function")) {
        return parse_function_keyword(command);
    } else if (first.is_keyword("{")) {
        ok = parse_brace_group(command.node);
    } else if (first.is_keyword("if")) {
        ok = parse_if(command.node);
    } else if (first.is_keyword("while") || first.is_keyword("until")) {
        ok = parse_loop(command.node, first.is_keyword("until"));
    } else if (first.is_keyword("for") || first.is_keyword("select")) {
        ok = parse_for(command.node, first.is_keyword("select"));
    } else if (first.is_keyword("case")) {
        ok = parse_case(command.node);
    } else {
        ok = parse_conditional(command.node);
    }
    if (!ok || !parse_trailing_redirects(command))
        return false;
    finish(command, begin, line);
    return true;
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
    drop();
    return true;
}

bool CommandParser::parse_brace_group(CommandNode& node) {
    drop();
    auto& group = node.emplace<BraceGroup>();
    group.body = parse_compound_list();
    return group.body && expect_keyword("}");
}

bool CommandParser::parse_subshell(CommandNode& node) {
    drop();
    auto& subshell = node.emplace<Subshell>();
    subshell.body = parse_compound_list();
    if (!subshell.body)
        return false;
    const Token& close = peek(command_context());
    if (!close.is_op(Op::close_paren))
        return unexpected(close);
    drop();
    return true;
}

bool CommandParser::parse_if(CommandNode& node) {
    drop();
    auto& clause = node.emplace<IfClause>();
    for (;;) {
        auto& branch = clause.branches.emplace_back();
        branch.condition = parse_compound_list();
        if (!branch.condition || !expect_keyword("then"))
            return false;
        branch.body = parse_compound_list();
        if (!branch.body)
            return false;
        const Token& token = peek(command_context());
        if (token.is_keyword("elif")) {
            drop();
            continue;
        }
        if (token.is_keyword("else")) {
            drop();
            clause.else_body = parse_compound_list();
            if (!clause.else_body)
                return false;
        }
        return expect_keyword("fi");
    }
}

bool CommandParser::parse_loop(CommandNode& node, bool until) {
    drop();
    auto& loop = node.emplace<LoopClause>();
    loop.until = until;
    loop.condition = parse_compound_list();
    if (!loop.condition)
        return false;
    loop.body = parse_do_group(command_context());
    return loop.body != nullptr;
}

// do … done, or bash's { … } (for and select loops).
std::shared_ptr<Program> CommandParser::parse_do_group(LexContext context) {
    const Token& token = peek(context);
    std::string_view closer = token.is_keyword("do") ? "done" : token.is_keyword("{") ? "}" : "";
    if (closer.empty()) {
        unexpected(token);
        return nullptr;
    }
    drop();
    auto body = parse_compound_list();
    if (!body || !expect_keyword(closer))
        return nullptr;
    return body;
}

// for name [in word…] ; do … done (XCU 2.9.4.2), and select, the same shape. bash checks the
// name when the loop runs ("`1x': not a valid identifier"), so any word is taken here.
bool CommandParser::parse_for(CommandNode& node, bool select) {
    drop();
    if (!select && m_lexer.at_double_paren())
        return parse_arithmetic_for(node);
    const Token& name = peek(LexContext{});
    if (name.kind != TokenKind::word)
        return unexpected(name);
    auto& clause = node.emplace<ForClause>();
    clause.select = select;
    clause.variable = take_text();
    // bash takes `in` and `do` right after the name (or after its `;` or newlines) as keywords
    // before it looks for aliases; after a word list `do` is an ordinary command word.
    LexContext context = after_word();
    if (peek(context).is_op(Op::semicolon)) {
        drop();
    } else {
        if (peek(context).is_keyword("in")) {
            drop();
            context = command_context();
            auto& items = clause.items.emplace();
            for (;;) {
                const Token& token = peek(LexContext{});
                if (token.kind == TokenKind::word) {
                    items.push_back(take_word());
                } else if (token.is_op(Op::semicolon)) {
                    drop();
                    break;
                } else if (token.kind == TokenKind::newline) {
                    consume_newline();
                    break;
                } else {
                    return unexpected(token);
                }
            }
        }
    }
    skip_newlines(context);
    clause.body = parse_do_group(context);
    return clause.body != nullptr;
}

// Skips the newlines after the word that ends a header (`for x`, `case x`); the keyword that
// follows (`in`, `do`) is read without alias substitution, as bash's special cases read it.
LexContext CommandParser::after_word() {
    skip_newlines(LexContext{});
    return LexContext{};
}

bool CommandParser::parse_arithmetic_for(CommandNode& node) {
    auto words = m_lexer.lex_arithmetic_for();
    if (!words)
        return false;
    m_last_end = m_reader.position();
    auto& clause = node.emplace<ArithForClause>();
    clause.init = std::move((*words)[0]);
    clause.condition = std::move((*words)[1]);
    clause.step = std::move((*words)[2]);
    if (peek(command_context()).is_op(Op::semicolon))
        drop();
    skip_newlines(command_context());
    clause.body = parse_do_group(command_context());
    return clause.body != nullptr;
}

bool CommandParser::parse_arithmetic_command(CommandNode& node, uint32_t line) {
    auto expression = m_lexer.lex_arithmetic_command(line);
    if (!expression)
        return false;
    m_last_end = m_reader.position();
    node.emplace<ArithmeticCommand>().expression = std::move(*expression);
    return true;
}

// case word in [(]pattern[|pattern]…) list ;; … esac (XCU 2.9.4.3) with bash's ;& and ;;&.
bool CommandParser::parse_case(CommandNode& node) {
    drop();
    const Token& subject = peek(LexContext{});
    if (subject.kind != TokenKind::word)
        return unexpected(subject);
    auto& clause = node.emplace<CaseClause>();
    clause.subject = take_word();
    const Token& in = peek(after_word());
    if (!in.is_keyword("in"))
        return unexpected(in);
    drop();
    for (;;) {
        skip_newlines(LexContext{});
        if (peek(LexContext{}).is_keyword("esac")) {
            drop();
            return true;
        }
        bool last = false;
        if (!parse_case_item(clause, last))
            return false;
        if (last)
            return true;
    }
}

// One `(pattern|pattern) list ;;`; `last` when it ended at `esac` instead of a terminator.
bool CommandParser::parse_case_item(CaseClause& clause, bool& last) {
    auto& item = clause.items.emplace_back();
    if (peek(LexContext{}).is_op(Op::open_paren))
        drop();
    for (;;) {
        const Token& pattern = peek(LexContext{});
        if (pattern.kind != TokenKind::word)
            return unexpected(pattern);
        item.patterns.push_back(take_word());
        const Token& separator = peek(LexContext{});
        if (separator.is_op(Op::close_paren)) {
            drop();
            break;
        }
        if (!separator.is_op(Op::pipe))
            return unexpected(separator);
        drop();
    }
    item.body = std::make_shared<Program>();
    if (!parse_list(*item.body, ListEnd::compound))
        return false;
    const Token& end = peek(command_context());
    last = end.is_keyword("esac");
    if (end.is_op(Op::case_fallthrough))
        item.terminator = CaseClause::Terminator::fallthrough;
    else if (end.is_op(Op::case_continue))
        item.terminator = CaseClause::Terminator::test_next;
    else if (!end.is_op(Op::case_end) && !last)
        return unexpected(end);
    drop();
    return true;
}

bool CommandParser::is_function_body(const Token& token) const {
    if (token.is_op(Op::open_paren))
        return true;
    for (std::string_view keyword : {"{", "if", "while", "until", "for", "select", "case", "[["})
        if (token.is_keyword(keyword))
            return true;
    return false;
}

// name ( ) body: the name is taken and `(` is next. bash checks the name (no quoting, no $) when
// the definition runs, so any word is taken here.
bool CommandParser::parse_function(Command& command, size_t begin, uint32_t line, std::string name) {
    drop();
    const Token& close = peek(LexContext{});
    if (!close.is_op(Op::close_paren))
        return unexpected(close);
    drop();
    return finish_function(command, begin, line, std::move(name));
}

// function name [( )] body
bool CommandParser::parse_function_keyword(Command& command) {
    const Token& keyword = peek(command_context());
    size_t begin = keyword.begin;
    uint32_t line = keyword.line;
    drop();
    const Token& name = peek(LexContext{});
    if (name.kind != TokenKind::word)
        return unexpected(name);
    std::string function_name = take_text();
    if (peek(command_context()).is_op(Op::open_paren)) {
        drop();
        const Token& close = peek(LexContext{});
        if (!close.is_op(Op::close_paren))
            return unexpected(close);
        drop();
    }
    return finish_function(command, begin, line, std::move(function_name));
}

bool CommandParser::finish_function(Command& command, size_t begin, uint32_t line, std::string name) {
    skip_newlines(command_context());
    const Token& start = peek(command_context());
    if (!is_function_body(start))
        return unexpected(start);
    auto& definition = command.node.emplace<FunctionDefinition>();
    definition.name = std::move(name);
    definition.body = std::make_shared<Command>();
    if (!parse_compound(*definition.body))
        return false;
    definition.source = source(begin, m_last_end);
    finish(command, begin, line);
    return true;
}

// coproc [NAME] compound-command [redirections] | coproc simple-command (bash's grammar: a name
// only before a compound command).
bool CommandParser::parse_coproc(Command& command) {
    const Token& keyword = peek(command_context());
    size_t begin = keyword.begin;
    uint32_t line = keyword.line;
    DepthGuard guard(m_state, line, begin);
    if (!guard.ok())
        return false;
    drop();
    auto& clause = command.node.emplace<CoprocClause>();
    clause.name = "COPROC";
    clause.body = std::make_shared<Command>();
    const Token& first = peek(command_context());
    bool ok = false;
    if (is_function_body(first)) {
        ok = parse_compound(*clause.body);
    } else if (first.kind == TokenKind::word && !(first.plain && is_reserved_word(first.text))) {
        Reader::Mark mark{first.begin, first.line};
        bool plain = first.plain;
        std::string name = take_text();
        if (plain && is_function_body(peek(command_context()))) {
            clause.name = std::move(name);
            ok = parse_compound(*clause.body);
        } else {
            // Not a name: read the simple command from its first word again.
            m_peeked.reset();
            m_reader.reset(mark);
            ok = parse_simple_command(*clause.body);
        }
    } else if (first.kind == TokenKind::op && is_redirection(first.op)) {
        ok = parse_simple_command(*clause.body);
    } else {
        ok = unexpected(first);
    }
    if (!ok)
        return false;
    finish(command, begin, line);
    return true;
}

}  // namespace sh
