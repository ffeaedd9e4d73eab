// command_parser.cpp — command lines, lists, pipelines, simple commands and redirections (XCU
// 2.9.1-2.9.3, 2.7), and the nested parses the lexer asks for. Compound commands are in
// command_parser_compound.cpp, [[ ]] in command_parser_cond.cpp.
#include "sh/lang/command_parser.h"

#include <algorithm>

#include "sh/lang/ast_clone.h"
#include "sh/lang/chars.h"

namespace sh {

namespace {

RedirectOp redirect_op(Op op) {
    switch (op) {
    case Op::less: return RedirectOp::input;
    case Op::double_greater: return RedirectOp::append;
    case Op::greater_pipe: return RedirectOp::clobber;
    case Op::less_greater: return RedirectOp::read_write;
    case Op::less_ampersand: return RedirectOp::dup_input;
    case Op::greater_ampersand: return RedirectOp::dup_output;
    case Op::double_less: return RedirectOp::heredoc;
    case Op::double_less_dash: return RedirectOp::heredoc_strip;
    case Op::triple_less: return RedirectOp::herestring;
    case Op::ampersand_greater: return RedirectOp::output_both;
    case Op::ampersand_double_greater: return RedirectOp::append_both;
    default: return RedirectOp::output;
    }
}

// The delimiter of a here-document: its word with quotes removed and nothing expanded.
std::string heredoc_delimiter(std::string_view raw, bool& quoted) {
    std::string delimiter;
    quoted = false;
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '$' && i + 1 < raw.size() && (raw[i + 1] == '\'' || raw[i + 1] == '"'))
            continue;  // $'…' and $"…" quote like '…' and "…" here
        if (c == '\\' && i + 1 < raw.size()) {
            quoted = true;
            delimiter.push_back(raw[++i]);
        } else if (c == '\'' || c == '"') {
            quoted = true;
            for (++i; i < raw.size() && raw[i] != c; ++i) {
                if (c == '"' && raw[i] == '\\' && i + 1 < raw.size() &&
                    std::string_view("$`\"\\").find(raw[i + 1]) != std::string_view::npos)
                    ++i;
                delimiter.push_back(raw[i]);
            }
        } else {
            delimiter.push_back(c);
        }
    }
    return delimiter;
}

bool is_declaration_builtin(const Word& word) {
    if (word.parts.size() != 1)
        return false;
    auto* literal = std::get_if<Literal>(&word.parts[0]);
    if (!literal || literal->quoted)
        return false;
    const std::string& name = literal->text;
    return name == "declare" || name == "typeset" || name == "local" || name == "export" || name == "readonly";
}

// Reserved words that can begin a command; the others (then, fi, done, }, …) end a list.
bool begins_command(std::string_view word) {
    return word == "if" || word == "case" || word == "for" || word == "select" || word == "while" || word == "until" ||
           word == "function" || word == "time" || word == "{" || word == "!" || word == "[[" || word == "coproc";
}

}  // namespace

CommandParser::CommandParser(std::string text, ParseOptions options, uint32_t first_line, uint32_t depth,
                             bool nested_text)
    : m_reader(std::move(text), first_line), m_lexer(m_reader, m_state, *this) {
    m_state.options = std::move(options);
    m_state.depth = depth;
    m_state.nested_text = nested_text;
    m_base_depth = depth;
    m_first_line = first_line;
}

std::vector<ParseWarning> CommandParser::take_warnings() {
    std::vector<ParseWarning> warnings = std::move(m_state.warnings);
    m_state.warnings.clear();
    return warnings;
}

LexContext CommandParser::command_context() {
    LexContext context;
    context.assignments = true;
    context.prefix = true;
    context.alias = true;
    return context;
}

