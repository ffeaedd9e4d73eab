// lexer_dollar.cpp — the $ forms (XCU 2.6.2-2.6.4 and bash's extensions): $name, ${…} with its
// operators, $(…), $((…)), $[…], $'…', $"…", and <(…) >(…).
#include "sh/lang/ansi_c.h"
#include "sh/lang/chars.h"
#include "sh/lang/lexer.h"

namespace sh {

namespace {

bool is_identifier(std::string_view text) {
    if (text.empty() || !is_name_start(text[0]))
        return false;
    for (char c : text)
        if (!is_name_char(c))
            return false;
    return true;
}

Word literal_word(std::string text, bool quoted) {
    Word word;
    word.parts.emplace_back(Literal{std::move(text), quoted});
    return word;
}

bool is_literal(const Word& word, std::string_view text) {
    if (word.parts.size() != 1)
        return false;
    auto* literal = std::get_if<Literal>(&word.parts[0]);
    return literal && !literal->quoted && literal->text == text;
}

}  // namespace

void Lexer::lex_dollar(WordBuilder& word, bool in_double_quotes, bool dollar_quotes) {
    int next = m_reader.peek_at(1);
    switch (next) {
    case '{':
        return lex_brace_parameter(word, in_double_quotes);
    case '(': {
        if (m_reader.peek_at(2) == '(') {
            Reader::Cursor cursor = m_reader.cursor();
            cursor.advance();
            cursor.advance();
            cursor.advance();
            if (arithmetic_follows(cursor.position())) {
                uint32_t line = m_reader.line();
                for (int i = 0; i < 3; ++i)
                    m_reader.advance();
                auto expression = lex_arithmetic_text(ArithEnd::double_paren, line);
                if (!expression)
                    return;
                m_reader.advance();
                m_reader.advance();
                word.add(ArithmeticSubstitution{std::make_unique<Word>(std::move(*expression)), in_double_quotes});
                return;
            }
        }
        return lex_command_substitution(word, in_double_quotes);
    }
    case '[': {
        // $[…]: bash's old spelling of $((…)).
        uint32_t line = m_reader.line();
        m_reader.advance();
        m_reader.advance();
        auto expression = lex_arithmetic_text(ArithEnd::bracket, line);
        if (!expression)
            return;
        m_reader.advance();
        word.add(ArithmeticSubstitution{std::make_unique<Word>(std::move(*expression)), in_double_quotes});
        return;
    }
    case '\'':
        if (!dollar_quotes)
            break;
        return lex_ansi_c(word);
    case '"':
        if (!dollar_quotes)
            break;
        // $"…" is translated by locale; we have one locale, so it is "…".
        m_reader.advance();
        return lex_double_quoted(word);
    default:
        break;
    }
    m_reader.advance();  // '$'
    ParamExpansion parameter;
    parameter.quoted = in_double_quotes;
    if (is_name_start(next)) {
        while (is_name_char(m_reader.peek())) {
            parameter.name.push_back(static_cast<char>(m_reader.peek()));
            m_reader.advance();
        }
    } else if (is_digit(next) || is_special_parameter(next)) {
        parameter.name.push_back(static_cast<char>(next));
        m_reader.advance();
    } else {
        // A $ that starts nothing is itself.
        word.add_char('$', in_double_quotes);
        return;
    }
    word.add(std::move(parameter));
}

// A parameter name inside ${…}: an identifier, digits, or one special character.
std::string Lexer::lex_parameter_name() {
    std::string name;
    int c = m_reader.peek();
    if (is_digit(c)) {
        while (is_digit(m_reader.peek())) {
            name.push_back(static_cast<char>(m_reader.peek()));
            m_reader.advance();
        }
    } else if (is_special_parameter(c)) {
        name.push_back(static_cast<char>(c));
        m_reader.advance();
    } else if (is_name_start(c)) {
        while (is_name_char(m_reader.peek())) {
            name.push_back(static_cast<char>(m_reader.peek()));
            m_reader.advance();
        }
    }
    return name;
}

void Lexer::lex_brace_parameter(WordBuilder& word, bool in_double_quotes) {
    uint32_t line = m_reader.line();
    size_t begin = m_reader.position();
    DepthGuard guard(m_state, line, begin);
    if (!guard.ok())
        return;
    m_reader.advance();
    m_reader.advance();
    ParamExpansion parameter;
    parameter.quoted = in_double_quotes;
    int c = m_reader.peek();
    if (c == '#' && m_reader.peek_at(1) != '}') {
        // ${#x} is a length only when the parameter after # ends the braces; ${#-x} is $# or x.
        Reader::Cursor cursor = m_reader.cursor();
        cursor.advance();
        int first = cursor.peek();
        bool length = false;
        if (is_digit(first) || is_name_start(first)) {
            while (is_name_char(cursor.peek()))
                cursor.advance();
            length = cursor.peek() == '}' || (is_name_start(first) && cursor.peek() == '[');
        } else if (is_special_parameter(first)) {
            cursor.advance();
            length = cursor.peek() == '}';
        }
        if (length) {
            m_reader.advance();
            parameter.op = ParamOp::length;
        }
    } else if (c == '!' && m_reader.peek_at(1) != '}') {
        int first = m_reader.peek_at(1);
        if (is_name_start(first) || is_digit(first) || is_special_parameter(first)) {
            m_reader.advance();
            parameter.indirect = true;
        }
    }
    parameter.name = lex_parameter_name();
    if (parameter.name.empty()) {
        lex_bad_substitution(parameter, begin, line);
        word.add(std::move(parameter));
        return;
    }
    if (parameter.indirect && is_identifier(parameter.name) && (m_reader.peek() == '*' || m_reader.peek() == '@') &&
        m_reader.peek_at(1) == '}') {
        parameter.indirect = false;
        parameter.op = ParamOp::names_matching;
        parameter.star = m_reader.peek() == '*';
        m_reader.advance();
        m_reader.advance();
        word.add(std::move(parameter));
        return;
    }
    if (m_reader.peek() == '[' && is_identifier(parameter.name)) {
        m_reader.advance();
        auto index = lex_subscript(line);
        if (!index)
            return;
        parameter.index = std::make_unique<Word>(std::move(*index));
        bool all = is_literal(*parameter.index, "@") || is_literal(*parameter.index, "*");
        if (parameter.indirect && all && m_reader.peek() == '}') {
            parameter.indirect = false;
            parameter.op = ParamOp::array_keys;
            parameter.star = is_literal(*parameter.index, "*");
        }
    }
    lex_brace_operator(parameter, in_double_quotes, line);
    if (m_state.failed())
        return;
    if (m_reader.peek() != '}') {
        lex_bad_substitution(parameter, begin, line);
    } else {
        m_reader.advance();
    }
    word.add(std::move(parameter));
}

// The operator after the name (and index) of ${…}, and its words; stops at the closing `}`.
void Lexer::lex_brace_operator(ParamExpansion& parameter, bool in_double_quotes, uint32_t line) {
    // Inside "…", the word of ${x:-word} is double-quoted text (a ' in it is literal), but a
    // pattern (# % / ^ ,) is read as if unquoted: "${x#*b}" matches with *, "${x#'*'}" doesn't.
    const TextRules value_rules =
        in_double_quotes ? TextRules{true, false, true, "$`\"\\}"} : TextRules{false, true, true, ""};
    const TextRules pattern_rules{false, true, true, ""};
    int c = m_reader.peek();
    if (c == '}' || parameter.op == ParamOp::length || parameter.op == ParamOp::array_keys)
        return;
    auto doubled = [&](int same) {
        if (m_reader.peek() != same)
            return false;
        m_reader.advance();
        return true;
    };
    if (c == ':' && std::string_view("-=?+").find(static_cast<char>(m_reader.peek_at(1))) == std::string_view::npos) {
        m_reader.advance();
        parameter.op = ParamOp::substring;
        ArithEnd stopped = ArithEnd::brace;
        auto offset = lex_arithmetic_text(ArithEnd::colon_or_brace, line, &stopped);
        if (!offset)
            return;
        parameter.argument = std::make_unique<Word>(std::move(*offset));
        if (stopped == ArithEnd::colon_or_brace) {
            m_reader.advance();
            auto length = lex_arithmetic_text(ArithEnd::brace, line);
            if (!length)
                return;
            parameter.replacement = std::make_unique<Word>(std::move(*length));
        }
        return;
    }
    if (c == ':') {
        parameter.colon = true;
        m_reader.advance();
        c = m_reader.peek();
    }
    if (std::string_view("-=?+#%^,~/@").find(static_cast<char>(c)) == std::string_view::npos || c < 0)
        return;  // not an operator: the caller reads the rest as a bad substitution
    m_reader.advance();
    switch (c) {
    case '-':
    case '=':
    case '?':
    case '+':
        parameter.op = c == '-'   ? ParamOp::default_value
                       : c == '=' ? ParamOp::assign_default
                       : c == '?' ? ParamOp::error_if_unset
                                  : ParamOp::alternative;
        parameter.argument = brace_word(value_rules, false, !in_double_quotes);
        return;
    case '#':
    case '%':
        parameter.op = c == '#' ? ParamOp::remove_prefix : ParamOp::remove_suffix;
        parameter.longest = doubled(c);
        parameter.argument = brace_word(pattern_rules, false, !in_double_quotes);
        return;
    case '^':
    case ',':
    case '~':
        parameter.op = c == '^' ? ParamOp::upper : c == ',' ? ParamOp::lower : ParamOp::toggle_case;
        parameter.longest = doubled(c);
        parameter.argument = brace_word(pattern_rules, false, false);
        return;
    case '/':
        parameter.op = ParamOp::replace;
        if (doubled('/'))
            parameter.longest = true;
        else if (doubled('#'))
            parameter.anchor = ReplaceAnchor::start;
        else if (doubled('%'))
            parameter.anchor = ReplaceAnchor::end;
        parameter.argument = brace_word(pattern_rules, true, !in_double_quotes);
        if (m_reader.peek() == '/') {
            m_reader.advance();
            parameter.replacement = brace_word(pattern_rules, false, !in_double_quotes);
        }
        return;
    case '@': {
        int letter = m_reader.peek();
        if (std::string_view("QEPAaKkUuL").find(static_cast<char>(letter)) == std::string_view::npos ||
            m_reader.peek_at(1) != '}')
            return;  // not `}` next: the caller makes it a bad substitution
        m_reader.advance();
        parameter.op = ParamOp::transform;
        parameter.argument = std::make_unique<Word>(literal_word(std::string(1, static_cast<char>(letter)), false));
        return;
    }
    default:
        return;
    }
}

std::unique_ptr<Word> Lexer::brace_word(const TextRules& rules, bool stop_at_slash, bool tilde) {
    WordBuilder word;
    uint32_t begin = static_cast<uint32_t>(m_reader.position());
    uint32_t line = m_reader.line();
    lex_brace_word(word, rules, stop_at_slash, tilde);
    return std::make_unique<Word>(word.finish({begin, static_cast<uint32_t>(m_reader.position()), line}));
}

// The word of a ${…} operator: everything up to the closing `}` (or `/` between a pattern and
// its replacement), blanks and operator characters included.
void Lexer::lex_brace_word(WordBuilder& word, const TextRules& rules, bool stop_at_slash, bool tilde) {
    bool at_start = true;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input || c == '}' || (stop_at_slash && c == '/'))
            return;
        if (tilde && at_start && c == '~' && lex_tilde(word, false, '}')) {
            at_start = false;
            continue;
        }
        at_start = false;
        if (lex_quoting(word, c, rules, rules.quoted)) {
            if (m_state.failed())
                return;
            continue;
        }
        word.add_char(static_cast<char>(c), rules.quoted);
        m_reader.advance();
    }
}

