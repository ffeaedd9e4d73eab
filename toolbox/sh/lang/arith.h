// arith.h — bash arithmetic: $((…)), ((…)), let, array subscripts and ${x:offset:length}.
//
// Integers are 64-bit and wrap around; every C operator is there with C's precedence, plus `**`.
// Constants are decimal, 0x hex, 0 octal or base#digits (2..64; digits 0-9 a-z A-Z @ _). A name
// stands for its variable, whose value is itself evaluated as an expression (an unset or empty
// variable is 0); name[expr] is an array element. && || and ?: evaluate only the branch they
// need, so the other branch neither assigns nor fails on division by zero.
//
// This mirrors bash 5.2's expr.c closely enough that values, side effects and error messages are
// the same: the error token is the rest of the expression from the token bash had just read, and
// a message names the (sub)expression it happened in, which for a variable's value is that value.
// The shell prints "NAME: line N: " + ArithError::to_string().
//
// Usage:
//     MapEnvironment variables;   // some ArithEnvironment
//     ArithResult result = evaluate_arithmetic("x += 2, x * 3", variables);
//     if (!result.ok()) report(result.error().to_string());
//
// Thread safety: none needed; an evaluation only touches its arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sh {

// Which element name[…] refers to. `key` is the text between the brackets. `index` is that text
// evaluated as arithmetic, present only for an indexed array whose key is not empty, "@" or "*"
// (bash reports "bad array subscript" for those, and an associative array's key is not evaluated).
// A negative index counts from the end, as in bash; resolving it is the environment's job.
struct Subscript {
    std::string key;
    std::optional<int64_t> index;
};

// The variables an expression reads and assigns; the shell implements it over its own.
class ArithEnvironment {
public:
    virtual ~ArithEnvironment() = default;

    // A scalar's value, or element 0 of an array; nullopt when unset.
    virtual std::optional<std::string> get(std::string_view name) = 0;
    virtual std::optional<std::string> get_element(std::string_view name, const Subscript& subscript) = 0;

    // Assignments return nullopt, or the refusal as the shell words it ("r: readonly variable"),
    // which ends the evaluation. A complaint that should not end it (bash goes on after
    // "a: bad array subscript") is the environment's to print.
    virtual std::optional<std::string> set(std::string_view name, int64_t value) = 0;
    virtual std::optional<std::string> set_element(std::string_view name, const Subscript& subscript,
                                                   int64_t value) = 0;

    // Whether name[…] takes a string key (declare -A).
    virtual bool is_associative(std::string_view /*name*/) { return false; }
    // set -u: reading a variable that does not exist is an error.
    virtual bool unset_is_error() { return false; }
    // Whether the variable exists at all; only asked under set -u. An array without element 0
    // exists, so environments with arrays should override this.
    virtual bool exists(std::string_view name) { return get(name).has_value(); }
};

struct ArithError {
    enum class Kind : uint8_t {
        expression,        // bash's evalerror: syntax, division by 0, bad base, recursion…
        unbound_variable,  // set -u; fatal in a non-interactive bash
        assignment,        // the environment refused an assignment
    };
    Kind kind{Kind::expression};
    // "division by 0 (error token is \"0\")", or a whole message ("y: unbound variable").
    std::string message;
    // The expression being evaluated when it failed, leading blanks removed; empty for the kinds
    // other than `expression`.
    std::string expression;

    // "EXPRESSION: MESSAGE", or MESSAGE alone when there is no expression.
    std::string to_string() const;
};

class [[nodiscard]] ArithResult {
public:
    ArithResult(int64_t value) : m_state(value) {}
    ArithResult(ArithError error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<int64_t>(m_state); }
    // Preconditions: ok().
    int64_t value() const { return std::get<int64_t>(m_state); }
    // Preconditions: !ok().
    const ArithError& error() const { return std::get<ArithError>(m_state); }

private:
    std::variant<int64_t, ArithError> m_state;
};

struct ArithLimits {
    // Nested evaluations (a variable whose value names a variable…), bash's
    // MAX_EXPR_RECURSION_LEVEL; beyond it: "expression recursion level exceeded".
    int max_depth{1024};
    // Everything that recurses while parsing (evaluations, parentheses, unary operators, the
    // right-hand sides of = ?: and **), so that no expression can exhaust the stack (bash itself
    // would crash); beyond it, the same error. Each costs about 0.4 KB of stack at -O2, natively
    // and in wasm's shadow stack (2 KB under ASan), so the default needs about 1 MB; a wasm
    // program linked with wasm-ld's default 64 KB stack should lower it to about 128.
    int max_nesting{2048};
};

// Evaluates `expression` (already expanded: no $ or quotes left to process). Blank is 0.
ArithResult evaluate_arithmetic(std::string_view expression, ArithEnvironment& environment,
                                const ArithLimits& limits = {});

}  // namespace sh
