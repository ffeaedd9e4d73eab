// lexer_word.cpp — words: quoting (XCU 2.2), tildes (2.6.1), extglob groups, assignments and
// arrays. The $ forms are in lexer_dollar.cpp.
#include <cstring>

#include "sh/lang/chars.h"
#include "sh/lang/lexer.h"

namespace sh {

namespace {

bool contains(std::string_view set, int c) {
    return c >= 0 && set.find(static_cast<char>(c)) != std::string_view::npos;
}

// Characters of a tilde-prefix that names a user (or ~+ ~- and ~+2 for the directory stack).
bool is_tilde_user_char(int c) { return is_name_char(c) || c == '.' || c == '-' || c == '+'; }

}  // namespace

// Whether the text ahead is `name=`, `name+=` or `name[subscript]=` (or +=), without reading it.
bool Lexer::assignment_ahead(LexContext context, size_t& name_length) const {
    Reader::Cursor cursor = m_reader.cursor();
    if (!is_name_start(cursor.peek()))
        return false;
    name_length = 0;
    while (is_name_char(cursor.peek())) {
        cursor.advance();
        ++name_length;
    }
    auto equals_follows = [&] {
        if (cursor.peek() == '+')
            cursor.advance();
        return cursor.peek() == '=';
    };
    if (cursor.peek() != '[')
        return equals_follows();
    // bash reads a[i + 1]=x as one word only where an assignment can be (its matched-pair read).
    cursor.advance();
    uint32_t depth = 1;
    while (depth > 0) {
        int c = cursor.peek();
        if (c == Reader::end_of_input || c == '\n')
            return false;
        if (!context.prefix && (is_blank(c) || is_metachar(c)))
            return false;
        if (c == '\\') {
            cursor.advance_escaped();
            continue;
        }
        if (c == '\'' || c == '"') {
            cursor.advance();
            while (cursor.peek() != c) {
                if (cursor.peek() == Reader::end_of_input)
                    return false;
                if (c == '"' && cursor.peek() == '\\')
                    cursor.advance_escaped();
                else
                    cursor.advance();
            }
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        }
        cursor.advance();
    }
    return equals_follows();
}

std::unique_ptr<Assignment> Lexer::lex_assignment(LexContext context) {
    size_t name_length = 0;
    if (!assignment_ahead(context, name_length))
        return nullptr;
    auto result = std::make_unique<Assignment>();
    Assignment& assignment = *result;
    uint32_t line = m_reader.line();
    size_t begin = m_reader.position();
    for (size_t i = 0; i < name_length; ++i) {
        assignment.name.push_back(static_cast<char>(m_reader.peek()));
        m_reader.advance();
    }
    if (m_reader.peek() == '[') {
        m_reader.advance();
        auto index = lex_subscript(line);
        if (!index)
            return nullptr;
        assignment.index = std::make_unique<Word>(std::move(*index));
    }
    if (m_reader.peek() == '+') {
        assignment.append = true;
        m_reader.advance();
    }
    m_reader.advance();  // '='
    assignment.trace_text = m_reader.slice(begin, m_reader.position());
    if ((context.prefix || context.declaration) && m_reader.peek() == '(') {
        lex_array(assignment);
        if (assignment.array) {
            assignment.trace_text += '(';
            for (const auto& element : *assignment.array)
                assignment.trace_text.append(m_reader.slice(element.span.begin, element.span.end)) += ' ';
            if (assignment.trace_text.back() == ' ')
                assignment.trace_text.pop_back();
            assignment.trace_text += ')';
        }
        return result;
    }
    WordBuilder value;
    uint32_t value_begin = static_cast<uint32_t>(m_reader.position());
    uint32_t value_line = m_reader.line();
    lex_word(value, context, true);
    assignment.value = value.finish({value_begin, static_cast<uint32_t>(m_reader.position()), value_line});
    return result;
}

// name=( a b [k]=v ): words up to the `)`, across lines, with comments.
void Lexer::lex_array(Assignment& assignment) {
    uint32_t line = m_reader.line();
    m_reader.advance();  // '('
    std::vector<Word> elements;
    for (;;) {
        int c = m_reader.peek();
        while (is_blank(c) || c == '\n') {
            m_reader.advance();
            c = m_reader.peek();
        }
        if (c == '#') {
            skip_blanks_and_comment();
            continue;
        }
        if (c == Reader::end_of_input)
            return fail_unterminated(')', line);
        if (c == ')') {
            m_reader.advance();
            break;
        }
        if (is_metachar(c) && !((c == '<' || c == '>') && m_reader.peek_at(1) == '(')) {
            Token op;
            lex_operator(op);
            m_state.fail("syntax error near unexpected token `" + op.text + "'", m_reader.line(),
                         m_reader.position(), false, std::string(m_reader.line_containing(m_reader.position())));
            return;
        }
        WordBuilder element;
        uint32_t begin = static_cast<uint32_t>(m_reader.position());
        uint32_t element_line = m_reader.line();
        lex_word(element, LexContext{}, false);
        if (m_state.failed())
            return;
        elements.push_back(element.finish({begin, static_cast<uint32_t>(m_reader.position()), element_line}));
    }
    assignment.array = std::move(elements);
}

// After `[` (of an assignment or ${a[…]}): the subscript up to the matching `]`, consumed.
std::optional<Word> Lexer::lex_subscript(uint32_t line) {
    TextRules rules;
    WordBuilder word;
    uint32_t begin = static_cast<uint32_t>(m_reader.position());
    uint32_t depth = 0;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input) {
            fail_unterminated(']', line);
            return std::nullopt;
        }
        if (c == ']' && depth == 0)
            break;
        if (c == '[')
            ++depth;
        else if (c == ']')
            --depth;
        if (lex_quoting(word, c, rules, false)) {
            if (m_state.failed())
                return std::nullopt;
            continue;
        }
        word.add_char(static_cast<char>(c), false);
        m_reader.advance();
    }
    Word result = word.finish({begin, static_cast<uint32_t>(m_reader.position()), line});
    m_reader.advance();  // ']'
    return result;
}

