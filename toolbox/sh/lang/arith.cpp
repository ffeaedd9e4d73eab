// arith.cpp — bash 5.2's expr.c as a recursive-descent evaluator without longjmp: the first error
// is kept and every level returns as soon as it sees one. The binary operators share one
// precedence-climbing loop rather than bash's function per level, which reads and evaluates in
// the same order (so errors and side effects are the same) with far fewer stack frames.
#include "sh/lang/arith.h"

#include <algorithm>

#include "sh/lang/arith_scanner.h"

namespace sh {
namespace {

using arith::Scanner;
using arith::Token;

// A name as read, for assigning to it later. Views into the expression being evaluated.
struct Operand {
    std::string_view name;
    std::optional<std::string_view> subscript;
    std::optional<Subscript> resolved;  // the element it read, when it was read
};

// One expression being evaluated: the top level, a variable's value or a subscript.
struct Level {
    explicit Level(std::string_view text) : scanner(text) {}
    Scanner scanner;
    int64_t value{0};  // bash's tokval: the current number, or the current name's value
    Operand operand;   // the most recent name
};

int precedence(Token token) {
    switch (token) {
        case Token::logical_or: return 1;
        case Token::logical_and: return 2;
        case Token::bit_or: return 3;
        case Token::bit_xor: return 4;
        case Token::bit_and: return 5;
        case Token::equal:
        case Token::not_equal: return 6;
        case Token::less:
        case Token::less_equal:
        case Token::greater:
        case Token::greater_equal: return 7;
        case Token::shift_left:
        case Token::shift_right: return 8;
        case Token::plus:
        case Token::minus: return 9;
        case Token::multiply:
        case Token::divide:
        case Token::modulo: return 10;
        case Token::power: return 11;
        default: return 0;
    }
}

// Wrapping arithmetic: bash's intmax_t overflow, which x86-64 and wasm both wrap. Shift counts
// are taken modulo 64, as both instruction sets do (so 1<<64 is 1, as bash prints).
int64_t wrap(uint64_t value) {
    return static_cast<int64_t>(value);
}

int64_t power_of(int64_t base, int64_t exponent) {
    uint64_t result = 1;
    uint64_t factor = static_cast<uint64_t>(base);
    for (uint64_t e = static_cast<uint64_t>(exponent); e != 0; e >>= 1) {
        if (e & 1)
            result *= factor;
        factor *= factor;
    }
    return wrap(result);
}

// Preconditions: `right` is not 0 for / and %.
int64_t apply(Token op, int64_t left, int64_t right) {
    uint64_t l = static_cast<uint64_t>(left);
    uint64_t r = static_cast<uint64_t>(right);
    switch (op) {
        case Token::plus: return wrap(l + r);
        case Token::minus: return wrap(l - r);
        case Token::multiply: return wrap(l * r);
        case Token::divide: return (left == INT64_MIN && right == -1) ? INT64_MIN : left / right;
        case Token::modulo: return (left == INT64_MIN && right == -1) ? 0 : left % right;
        case Token::shift_left: return wrap(l << (r & 63));
        case Token::shift_right: return left >> (r & 63);
        case Token::bit_and: return left & right;
        case Token::bit_or: return left | right;
        case Token::bit_xor: return left ^ right;
        case Token::equal: return left == right;
        case Token::not_equal: return left != right;
        case Token::less: return left < right;
        case Token::less_equal: return left <= right;
        case Token::greater: return left > right;
        case Token::greater_equal: return left >= right;
        case Token::logical_and: return left != 0 && right != 0;
        case Token::logical_or: return left != 0 || right != 0;
        default: return 0;
    }
}

class Evaluator {
public:
    Evaluator(ArithEnvironment& environment, const ArithLimits& limits)
        : m_environment(environment), m_limits(limits) {}

    // subexpr(): evaluates one expression text in a level of its own.
    int64_t evaluate(std::string_view text);