const Token& CommandParser::peek(LexContext context) {
    if (m_peeked) {
        if (m_peeked->kind != TokenKind::word || m_peeked->context == context)
            return *m_peeked;
        // Read in another context: read the word again the way it is wanted now.
        m_reader.reset({m_peeked->begin, m_peeked->line});
        m_peeked.reset();
    }
    m_peeked = m_lexer.next(context);
    return *m_peeked;
}

Token CommandParser::take() {
    if (!m_peeked)
        m_peeked = m_lexer.next(LexContext{});
    Token token = std::move(*m_peeked);
    m_peeked.reset();
    m_last_end = token.end;
    return token;
}

void CommandParser::drop() {
    if (!m_peeked)
        m_peeked = m_lexer.next(LexContext{});
    m_last_end = m_peeked->end;
    m_peeked.reset();
}

Word CommandParser::take_word() {
    Word word = m_peeked ? std::move(m_peeked->word) : Word{};
    drop();
    return word;
}

std::string CommandParser::take_text() {
    std::string text = m_peeked ? std::move(m_peeked->text) : std::string{};
    drop();
    return text;
}

void ParseState::fail_too_deep(uint32_t line, size_t offset) {
    fail("maximum nesting depth (" + std::to_string(options.max_depth) + ") exceeded", line, offset);
}

void CommandParser::consume_newline() {
    drop();
    m_lexer.read_heredocs();
}

void CommandParser::skip_newlines(LexContext context) {
    while (!m_state.failed() && peek(context).kind == TokenKind::newline)
        consume_newline();
}

bool CommandParser::unexpected(const Token& token) {
    if (token.kind == TokenKind::end) {
        if (m_substitution_depth > 0)
            m_state.fail("unexpected EOF while looking for matching `)'", token.line, token.begin, true);
        else
            m_state.fail("syntax error: unexpected end of file", token.line, token.begin, true);
        return false;
    }
    m_state.fail("syntax error near unexpected token `" + token.text + "'", token.line, token.begin, false,
                 std::string(m_reader.line_containing(token.begin)));
    return false;
}

bool CommandParser::fail(std::string message, uint32_t line) {
    m_state.fail(std::move(message), line, m_reader.position());
    return false;
}

// An alias substituted since the last call changed the buffer only after m_read_reported.
std::string_view CommandParser::take_read_text() {
    size_t end = std::max(m_reader.position(), m_read_reported);
    std::string_view text = m_reader.slice(m_read_reported, end);
    m_read_reported = end;
    return text;
}

std::string CommandParser::source(size_t begin, size_t end) const { return std::string(m_reader.slice(begin, end)); }

std::optional<std::variant<Program, ParseError>> CommandParser::next() {
    if (m_finished)
        return std::nullopt;
    m_lexer.clear_heredocs();
    m_lexer.forget_finished_aliases();
    skip_newlines(command_context());
    Program program;
    const Token& first = peek(command_context());
    if (first.kind == TokenKind::end && !m_state.failed()) {
        if (!m_state.options.interactive || !m_reader.continued_at_end()) {
            m_finished = true;
            return std::nullopt;
        }
        m_state.fail("syntax error: unexpected end of file", first.line, first.begin, true);
    }
    if (!m_state.failed() && parse_list(program, ListEnd::newline)) {
        const Token& last = peek(command_context());
        if (last.kind == TokenKind::newline) {
            consume_newline();
        } else if (last.kind == TokenKind::end) {
            m_lexer.read_heredocs();  // `cat <<EOF` at the very end: an empty body, with a warning
            if (m_state.options.interactive && m_reader.continued_at_end())
                m_state.fail("syntax error: unexpected end of file", last.line, last.begin, true);
        } else {
            unexpected(last);
        }
    }
    if (m_state.failed()) {
        ParseError error = *m_state.error;
        recover();
        return error;
    }
    append_heredoc_sources(program);
    return program;
}

