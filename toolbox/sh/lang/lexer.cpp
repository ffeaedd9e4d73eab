// lexer.cpp — tokens: blanks, comments, operators, fd prefixes and alias substitution. Words are
// read in lexer_word.cpp, $ forms in lexer_dollar.cpp, here-documents in lexer_heredoc.cpp.
#include "sh/lang/lexer.h"

#include <algorithm>

#include "sh/lang/chars.h"

namespace sh {

namespace {

// bash's word_token_alist: recognised in command position only.
constexpr std::string_view reserved_words[] = {
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
    "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
};

// The raw text of a token without its line continuations.
std::string without_continuations(std::string_view raw) {
    std::string text;
    text.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '\n') {
            ++i;
            continue;
        }
        text.push_back(raw[i]);
    }
    return text;
}

bool is_plain_word(const Word& word) {
    if (word.parts.size() != 1)
        return false;
    auto* literal = std::get_if<Literal>(&word.parts[0]);
    return literal && !literal->quoted;
}

bool is_identifier(std::string_view text) {
    if (text.empty() || !is_name_start(text[0]))
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) { return is_name_char(c); });
}

}  // namespace

bool is_reserved_word(std::string_view text) {
    return std::find(std::begin(reserved_words), std::end(reserved_words), text) != std::end(reserved_words);
}

std::string_view op_text(Op op) {
    switch (op) {
    case Op::semicolon: return ";";
    case Op::ampersand: return "&";
    case Op::pipe: return "|";
    case Op::pipe_ampersand: return "|&";
    case Op::and_if: return "&&";
    case Op::or_if: return "||";
    case Op::case_end: return ";;";
    case Op::case_fallthrough: return ";&";
    case Op::case_continue: return ";;&";
    case Op::open_paren: return "(";
    case Op::close_paren: return ")";
    case Op::less: return "<";
    case Op::greater: return ">";
    case Op::double_greater: return ">>";
    case Op::double_less: return "<<";
    case Op::double_less_dash: return "<<-";
    case Op::triple_less: return "<<<";
    case Op::less_ampersand: return "<&";
    case Op::greater_ampersand: return ">&";
    case Op::less_greater: return "<>";
    case Op::greater_pipe: return ">|";
    case Op::ampersand_greater: return "&>";
    case Op::ampersand_double_greater: return "&>>";
    }
    return "?";
}

bool is_redirection(Op op) {
    switch (op) {
    case Op::less:
    case Op::greater:
    case Op::double_greater:
    case Op::double_less:
    case Op::double_less_dash:
    case Op::triple_less:
    case Op::less_ampersand:
    case Op::greater_ampersand:
    case Op::less_greater:
    case Op::greater_pipe:
    case Op::ampersand_greater:
    case Op::ampersand_double_greater:
        return true;
    default:
        return false;
    }
}

Lexer::Lexer(Reader& reader, ParseState& state, NestedParser& nested)
    : m_reader(reader), m_state(state), m_nested(nested) {}

Token Lexer::next(LexContext context) {
    Token token;
    token.context = context;
    if (m_state.failed()) {
        token.begin = token.end = m_reader.position();
        token.line = m_reader.line();
        return token;
    }
    skip_blanks_and_comment();
    int c = m_reader.peek();
    token.begin = m_reader.position();  // after any line continuations
    token.line = m_reader.line();
    if (c == Reader::end_of_input) {
        token.end = token.begin;
        if (m_reader.take_implied_newline()) {
            token.kind = TokenKind::newline;
            token.text = "newline";
            return token;
        }
        token.line = m_reader.end_line();
        return token;
    }
    if (c == '\n') {
        m_reader.advance();
        token.kind = TokenKind::newline;
        token.end = m_reader.position();
        token.text = "newline";
        return token;
    }
    bool process_substitution = (c == '<' || c == '>') && m_reader.peek_at(1) == '(';
    bool regex_word = context.regex && (c == '(' || c == '|');
    if (is_metachar(c) && !process_substitution && !regex_word)
        lex_operator(token);
    else
        lex_word_token(context, token);
    return token;
}