// An unquoted word up to a blank, newline or operator character.
void Lexer::lex_word(WordBuilder& word, LexContext context, bool assignment_value) {
    const TextRules rules;
    bool extglob = m_state.options.extglob || context.pattern;
    bool at_start = true;
    bool after_colon = false;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input || c == '\n' || is_blank(c))
            return;
        if (is_metachar(c)) {
            if ((c == '<' || c == '>') && m_reader.peek_at(1) == '(') {
                lex_process_substitution(word);
            } else if (context.regex && c == '(') {
                lex_paren_group(word);
            } else if (context.regex && c == '|') {
                word.add_char('|', false);
                m_reader.advance();
            } else {
                return;
            }
            if (m_state.failed())
                return;
            at_start = after_colon = false;
            continue;
        }
        if (extglob && std::strchr("?*+@!", c) && m_reader.peek_at(1) == '(') {
            word.add_char(static_cast<char>(c), false);
            m_reader.advance();
            lex_paren_group(word);
            if (m_state.failed())
                return;
            at_start = after_colon = false;
            continue;
        }
        if (c == '~' && (at_start || (assignment_value && after_colon)) && lex_tilde(word, assignment_value, 0)) {
            at_start = after_colon = false;
            continue;
        }
        at_start = false;
        after_colon = false;
        if (lex_quoting(word, c, rules, false)) {
            if (m_state.failed())
                return;
            continue;
        }
        after_colon = c == ':';
        word.add_char(static_cast<char>(c), false);
        m_reader.advance();
    }
}

// Quotes, backslashes, $ and ` at `c` (the current character); false when `c` is none of them
// (or a quote these rules take literally).
bool Lexer::lex_quoting(WordBuilder& word, int c, const TextRules& rules, bool in_double_quotes) {
    switch (c) {
    case '\\':
        lex_backslash(word, rules);
        return true;
    case '\'':
        if (!rules.single_quotes)
            return false;
        lex_single_quoted(word);
        return true;
    case '"':
        if (!rules.double_quotes)
            return false;
        lex_double_quoted(word);
        return true;
    case '`':
        lex_backquote(word, in_double_quotes);
        return true;
    case '$':
        lex_dollar(word, in_double_quotes, rules.dollar_quotes);
        return true;
    default:
        return false;
    }
}

void Lexer::lex_backslash(WordBuilder& word, const TextRules& rules) {
    m_reader.advance();
    int next = m_reader.peek_raw();
    if (next == Reader::end_of_input) {
        word.add_char('\\', rules.quoted);
        return;
    }
    if (rules.escapable.empty() || contains(rules.escapable, next)) {
        word.add_char(static_cast<char>(next), true);
        m_reader.advance_raw();
        return;
    }
    // Inside "…" (and here-documents) a backslash before anything else is itself.
    word.add_char('\\', rules.quoted);
}

void Lexer::lex_single_quoted(WordBuilder& word) {
    uint32_t line = m_reader.line();
    m_reader.advance();
    std::string text;
    for (;;) {
        int c = m_reader.peek_raw();
        if (c == Reader::end_of_input)
            return fail_unterminated('\'', line);
        m_reader.advance_raw();
        if (c == '\'')
            break;
        text.push_back(static_cast<char>(c));
    }
    word.ensure_quoted_empty();
    word.add_text(text, true);
}