// After an error, start over at the line after the one it was found on (an interactive shell
// discards the rest of its input line; a script stops anyway). The reader is past the offending
// token; when that token was a newline, the next line has already begun.
void CommandParser::recover() {
    bool incomplete = m_state.error && m_state.error->incomplete;
    m_state.error.reset();
    m_state.depth = m_base_depth;
    m_peeked.reset();
    m_lexer.clear_heredocs();
    m_lexer.reset_aliases();
    m_substitution_depth = 0;
    std::string_view text = m_reader.text();
    size_t position = m_reader.position();
    if (incomplete || position >= text.size()) {
        m_finished = true;
        return;
    }
    if (position > 0 && text[position - 1] == '\n')
        return;
    size_t newline = text.find('\n', position);
    if (newline == std::string_view::npos) {
        m_finished = true;
        return;
    }
    m_reader.reset({newline + 1, m_reader.line() + 1});
}

bool CommandParser::starts_command(const Token& token) const {
    if (token.kind == TokenKind::word)
        return !token.plain || !is_reserved_word(token.text) || begins_command(token.text);
    return token.kind == TokenKind::op && (token.op == Op::open_paren || is_redirection(token.op));
}

// A list of and-or lists separated by ; & (and newlines inside a compound command), stopping
// before the first token that can't start a command. An empty list is the caller's error.
bool CommandParser::parse_list(Program& program, ListEnd end) {
    for (;;) {
        if (end == ListEnd::compound)
            skip_newlines(command_context());
        const Token& first = peek(command_context());
        if (m_state.failed())
            return false;
        if (!starts_command(first))
            return true;
        size_t begin = first.begin;
        uint32_t line = first.line;
        ListItem& item = program.items.emplace_back();
        if (!parse_and_or(item.and_or))
            return false;
        item.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(m_last_end), line};
        item.source = source(begin, m_last_end);
        const Token& separator = peek(command_context());
        if (separator.is_op(Op::semicolon) || separator.is_op(Op::ampersand)) {
            item.background = separator.is_op(Op::ampersand);
            drop();
        } else if (separator.kind == TokenKind::newline && end == ListEnd::compound) {
            consume_newline();
        } else {
            return !m_state.failed();
        }
    }
}

bool CommandParser::parse_and_or(AndOr& and_or) {
    if (!parse_pipeline(and_or.first))
        return false;
    for (;;) {
        const Token& token = peek(command_context());
        if (!token.is_op(Op::and_if) && !token.is_op(Op::or_if))
            return !m_state.failed();
        AndOr::Op op = token.is_op(Op::and_if) ? AndOr::Op::and_then : AndOr::Op::or_else;
        drop();
        skip_newlines(command_context());
        auto& next = and_or.rest.emplace_back(op, Pipeline{});
        if (!parse_pipeline(next.second))
            return false;
    }
}

// [time [-p] [--]] [!]… command (| command)…; bash accepts ! and time in any order and a bare
// `!` or `time` before a list terminator.
bool CommandParser::parse_pipeline(Pipeline& pipeline) {
    const Token& first = peek(command_context());
    size_t begin = first.begin;
    uint32_t line = first.line;
    for (;;) {
        const Token& token = peek(command_context());
        if (token.is_keyword("!")) {
            pipeline.negated = !pipeline.negated;
            drop();
        } else if (token.is_keyword("time")) {
            pipeline.timed = true;
            drop();
            if (peek(command_context()).is_keyword("-p")) {
                pipeline.time_posix = true;
                drop();
            }
            if (peek(command_context()).is_keyword("--"))
                drop();
        } else {
            break;
        }
    }
    const Token& token = peek(command_context());
    if (!starts_command(token) || token.is_keyword("!")) {
        bool terminator =
            token.kind == TokenKind::newline || token.kind == TokenKind::end || token.is_op(Op::semicolon);
        if (!(pipeline.negated || pipeline.timed) || !terminator || m_state.failed())
            return unexpected(token);
    } else {
        for (;;) {
            if (!parse_command(pipeline.commands.emplace_back()))
                return false;
            const Token& next = peek(command_context());
            if (!next.is_op(Op::pipe) && !next.is_op(Op::pipe_ampersand))
                break;
            pipeline.stderr_too.push_back(next.is_op(Op::pipe_ampersand));
            drop();
            skip_newlines(command_context());
        }
    }
    pipeline.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(m_last_end), line};
    pipeline.source = source(begin, m_last_end);
    return !m_state.failed();
}