void Lexer::skip_blanks_and_comment() {
    while (is_blank(m_reader.peek()))
        m_reader.advance();
    if (m_reader.peek() != '#')
        return;
    // A comment runs to the end of the line; a backslash in it continues nothing.
    while (m_reader.peek_raw() != '\n' && m_reader.peek_raw() != Reader::end_of_input)
        m_reader.advance_raw();
}

void Lexer::lex_operator(Token& token) {
    int c = m_reader.peek();
    m_reader.advance();
    auto next_is = [&](int expected) {
        if (m_reader.peek() != expected)
            return false;
        m_reader.advance();
        return true;
    };
    token.kind = TokenKind::op;
    switch (c) {
    case ';':
        if (next_is(';'))
            token.op = next_is('&') ? Op::case_continue : Op::case_end;
        else
            token.op = next_is('&') ? Op::case_fallthrough : Op::semicolon;
        break;
    case '&':
        if (next_is('&'))
            token.op = Op::and_if;
        else if (next_is('>'))
            token.op = next_is('>') ? Op::ampersand_double_greater : Op::ampersand_greater;
        else
            token.op = Op::ampersand;
        break;
    case '|':
        token.op = next_is('|') ? Op::or_if : next_is('&') ? Op::pipe_ampersand : Op::pipe;
        break;
    case '(':
        token.op = Op::open_paren;
        break;
    case ')':
        token.op = Op::close_paren;
        break;
    case '<':
        if (next_is('<'))
            token.op = next_is('-') ? Op::double_less_dash : next_is('<') ? Op::triple_less : Op::double_less;
        else
            token.op = next_is('&') ? Op::less_ampersand : next_is('>') ? Op::less_greater : Op::less;
        break;
    default:  // '>'
        token.op = next_is('>')   ? Op::double_greater
                   : next_is('&') ? Op::greater_ampersand
                   : next_is('|') ? Op::greater_pipe
                                  : Op::greater;
        break;
    }
    token.end = m_reader.position();
    token.text = std::string(op_text(token.op));
}

void Lexer::lex_word_token(LexContext context, Token& token) {
    // A word after an alias whose text ends in a blank is checked for an alias too.
    bool alias_next = false;
    for (auto& region : m_aliases) {
        if (region.expand_next && !region.next_checked && region.end <= token.begin) {
            region.next_checked = true;
            alias_next = true;
        }
    }
    for (;;) {
        if (context.assignments)
            token.assignment = lex_assignment(context);
        if (!token.assignment) {
            WordBuilder word;
            lex_word(word, context, false);
            token.word = word.finish({static_cast<uint32_t>(token.begin), 0, token.line});
        }
        if (m_state.failed()) {
            token = Token{};
            token.begin = token.end = m_reader.position();
            token.line = m_reader.line();
            return;
        }
        finish_token(token);
        if (take_fd_prefix(token, context))
            return;
        // bash (outside posix mode) substitutes aliases before it looks for reserved words, so an
        // alias named `if` wins.
        bool eligible = context.alias || alias_next;
        if (!token.plain || !eligible || !substitute_alias(token))
            return;
        // The alias text now stands where the word was: read the token again from there.
        token.word = {};
        token.assignment.reset();
        skip_blanks_and_comment();
        int c = m_reader.peek();
        token.begin = m_reader.position();
        token.line = m_reader.line();
        if (c == Reader::end_of_input || c == '\n' ||
            (is_metachar(c) && !((c == '<' || c == '>') && m_reader.peek_at(1) == '('))) {
            token = next(context);
            return;
        }
    }
}

void Lexer::finish_token(Token& token) {
    token.kind = TokenKind::word;
    token.end = m_reader.position();
    token.text = without_continuations(m_reader.slice(token.begin, token.end));
    token.plain = !token.assignment && is_plain_word(token.word);
    if (token.assignment) {
        token.assignment->span.begin = static_cast<uint32_t>(token.begin);
        token.assignment->span.end = static_cast<uint32_t>(token.end);
        token.assignment->span.line = token.line;
    } else {
        token.word.span = {static_cast<uint32_t>(token.begin), static_cast<uint32_t>(token.end), token.line};
    }
}