// bash reports a ${…} it can't read when it expands it, not when it parses it: read up to the
// closing `}` and keep the text for that message.
void Lexer::lex_bad_substitution(ParamExpansion& parameter, size_t begin, uint32_t line) {
    WordBuilder ignored;
    lex_brace_word(ignored, TextRules{}, false, false);
    if (m_state.failed())
        return;
    if (m_reader.peek() != '}')
        return fail_unterminated('}', line);
    m_reader.advance();
    parameter.op = ParamOp::bad_substitution;
    parameter.index.reset();
    parameter.replacement.reset();
    std::string text;
    for (char c : m_reader.slice(begin, m_reader.position()))
        text.push_back(c);
    parameter.argument = std::make_unique<Word>(literal_word(std::move(text), true));
}

void Lexer::lex_command_substitution(WordBuilder& word, bool in_double_quotes) {
    uint32_t line = m_reader.line();
    DepthGuard guard(m_state, line, m_reader.position());
    if (!guard.ok())
        return;
    m_reader.advance();
    m_reader.advance();
    size_t begin = m_reader.position();
    size_t close = begin;
    auto program = m_nested.parse_until_close_paren(close);
    if (!program)
        return;
    std::string source(m_reader.slice(begin, close));
    word.add(CommandSubstitution{std::move(program), std::move(source), in_double_quotes, false, line});
}