    bool failed() const { return m_error.has_value(); }
    ArithError take_error() { return std::move(*m_error); }

private:
    // Counts a recursion while it lasts; past the limit the evaluation fails.
    class Nesting {
    public:
        explicit Nesting(Evaluator& evaluator) : m_evaluator(evaluator) { ++m_evaluator.m_nesting; }
        ~Nesting() { --m_evaluator.m_nesting; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;
        // Preconditions: called once, before recursing.
        bool exceeded();

    private:
        Evaluator& m_evaluator;
    };

    int64_t comma();
    int64_t assignment();
    int64_t conditional();
    int64_t binary(int minimum_precedence);
    int64_t binary_step(Token op, int64_t left, int64_t right, size_t after_operator);
    int64_t unary();
    int64_t primary();
    int64_t increment(int64_t value, Token op);
    int64_t parenthesized();

    bool advance();
    int64_t variable_value(Operand& operand);
    std::optional<Subscript> resolve(const Operand& operand);
    void store(const Operand& target, int64_t value);

    Scanner& scanner() { return m_level->scanner; }
    Token current() { return m_level->scanner.current(); }
    bool suppressed() const { return m_suppressed > 0; }
    void fail(ArithError error);
    void fail_here(std::string_view message) { fail(scanner().error(message)); }