// `2>file`, `{fd}>file`: digits or {name} right before < or > belong to the operator.
bool Lexer::take_fd_prefix(Token& token, LexContext context) {
    if (context.conditional || !token.plain)
        return false;
    int c = m_reader.peek_raw();
    if ((c != '<' && c != '>') || m_reader.peek_at(1) == '(')
        return false;
    const std::string& text = token.text;
    bool digits = !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char d) {
        return is_digit(d);
    });
    bool variable = text.size() > 2 && text.front() == '{' && text.back() == '}' &&
                    is_identifier(std::string_view(text).substr(1, text.size() - 2));
    if (!digits && !variable)
        return false;
    Token op;
    lex_operator(op);
    token.kind = TokenKind::op;
    token.op = op.op;
    token.word = {};
    token.plain = false;
    if (digits) {
        token.fd = 0;
        for (char digit : text)
            token.fd = token.fd * 10 + (digit - '0');  // at most 9 digits: no overflow
    } else
        token.fd_variable = text.substr(1, text.size() - 2);
    token.end = m_reader.position();
    token.text += op.text;
    return true;
}

bool Lexer::substitute_alias(const Token& token) {
    if (!m_state.options.alias)
        return false;
    for (const auto& region : m_aliases) {
        // An alias is not expanded inside its own text (bash's AL_BEINGEXPANDED).
        if (region.name == token.text && region.begin <= token.begin && token.begin < region.end)
            return false;
    }
    const std::string* value = m_state.options.alias(token.text);
    if (!value)
        return false;
    size_t begin = token.begin;
    size_t end = token.end;
    size_t new_end = begin + value->size();
    for (auto& region : m_aliases) {
        if (region.end >= end)
            region.end = region.end - (end - begin) + value->size();
        else if (region.end > begin)
            region.end = new_end;
    }
    std::erase_if(m_aliases, [&](const AliasRegion& region) {
        return region.end < begin && (!region.expand_next || region.next_checked);
    });
    bool expand_next = !value->empty() && is_blank(value->back());
    m_aliases.push_back({token.text, begin, new_end, expand_next, false});
    m_reader.replace(begin, end, *value, token.line);
    return true;
}

void Lexer::forget_finished_aliases() {
    size_t position = m_reader.position();
    std::erase_if(m_aliases, [&](const AliasRegion& region) { return region.end <= position; });
}

void Lexer::fail_unterminated(char close, uint32_t line) {
    m_state.fail(std::string("unexpected EOF while looking for matching `") + close + "'", line,
                 m_reader.position(), true);
}

void Lexer::fail_at(std::string message, uint32_t line, bool incomplete) {
    m_state.fail(std::move(message), line, m_reader.position(), incomplete);
}

bool Lexer::at_double_paren() {
    while (is_blank(m_reader.peek()))
        m_reader.advance();
    return m_reader.peek() == '(' && m_reader.peek_at(1) == '(';
}

bool Lexer::arithmetic_follows(size_t offset) const {
    Reader::Cursor cursor = m_reader.cursor_at(offset);
    uint32_t depth = 0;
    for (;;) {
        int c = cursor.peek();
        switch (c) {
        case Reader::end_of_input:
            return true;  // let the arithmetic reader report the missing `))'
        case '\\':
            cursor.advance_escaped();
            continue;
        case '\'':
        case '"': {
            cursor.advance();
            while (cursor.peek() != c && cursor.peek() != Reader::end_of_input) {
                if (c == '"' && cursor.peek() == '\\')
                    cursor.advance_escaped();
                else
                    cursor.advance();
            }
            break;
        }
        case '(':
            ++depth;
            break;
        case ')':
            if (depth == 0) {
                cursor.advance();
                return cursor.peek() == ')';
            }
            --depth;
            break;
        default:
            break;
        }
        cursor.advance();
    }
}

}  // namespace sh