bool CommandParser::parse_command(Command& command) {
    const Token& token = peek(command_context());
    if (m_state.failed())
        return false;
    if (token.kind == TokenKind::word && token.plain && is_reserved_word(token.text)) {
        if (token.text == "coproc")
            return parse_coproc(command);
        // `time` after a `|` is an ordinary command name.
        if (token.text != "time") {
            if (token.text == "!" || !begins_command(token.text))
                return unexpected(token);
            return parse_compound(command);
        }
    }
    if (token.is_op(Op::open_paren))
        return parse_compound(command);
    if (token.kind == TokenKind::word || (token.kind == TokenKind::op && is_redirection(token.op)))
        return parse_simple_command(command);
    return unexpected(token);
}

void CommandParser::finish(Command& command, size_t begin, uint32_t line) {
    command.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(m_last_end), line};
    command.source = source(begin, m_last_end);
}

// Assignments, words and redirections in any order, assignments only before the command name
// (XCU 2.9.1). `name ( )` after a lone first word makes it a function definition.
bool CommandParser::parse_simple_command(Command& command) {
    const Token& first = peek(command_context());
    size_t begin = first.begin;
    uint32_t line = first.line;
    SimpleCommand& simple = command.node.emplace<SimpleCommand>();
    std::vector<std::pair<size_t, size_t>> heredocs;
    LexContext context = command_context();
    bool named = false;
    bool declaration = false;
    simple.line = line;
    bool look_ahead = false;  // the first element was a word: the next token sets the line too
    for (bool first_element = true;; first_element = false) {
        const Token& token = peek(context);
        if (look_ahead) {
            simple.line = std::max(simple.line, token.kind == TokenKind::word ? m_reader.line() : token.line);
            look_ahead = false;
        }
        if (token.kind == TokenKind::op && is_redirection(token.op)) {
            if (!parse_redirect(simple.redirects, heredocs))
                return false;
            if (first_element)
                simple.line = std::max(simple.line, m_reader.line());
            continue;
        }
        if (token.kind != TokenKind::word)
            break;
        if (first_element) {
            if (token.assignment)
                simple.line = std::max(simple.line, m_reader.line());
            else
                look_ahead = true;
        }
        Token word = take();
        if (!named && word.assignment) {
            simple.assignments.push_back(std::move(*word.assignment));
            continue;
        }
        if (!named) {
            bool alone = simple.assignments.empty() && simple.redirects.empty();
            named = true;
            context = LexContext{};
            context.assignments = true;
            if (word.assignment) {
                simple.words.push_back(assignment_to_word(std::move(*word.assignment)));
                continue;
            }
            declaration = is_declaration_builtin(word.word);
            context.declaration = declaration;
            if (alone && peek(context).is_op(Op::open_paren))
                return parse_function(command, begin, line, std::move(word.text));
            simple.words.push_back(std::move(word.word));
            continue;
        }
        if (word.assignment) {
            if (declaration)
                simple.declarations.emplace_back(simple.words.size(), clone_assignment(*word.assignment));
            simple.words.push_back(assignment_to_word(std::move(*word.assignment)));
        } else {
            simple.words.push_back(std::move(word.word));
        }
    }
    if (m_state.failed())
        return false;
    if (simple.words.empty() && simple.assignments.empty() && simple.redirects.empty())
        return unexpected(peek(context));
    attach_heredocs(simple.redirects, heredocs);
    finish(command, begin, line);
    return true;
}