void Lexer::lex_double_quoted(WordBuilder& word) {
    static constexpr TextRules rules{true, false, false, "$`\"\\", false};
    uint32_t line = m_reader.line();
    DepthGuard guard(m_state, line, m_reader.position());
    if (!guard.ok())
        return;
    m_reader.advance();
    size_t parts_before = word.part_count();
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input)
            return fail_unterminated('"', line);
        if (c == '"') {
            m_reader.advance();
            break;
        }
        if (lex_quoting(word, c, rules, true)) {
            if (m_state.failed())
                return;
            continue;
        }
        word.add_char(static_cast<char>(c), true);
        m_reader.advance();
    }
    if (word.part_count() == parts_before)
        word.ensure_quoted_empty();
}

// `…`: the text up to the closing backquote with \$ \` \\ (and \" inside "…") unescaped, parsed
// as a program of its own (XCU 2.6.3).
void Lexer::lex_backquote(WordBuilder& word, bool in_double_quotes) {
    uint32_t line = m_reader.line();
    m_reader.advance();
    std::string text;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input)
            return fail_unterminated('`', line);
        m_reader.advance();
        if (c == '`')
            break;
        if (c == '\\') {
            int next = m_reader.peek_raw();
            if (next == '$' || next == '`' || next == '\\' || (in_double_quotes && next == '"')) {
                text.push_back(static_cast<char>(next));
                m_reader.advance_raw();
                continue;
            }
        }
        text.push_back(static_cast<char>(c));
    }
    DepthGuard guard(m_state, line, m_reader.position());
    if (!guard.ok())
        return;
    auto program = m_nested.parse_text(text, line);
    word.add(CommandSubstitution{std::move(program), std::move(text), in_double_quotes, true, line});
}

// `(` … `)` of an extglob pattern or a =~ regex: one word whatever it holds, parentheses nested.
void Lexer::lex_paren_group(WordBuilder& word) {
    const TextRules rules;
    uint32_t line = m_reader.line();
    word.add_char('(', false);
    m_reader.advance();
    uint32_t depth = 1;
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input)
            return fail_unterminated(')', line);
        if (c == '(')
            ++depth;
        if (c == ')' && --depth == 0) {
            word.add_char(')', false);
            m_reader.advance();
            return;
        }
        if (lex_quoting(word, c, rules, false)) {
            if (m_state.failed())
                return;
            continue;
        }
        word.add_char(static_cast<char>(c), false);
        m_reader.advance();
    }
}

// ~ or ~user, when what follows ends the tilde-prefix: a `/`, the end of the word, a `:` in an
// assignment, or `terminator` (the `}` of ${x:-~}). Otherwise the ~ is ordinary text.
bool Lexer::lex_tilde(WordBuilder& word, bool assignment_value, int terminator) {
    Reader::Cursor cursor = m_reader.cursor();
    cursor.advance();
    std::string user;
    while (is_tilde_user_char(cursor.peek())) {
        user.push_back(static_cast<char>(cursor.peek()));
        cursor.advance();
    }
    int c = cursor.peek();
    bool ends = c == '/' || is_word_break(c) || (assignment_value && c == ':') || (terminator && c == terminator);
    if (!ends)
        return false;
    for (size_t i = 0; i <= user.size(); ++i)
        m_reader.advance();
    word.add(Tilde{std::move(user)});
    return true;
}

namespace {

void append_part(WordBuilder& word, WordPart part) {
    if (auto* literal = std::get_if<Literal>(&part)) {
        if (literal->quoted)
            word.ensure_quoted_empty();
        word.add_text(literal->text, literal->quoted);
        return;
    }
    word.add(std::move(part));
}

void append_word(WordBuilder& word, Word& value) {
    for (auto& part : value.parts)
        append_part(word, std::move(part));
}

}  // namespace

Word assignment_to_word(Assignment assignment) {
    WordBuilder word;
    word.add_text(assignment.name, false);
    if (assignment.index) {
        word.add_char('[', false);
        append_word(word, *assignment.index);
        word.add_char(']', false);
    }
    word.add_text(assignment.append ? "+=" : "=", false);
    if (assignment.value) {
        append_word(word, *assignment.value);
    } else if (assignment.array) {
        word.add_char('(', false);
        bool first = true;
        for (auto& element : *assignment.array) {
            if (!first)
                word.add_char(' ', false);
            first = false;
            append_word(word, element);
        }
        word.add_char(')', false);
    }
    return word.finish(assignment.span);
}

}  // namespace sh