void Lexer::lex_process_substitution(WordBuilder& word) {
    uint32_t line = m_reader.line();
    DepthGuard guard(m_state, line, m_reader.position());
    if (!guard.ok())
        return;
    bool output = m_reader.peek() == '>';
    m_reader.advance();
    m_reader.advance();
    size_t begin = m_reader.position();
    size_t close = begin;
    auto program = m_nested.parse_until_close_paren(close);
    if (!program)
        return;
    std::string source(m_reader.slice(begin, close));
    word.add(ProcessSubstitution{std::move(program), std::move(source), output, line});
}

void Lexer::lex_ansi_c(WordBuilder& word) {
    uint32_t line = m_reader.line();
    m_reader.advance();
    m_reader.advance();
    std::string raw;
    for (;;) {
        int c = m_reader.peek_raw();
        if (c == Reader::end_of_input)
            return fail_unterminated('\'', line);
        m_reader.advance_raw();
        if (c == '\'')
            break;
        raw.push_back(static_cast<char>(c));
        if (c == '\\' && m_reader.peek_raw() != Reader::end_of_input) {
            raw.push_back(static_cast<char>(m_reader.peek_raw()));
            m_reader.advance_raw();
        }
    }
    word.ensure_quoted_empty();
    word.add_text(decode_ansi_c(raw), true);
}