// One redirection: the operator (with its fd) and its word. A here-document's body comes later:
// its delimiter is queued with the lexer, and `heredocs` remembers which redirect gets it.
bool CommandParser::parse_redirect(std::vector<Redirect>& redirects, std::vector<std::pair<size_t, size_t>>& heredocs) {
    Token op = take();
    const Token& target = peek(LexContext{});
    if (target.kind != TokenKind::word)
        return unexpected(target);
    Token word = take();
    Redirect redirect;
    redirect.fd = op.fd;
    redirect.fd_variable = std::move(op.fd_variable);
    redirect.op = redirect_op(op.op);
    redirect.line = op.line;
    if (op.op == Op::double_less || op.op == Op::double_less_dash) {
        bool quoted = false;
        std::string delimiter = heredoc_delimiter(word.text, quoted);
        redirect.heredoc_quoted = quoted;
        redirect.heredoc_delimiter = delimiter;
        redirect.target.span = word.word.span;
        size_t id = m_lexer.queue_heredoc(std::move(delimiter), op.op == Op::double_less_dash, quoted, op.line);
        heredocs.emplace_back(redirects.size(), id);
    } else {
        redirect.target = std::move(word.word);
    }
    redirects.push_back(std::move(redirect));
    return true;
}

// The redirect list of a command is complete, so its elements keep their addresses from here on
// (moving the vector moves its buffer): the lexer can store here-document bodies into them.
void CommandParser::attach_heredocs(std::vector<Redirect>& redirects,
                                    const std::vector<std::pair<size_t, size_t>>& heredocs) {
    for (auto [index, id] : heredocs)
        m_lexer.attach_heredoc(id, &redirects[index]);
}

bool CommandParser::parse_trailing_redirects(Command& command) {
    std::vector<std::pair<size_t, size_t>> heredocs;
    for (;;) {
        const Token& token = peek(command_context());
        if (token.kind != TokenKind::op || !is_redirection(token.op))
            break;
        if (!parse_redirect(command.redirects, heredocs))
            return false;
    }
    attach_heredocs(command.redirects, heredocs);
    return !m_state.failed();
}

// ^NestedParser

// Called while the lexer reads a word for peek(), so no token is waiting.
std::shared_ptr<Program> CommandParser::parse_until_close_paren(size_t& close_offset) {
    m_peeked.reset();
    auto outer_heredocs = m_lexer.take_pending_heredocs();
    ++m_substitution_depth;
    auto program = std::make_shared<Program>();
    bool ok = parse_list(*program, ListEnd::compound);
    if (ok) {
        const Token& close = peek(command_context());
        if (close.is_op(Op::close_paren)) {
            close_offset = close.begin;
            drop();
        } else {
            ok = unexpected(close);
        }
    }
    --m_substitution_depth;
    m_lexer.restore_pending_heredocs(std::move(outer_heredocs));
    if (!ok || m_state.failed())
        return nullptr;
    return program;
}

std::shared_ptr<Program> CommandParser::parse_text(std::string text, uint32_t line) {
    auto child = std::make_unique<CommandParser>(std::move(text), m_state.options, line, m_state.depth, true);
    auto program = std::make_shared<Program>();
    while (auto result = child->next()) {
        if (std::holds_alternative<ParseError>(*result))
            return nullptr;
        for (auto& item : std::get<Program>(*result).items)
            program->items.push_back(std::move(item));
    }
    for (auto& warning : child->take_warnings())
        m_state.warnings.push_back(std::move(warning));
    return program;
}

std::optional<Word> CommandParser::parse_heredoc_body(std::string text, uint32_t line) {
    auto child = std::make_unique<CommandParser>(std::move(text), m_state.options, line, m_state.depth, true);
    auto word = child->m_lexer.lex_heredoc_text();
    for (auto& warning : child->take_warnings())
        m_state.warnings.push_back(std::move(warning));
    if (!word && child->m_state.error)
        m_state.fail(child->m_state.error->message, child->m_state.error->line, m_reader.position());
    return word;
}

}  // namespace sh
