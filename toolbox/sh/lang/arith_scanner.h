// arith_scanner.h — the tokens of an arithmetic expression, read as bash 5.2's readtok() reads
// them. Internal to arith.cpp.
//
// Reading is context-sensitive, as in bash: `++` after a name is a post-increment, before a name
// a pre-increment, and otherwise two plus signs; a character that is no operator is "operand
// expected" where an operand was due and "invalid arithmetic operator" after one. A name looks
// ahead for a following `=` (then its variable is not read), and that look-ahead can itself fail.
// Thread safety: none needed; one scanner per expression being evaluated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sh/lang/arith.h"

namespace sh::arith {

enum class Token : uint8_t {
    end,
    number,
    identifier,
    assign,     // =
    op_assign,  // *= /= %= += -= <<= >>= &= ^= |=  (the operator is assign_operator())
    equal,
    not_equal,
    less_equal,
    greater_equal,
    less,
    greater,
    logical_and,
    logical_or,
    shift_left,
    shift_right,
    plus,
    minus,
    multiply,
    divide,
    modulo,
    power,
    logical_not,
    bit_not,
    bit_and,
    bit_or,
    bit_xor,
    open_paren,
    close_paren,
    question,
    colon,
    comma,
    pre_increment,
    pre_decrement,
    post_increment,
    post_decrement,
};

// bash's evalerror(): MESSAGE (error token is "…") in the expression `text`. The token is the text
// from `token_begin`; both stop at `cut`, because bash cuts the expression at the end of a number
// while it converts it.
ArithError expression_error(std::string_view text, std::string_view message, size_t token_begin,
                            size_t cut = std::string_view::npos);

class Scanner {
public:
    // Scans up to the first NUL, as bash's C strings end there.
    explicit Scanner(std::string_view text);

    // Reads the next token into current() (the previous one moves to last()).
    std::optional<ArithError> advance();

    Token current() const { return m_current; }
    Token last() const { return m_last; }
    // The evaluator rewrites these where bash does: after ++x, x++ and ?:.
    void set_current(Token token) { m_current = token; }
    void set_last(Token token) { m_last = token; }

    std::string_view text() const { return m_text; }
    // Just past the current token (bash's tp); where it began (bash's lasttp).
    size_t position() const { return m_position; }
    size_t token_begin() const { return m_token_begin; }
    // The error "MESSAGE (error token is …)" at the current token.
    ArithError error(std::string_view message) const;

    // Token::number: its value.
    int64_t number() const { return m_number; }
    // Token::op_assign: the operator, e.g. Token::plus for +=.
    Token assign_operator() const { return m_assign_operator; }
    // Token::identifier: the name, the text inside name[…] if any, and whether `=` follows.
    std::string_view name() const { return m_name; }
    std::optional<std::string_view> subscript() const { return m_subscript; }
    bool followed_by_assign() const { return m_followed_by_assign; }

private:
    struct Operator {
        Token token{Token::end};
        size_t length{1};
        Token assign_operator{Token::end};
    };
    struct Name {
        size_t end{0};
        size_t name_end{0};
        bool has_subscript{false};
    };

    std::optional<ArithError> read_identifier(size_t begin);
    std::optional<ArithError> read_number(size_t begin);
    std::optional<ArithError> read_operator(size_t begin);
    std::optional<ArithError> scan_name(size_t begin, Name& name);
    std::optional<ArithError> scan_operator(size_t begin, Token current, Token last, Operator& op);
    std::optional<ArithError> parse_number(size_t begin, size_t end, int64_t& value) const;
    std::optional<ArithError> peek_assign(size_t position, bool& assign);
    size_t skip_blanks(size_t position) const;

    std::string_view m_text;
    size_t m_position{0};
    size_t m_token_begin{0};
    Token m_current{Token::end};
    Token m_last{Token::end};
    int64_t m_number{0};
    Token m_assign_operator{Token::end};
    std::string_view m_name;
    std::optional<std::string_view> m_subscript;
    bool m_followed_by_assign{false};
};

}  // namespace sh::arith