// Arithmetic text: like the inside of "…" ($, `, \ and nested "…" are special, ' is not), with
// parentheses counted, up to `end` (which is not consumed).
std::optional<Word> Lexer::lex_arithmetic_text(ArithEnd end, uint32_t start_line, ArithEnd* stopped) {
    static constexpr TextRules rules{false, false, true, "$`\"\\", false};
    DepthGuard guard(m_state, start_line, m_reader.position());
    if (!guard.ok())
        return std::nullopt;
    WordBuilder word;
    uint32_t begin = static_cast<uint32_t>(m_reader.position());
    uint32_t line = m_reader.line();
    uint32_t depth = 0;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input) {
            bool brace = end == ArithEnd::brace || end == ArithEnd::colon_or_brace;
            fail_unterminated(end == ArithEnd::bracket ? ']' : brace ? '}' : ')', start_line);
            return std::nullopt;
        }
        if (depth == 0) {
            bool at_end = false;
            switch (end) {
            case ArithEnd::double_paren:
            case ArithEnd::semicolon:
                if (c == ')' && m_reader.peek_at(1) == ')') {
                    at_end = true;
                    if (stopped)
                        *stopped = ArithEnd::double_paren;
                } else if (c == ';' && end == ArithEnd::semicolon) {
                    at_end = true;
                    if (stopped)
                        *stopped = ArithEnd::semicolon;
                }
                break;
            case ArithEnd::bracket:
                at_end = c == ']';
                break;
            case ArithEnd::colon_or_brace:
                at_end = c == ':' || c == '}';
                if (at_end && stopped)
                    *stopped = c == ':' ? ArithEnd::colon_or_brace : ArithEnd::brace;
                break;
            case ArithEnd::brace:
                at_end = c == '}';
                break;
            }
            if (at_end)
                break;
        }
        bool opens = end == ArithEnd::bracket ? c == '[' : c == '(';
        bool closes = end == ArithEnd::bracket ? c == ']' : c == ')';
        if (opens) {
            ++depth;
        } else if (closes) {
            if (depth == 0) {
                m_state.fail("syntax error near unexpected token `)'", m_reader.line(), m_reader.position());
                return std::nullopt;
            }
            --depth;
        }
        if (lex_quoting(word, c, rules, false)) {
            if (m_state.failed())
                return std::nullopt;
            continue;
        }
        word.add_char(static_cast<char>(c), false);
        m_reader.advance();
    }
    return word.finish({begin, static_cast<uint32_t>(m_reader.position()), line});
}

std::optional<Word> Lexer::lex_arithmetic_command(uint32_t start_line) {
    auto expression = lex_arithmetic_text(ArithEnd::double_paren, start_line);
    if (!expression)
        return std::nullopt;
    m_reader.advance();
    m_reader.advance();
    return expression;
}

std::optional<std::array<Word, 3>> Lexer::lex_arithmetic_for() {
    uint32_t line = m_reader.line();
    m_reader.advance();
    m_reader.advance();
    std::array<Word, 3> words;
    for (size_t i = 0; i < 3; ++i) {
        ArithEnd stopped = ArithEnd::double_paren;
        auto expression = lex_arithmetic_text(i < 2 ? ArithEnd::semicolon : ArithEnd::double_paren, line, &stopped);
        if (!expression)
            return std::nullopt;
        if (i < 2 && stopped != ArithEnd::semicolon) {
            m_state.fail("syntax error: arithmetic expression required", m_reader.line(), m_reader.position());
            return std::nullopt;
        }
        words[i] = std::move(*expression);
        m_reader.advance();
    }
    m_reader.advance();  // the second ')'
    return words;
}

}  // namespace sh
