// arith_scanner.cpp — bash 5.2's readtok() and strlong(), as values instead of longjmps.
#include "sh/lang/arith_scanner.h"

#include <string>

namespace sh::arith {
namespace {

// cr_whitespace() in expr.c: the blanks between tokens, newlines included.
bool is_token_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_name_start(char c) {
    return is_alpha(c) || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || is_digit(c);
}

// What a number token may contain, and what may follow base#.
bool is_number_char(char c) {
    return is_alpha(c) || is_digit(c) || c == '_' || c == '@';
}

// _is_arithop(): the characters that are operators on their own.
bool is_operator_char(char c) {
    return std::string_view("=><+-*/%!()&|^~?:,").find(c) != std::string_view::npos;
}

Token single_char_token(char c) {
    switch (c) {
        case '=': return Token::assign;
        case '>': return Token::greater;
        case '<': return Token::less;
        case '+': return Token::plus;
        case '-': return Token::minus;
        case '*': return Token::multiply;
        case '/': return Token::divide;
        case '%': return Token::modulo;
        case '!': return Token::logical_not;
        case '(': return Token::open_paren;
        case ')': return Token::close_paren;
        case '&': return Token::bit_and;
        case '|': return Token::bit_or;
        case '^': return Token::bit_xor;
        case '~': return Token::bit_not;
        case '?': return Token::question;
        case ':': return Token::colon;
        default: return Token::comma;
    }
}

// The value of one digit in bash's digit set: 0-9, then a-z, then A-Z (the same as a-z up to
// base 36), then @ and _.
int digit_value(char c, int base) {
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + (base <= 36 ? 10 : 36);
    return c == '@' ? 62 : 63;
}

// The index of the `]` that closes the `[` at `open`, skipping nested brackets, backslash escapes
// and quoted strings (bash's skipsubscript()); npos when there is none.
size_t find_subscript_end(std::string_view text, size_t open) {
    int depth = 1;
    for (size_t i = open + 1; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            ++i;
        } else if (c == '\'' || c == '"') {
            size_t close = i + 1;
            while (close < text.size() && text[close] != c)
                close += (c == '"' && text[close] == '\\') ? 2 : 1;
            i = close;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']' && --depth == 0) {
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

ArithError expression_error(std::string_view text, std::string_view message, size_t token_begin, size_t cut) {
    text = text.substr(0, cut);
    std::string_view token = token_begin < text.size() ? text.substr(token_begin) : std::string_view();
    size_t first = text.find_first_not_of(" \t");
    ArithError error;
    error.kind = ArithError::Kind::expression;
    error.expression = std::string(first == std::string_view::npos ? std::string_view() : text.substr(first));
    error.message = std::string(message) + " (error token is \"" + std::string(token) + "\")";
    return error;
}

Scanner::Scanner(std::string_view text) : m_text(text.substr(0, text.find('\0'))) {}

ArithError Scanner::error(std::string_view message) const {
    return expression_error(m_text, message, m_token_begin);
}

size_t Scanner::skip_blanks(size_t position) const {
    while (position < m_text.size() && is_token_blank(m_text[position]))
        ++position;
    return position;
}

std::optional<ArithError> Scanner::advance() {
    size_t begin = skip_blanks(m_position);
    if (begin == m_text.size()) {
        // bash leaves lasttp on the last real token, which is what errors at the end show.
        m_last = m_current;
        m_current = Token::end;
        m_position = begin;
        return std::nullopt;
    }
    m_token_begin = begin;
    char c = m_text[begin];
    if (is_name_start(c))
        return read_identifier(begin);
    if (is_digit(c))
        return read_number(begin);
    return read_operator(begin);
}

std::optional<ArithError> Scanner::scan_name(size_t begin, Name& name) {
    size_t end = begin + 1;
    while (end < m_text.size() && is_name_char(m_text[end]))
        ++end;
    name = Name{end, end, false};
    if (end < m_text.size() && m_text[end] == '[') {
        size_t close = find_subscript_end(m_text, end);
        if (close == std::string_view::npos) {
            m_token_begin = begin;
            return error("bad array subscript");
        }
        name.end = close + 1;
        name.has_subscript = true;
    }
    return std::nullopt;
}

std::optional<ArithError> Scanner::read_identifier(size_t begin) {
    Name scanned;
    if (auto failure = scan_name(begin, scanned))
        return failure;
    bool assign = false;
    if (auto failure = peek_assign(scanned.end, assign))
        return failure;
    m_token_begin = begin;
    m_name = m_text.substr(begin, scanned.name_end - begin);
    m_subscript = std::nullopt;
    if (scanned.has_subscript)
        m_subscript = m_text.substr(scanned.name_end + 1, scanned.end - scanned.name_end - 2);
    m_followed_by_assign = assign;
    m_last = m_current;
    m_current = Token::identifier;
    m_position = scanned.end;
    return std::nullopt;
}

// bash reads the token after a name (with evaluation off) to learn whether it is `=`; when that
// token is a name it looks past it in turn. Lexical errors on the way are reported there.
std::optional<ArithError> Scanner::peek_assign(size_t position, bool& assign) {
    assign = false;
    for (;;) {
        size_t begin = skip_blanks(position);
        if (begin == m_text.size())
            return std::nullopt;
        m_token_begin = begin;
        char c = m_text[begin];
        if (is_name_start(c)) {
            Name scanned;
            if (auto failure = scan_name(begin, scanned))
                return failure;
            position = scanned.end;
            continue;
        }
        if (is_digit(c)) {
            size_t end = begin;
            while (end < m_text.size() && (is_number_char(m_text[end]) || m_text[end] == '#'))
                ++end;
            int64_t ignored = 0;
            return parse_number(begin, end, ignored);
        }
        Operator op;
        if (auto failure = scan_operator(begin, Token::identifier, Token::end, op))
            return failure;
        assign = op.token == Token::assign;
        return std::nullopt;
    }
}

std::optional<ArithError> Scanner::read_number(size_t begin) {
    size_t end = begin;
    while (end < m_text.size() && (is_number_char(m_text[end]) || m_text[end] == '#'))
        ++end;
    int64_t value = 0;
    if (auto failure = parse_number(begin, end, value))
        return failure;
    m_number = value;
    m_last = m_current;
    m_current = Token::number;
    m_position = end;
    return std::nullopt;
}

// strlong(): 0x hex, 0 octal, base#digits, else decimal; digits beyond the base are an error and
// the value wraps around like bash's intmax_t arithmetic.
std::optional<ArithError> Scanner::parse_number(size_t begin, size_t end, int64_t& value) const {
    auto fail = [&](std::string_view message) { return expression_error(m_text, message, begin, end); };
    std::string_view digits = m_text.substr(begin, end - begin);
    size_t i = 0;
    uint64_t base = 10;
    bool found_base = false;
    if (digits[0] == '0') {
        if (digits.size() == 1) {
            value = 0;
            return std::nullopt;
        }
        bool hex = digits[1] == 'x' || digits[1] == 'X';
        base = hex ? 16 : 8;
        i = hex ? 2 : 1;
        found_base = true;
    }
    uint64_t accumulated = 0;
    for (; i < digits.size(); ++i) {
        char c = digits[i];
        if (c == '#') {
            if (found_base)
                return fail("invalid number");
            if (accumulated < 2 || accumulated > 64)
                return fail("invalid arithmetic base");
            base = accumulated;
            accumulated = 0;
            found_base = true;
            if (i + 1 == digits.size() || !is_number_char(digits[i + 1]))
                return fail("invalid integer constant");
            continue;
        }
        uint64_t digit = static_cast<uint64_t>(digit_value(c, static_cast<int>(base)));
        if (digit >= base)
            return fail("value too great for base");
        accumulated = accumulated * base + digit;
    }
    value = static_cast<int64_t>(accumulated);
    return std::nullopt;
}

std::optional<ArithError> Scanner::read_operator(size_t begin) {
    Operator op;
    if (auto failure = scan_operator(begin, m_current, m_last, op))
        return failure;
    m_assign_operator = op.assign_operator;
    m_last = m_current;
    m_current = op.token;
    m_position = begin + op.length;
    return std::nullopt;
}

// The operator at `begin`, given the tokens before it (bash's curtok and lasttok).
std::optional<ArithError> Scanner::scan_operator(size_t begin, Token current, Token last, Operator& op) {
    auto at = [&](size_t i) { return i < m_text.size() ? m_text[i] : '\0'; };
    char c = at(begin);
    char next = at(begin + 1);
    auto two = [&](Token token) { op = Operator{token, 2, Token::end}; };
    auto shift = [&](Token token) {
        if (at(begin + 2) == '=')
            op = Operator{Token::op_assign, 3, token};
        else
            op = Operator{token, 2, Token::end};
    };
    if (c == '=' && next == '=') {
        two(Token::equal);
    } else if (c == '!' && next == '=') {
        two(Token::not_equal);
    } else if (c == '>' && next == '=') {
        two(Token::greater_equal);
    } else if (c == '<' && next == '=') {
        two(Token::less_equal);
    } else if (c == '<' && next == '<') {
        shift(Token::shift_left);
    } else if (c == '>' && next == '>') {
        shift(Token::shift_right);
    } else if (c == '&' && next == '&') {
        two(Token::logical_and);
    } else if (c == '|' && next == '|') {
        two(Token::logical_or);
    } else if (c == '*' && next == '*') {
        two(Token::power);
    } else if ((c == '-' || c == '+') && next == c && current == Token::identifier) {
        two(c == '-' ? Token::post_decrement : Token::post_increment);
    } else if ((c == '-' || c == '+') && next == c && current == Token::number &&
               (last == Token::pre_increment || last == Token::pre_decrement)) {
        // --x++: the value of --x is no variable to increment.
        return error(c == '-' ? "--: assignment requires lvalue" : "++: assignment requires lvalue");
    } else if ((c == '-' || c == '+') && next == c) {
        // A pre-increment only when a name follows; otherwise two signs, as in `--5`.
        if (is_name_start(at(skip_blanks(begin + 2))))
            two(c == '-' ? Token::pre_decrement : Token::pre_increment);
        else
            op = Operator{single_char_token(c), 1, Token::end};
    } else if (next == '=' && std::string_view("*/%+-&^|").find(c) != std::string_view::npos) {
        op = Operator{Token::op_assign, 2, single_char_token(c)};
    } else if (!is_operator_char(c)) {
        bool operand_due = current != Token::number && current != Token::identifier;
        return error(operand_due ? "syntax error: operand expected" : "syntax error: invalid arithmetic operator");
    } else {
        op = Operator{single_char_token(c), 1, Token::end};
    }
    return std::nullopt;
}

}  // namespace sh::arith