    ArithEnvironment& m_environment;
    const ArithLimits& m_limits;
    Level* m_level{nullptr};
    int m_depth{0};       // levels (bash's expr_depth)
    int m_nesting{0};     // every recursion, levels included
    int m_suppressed{0};  // bash's noeval: inside an unevaluated branch of && || ?:
    std::optional<ArithError> m_error;
};

bool Evaluator::Nesting::exceeded() {
    if (m_evaluator.m_nesting <= m_evaluator.m_limits.max_nesting)
        return false;
    m_evaluator.fail_here("expression recursion level exceeded");
    return true;
}

void Evaluator::fail(ArithError error) {
    if (!m_error)
        m_error = std::move(error);
}

int64_t Evaluator::evaluate(std::string_view text) {
    if (text.find_first_not_of(" \t\n") == std::string_view::npos)
        return 0;
    // Reported in the outer expression, at its current token, as bash's pushexp() does.
    if (m_level && m_depth >= m_limits.max_depth) {
        fail_here("expression recursion level exceeded");
        return 0;
    }
    Nesting nesting(*this);
    if (m_level && nesting.exceeded())
        return 0;
    Level level(text);
    Level* outer = m_level;
    m_level = &level;
    ++m_depth;
    int64_t value = 0;
    if (advance()) {
        value = comma();
        if (!failed() && current() != Token::end)
            fail_here("syntax error in expression");
    }
    --m_depth;
    m_level = outer;
    return value;
}

// Reads the next token; a name's variable is read now, unless `=` follows (it is about to be
// assigned) and it is not the operand of ++/--.
bool Evaluator::advance() {
    Token before = scanner().last();
    if (auto error = scanner().advance()) {
        fail(std::move(*error));
        return false;
    }
    if (current() == Token::number) {
        m_level->value = scanner().number();
    } else if (current() == Token::identifier) {
        m_level->operand = Operand{scanner().name(), scanner().subscript(), std::nullopt};
        bool increment_operand = before == Token::pre_increment || before == Token::pre_decrement;
        m_level->value = (increment_operand || !scanner().followed_by_assign()) ? variable_value(m_level->operand) : 0;
    }
    return !failed();
}

// expr_streval(): a variable's value, itself evaluated as an expression.
int64_t Evaluator::variable_value(Operand& operand) {
    if (suppressed())
        return 0;
    if (m_environment.unset_is_error() && !m_environment.exists(operand.name)) {
        fail(ArithError{ArithError::Kind::unbound_variable, std::string(operand.name) + ": unbound variable", {}});
        return 0;
    }
    std::optional<std::string> text;
    if (operand.subscript) {
        operand.resolved = resolve(operand);
        if (!operand.resolved)
            return 0;
        text = m_environment.get_element(operand.name, *operand.resolved);
    } else {
        text = m_environment.get(operand.name);
    }
    return (text && !text->empty()) ? evaluate(*text) : 0;
}

// The element name[…] refers to; nullopt when evaluating its index failed.
std::optional<Subscript> Evaluator::resolve(const Operand& operand) {
    Subscript subscript{std::string(*operand.subscript), std::nullopt};
    const std::string& key = subscript.key;
    if (m_environment.is_associative(operand.name) || key.empty() || key == "@" || key == "*")
        return subscript;
    int64_t index = evaluate(key);
    if (failed())
        return std::nullopt;
    subscript.index = index;
    return subscript;
}

// Assigns, reusing the element the operand read (x[i++] += 1 evaluates i++ once); a plain
// `name[…] = value` evaluates its subscript now, after the value, as bash does.
void Evaluator::store(const Operand& target, int64_t value) {
    std::optional<std::string> refusal;
    if (target.subscript) {
        std::optional<Subscript> element = target.resolved ? target.resolved : resolve(target);
        if (!element)
            return;
        refusal = m_environment.set_element(target.name, *element, value);
    } else {
        refusal = m_environment.set(target.name, value);
    }
    if (refusal)
        fail(ArithError{ArithError::Kind::assignment, std::move(*refusal), {}});
}

int64_t Evaluator::comma() {
    int64_t value = assignment();
    while (!failed() && current() == Token::comma) {
        if (!advance())
            return 0;
        value = assignment();
    }
    return failed() ? 0 : value;
}

int64_t Evaluator::assignment() {
    int64_t value = conditional();
    if (failed())
        return 0;
    Token token = current();
    if (token != Token::assign && token != Token::op_assign)
        return value;
    if (scanner().last() != Token::identifier) {
        fail_here("attempted assignment to non-variable");
        return 0;
    }
    Token op = token == Token::op_assign ? scanner().assign_operator() : Token::assign;
    Operand target = m_level->operand;
    Nesting nesting(*this);
    if (!advance() || nesting.exceeded())
        return 0;
    int64_t right = assignment();
    if (failed())
        return 0;
    if (op != Token::assign) {
        if ((op == Token::divide || op == Token::modulo) && right == 0) {
            if (!suppressed()) {
                fail_here("division by 0");
                return 0;
            }
            right = 1;
        }
        right = apply(op, value, right);
    }
    if (!suppressed())
        store(target, right);
    return failed() ? 0 : right;
}

// expr ? expr : expr; the branch not taken is parsed with evaluation off.
int64_t Evaluator::conditional() {
    int64_t condition = binary(1);
    if (failed() || current() != Token::question)
        return failed() ? 0 : condition;
    Nesting nesting(*this);
    if (nesting.exceeded())
        return 0;
    m_suppressed += condition == 0 ? 1 : 0;
    if (!advance())
        return 0;
    if (current() == Token::end || current() == Token::colon) {
        fail_here("expression expected");
        return 0;
    }
    int64_t then_value = comma();
    m_suppressed -= condition == 0 ? 1 : 0;
    if (failed())
        return 0;
    if (current() != Token::colon) {
        fail_here("`:' expected for conditional expression");
        return 0;
    }
    m_suppressed += condition != 0 ? 1 : 0;
    if (!advance())
        return 0;
    if (current() == Token::end) {
        fail_here("expression expected");
        return 0;
    }
    int64_t else_value = conditional();
    m_suppressed -= condition != 0 ? 1 : 0;
    scanner().set_last(Token::number);
    return failed() ? 0 : (condition != 0 ? then_value : else_value);
}

// Every binary operator from || (precedence 1) to ** (11); ** is right-associative.
int64_t Evaluator::binary(int minimum_precedence) {
    int64_t left = unary();
    while (!failed()) {
        Token op = current();
        int level = precedence(op);
        if (level == 0 || level < minimum_precedence)
            return left;
        size_t after_operator = scanner().position();
        bool skip = (op == Token::logical_or && left != 0) || (op == Token::logical_and && left == 0);
        m_suppressed += skip ? 1 : 0;
        if (!advance())
            return 0;
        int64_t right = 0;
        if (op == Token::power) {
            Nesting nesting(*this);
            if (nesting.exceeded())
                return 0;
            right = binary(level);
        } else {
            right = binary(level + 1);
        }
        m_suppressed -= skip ? 1 : 0;
        if (failed())
            return 0;
        left = binary_step(op, left, right, after_operator);
        scanner().set_last(Token::number);
    }
    return 0;
}

int64_t Evaluator::binary_step(Token op, int64_t left, int64_t right, size_t after_operator) {
    if (op == Token::power) {
        // bash checks the exponent even where evaluation is off.
        if (right < 0) {
            fail_here("exponent less than 0");
            return 0;
        }
        return right == 0 ? 1 : power_of(left, right);
    }
    if ((op == Token::divide || op == Token::modulo) && right == 0) {
        if (suppressed())
            return apply(op, left, 1);
        // The error token is what follows the operator.
        std::string_view text = scanner().text();
        size_t token = text.find_first_not_of(" \t", after_operator);
        fail(arith::expression_error(text, "division by 0", token == std::string_view::npos ? text.size() : token));
        return 0;
    }
    return apply(op, left, right);
}

int64_t Evaluator::unary() {
    Token op = current();
    if (op != Token::logical_not && op != Token::bit_not && op != Token::minus && op != Token::plus)
        return primary();
    Nesting nesting(*this);
    if (!advance() || nesting.exceeded())
        return 0;
    int64_t value = unary();
    if (failed())
        return 0;
    scanner().set_last(Token::number);
    switch (op) {
        case Token::logical_not: return value == 0;
        case Token::bit_not: return ~value;
        case Token::minus: return wrap(0 - static_cast<uint64_t>(value));
        default: return value;
    }
}

int64_t Evaluator::primary() {
    Token token = current();
    if (token == Token::pre_increment || token == Token::pre_decrement) {
        // bash marks the name as an increment operand, so its variable is read even before `=`.
        scanner().set_last(token);
        if (!advance())
            return 0;
        if (current() != Token::identifier) {
            fail_here("identifier expected after pre-increment or pre-decrement");
            return 0;
        }
        return increment(m_level->value, token == Token::pre_increment ? Token::plus : Token::minus);
    }
    if (token == Token::open_paren)
        return parenthesized();
    if (token != Token::number && token != Token::identifier) {
        fail_here("syntax error: operand expected");
        return 0;
    }
    int64_t value = m_level->value;
    if (!advance())
        return 0;
    if (token == Token::identifier && (current() == Token::post_increment || current() == Token::post_decrement)) {
        increment(value, current() == Token::post_increment ? Token::plus : Token::minus);
        return failed() ? 0 : value;
    }
    return value;
}

// Stores value±1 into the current operand and reads on; the result is no variable any more, so
// `x++ = 1` and `++x = 1` are assignments to a non-variable.
int64_t Evaluator::increment(int64_t value, Token op) {
    int64_t updated = apply(op, value, 1);
    if (!suppressed())
        store(m_level->operand, updated);
    if (failed())
        return 0;
    scanner().set_current(Token::number);
    if (!advance())
        return 0;
    return updated;
}

int64_t Evaluator::parenthesized() {
    Nesting nesting(*this);
    if (!advance() || nesting.exceeded())
        return 0;
    int64_t value = comma();
    if (failed())
        return 0;
    if (current() != Token::close_paren) {
        fail_here("missing `)'");
        return 0;
    }
    return advance() ? value : 0;
}

}  // namespace

std::string ArithError::to_string() const {
    return expression.empty() ? message : expression + ": " + message;
}

ArithResult evaluate_arithmetic(std::string_view expression, ArithEnvironment& environment,
                                const ArithLimits& limits) {
    ArithLimits checked = limits;
    checked.max_depth = std::max(checked.max_depth, 1);
    checked.max_nesting = std::max(checked.max_nesting, 1);
    Evaluator evaluator(environment, checked);
    int64_t value = evaluator.evaluate(expression);
    if (evaluator.failed())
        return evaluator.take_error();
    return value;
}

}  // namespace sh
