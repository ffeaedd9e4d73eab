// expr, as GNU coreutils: evaluates its arguments as one expression (| & comparisons + - * / %
// : match substr index length and + to quote a keyword), prints the value and exits 1 when it
// is null (0 or ""), 2 on usage and syntax errors. Integers are arbitrary precision, as
// coreutils' are (it links mini-gmp), so there is no overflow; ':' matches a basic regular
// expression anchored at the start of the string.
// applet: expr expr_main
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"
#include "lib/regex.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: expr EXPRESSION\n"
    "  or:  expr OPTION\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Print the value of EXPRESSION to standard output.  A blank line below\n"
    "separates increasing precedence groups.  EXPRESSION may be:\n"
    "\n"
    "  ARG1 | ARG2       ARG1 if it is neither null nor 0, otherwise ARG2\n"
    "\n"
    "  ARG1 & ARG2       ARG1 if neither argument is null or 0, otherwise 0\n"
    "\n"
    "  ARG1 < ARG2       ARG1 is less than ARG2\n"
    "  ARG1 <= ARG2      ARG1 is less than or equal to ARG2\n"
    "  ARG1 = ARG2       ARG1 is equal to ARG2\n"
    "  ARG1 != ARG2      ARG1 is unequal to ARG2\n"
    "  ARG1 >= ARG2      ARG1 is greater than or equal to ARG2\n"
    "  ARG1 > ARG2       ARG1 is greater than ARG2\n"
    "\n"
    "  ARG1 + ARG2       arithmetic sum of ARG1 and ARG2\n"
    "  ARG1 - ARG2       arithmetic difference of ARG1 and ARG2\n"
    "\n"
    "  ARG1 * ARG2       arithmetic product of ARG1 and ARG2\n"
    "  ARG1 / ARG2       arithmetic quotient of ARG1 divided by ARG2\n"
    "  ARG1 % ARG2       arithmetic remainder of ARG1 divided by ARG2\n"
    "\n"
    "  STRING : REGEXP   anchored pattern match of REGEXP in STRING\n"
    "\n"
    "  match STRING REGEXP        same as STRING : REGEXP\n"
    "  substr STRING POS LENGTH   substring of STRING, POS counted from 1\n"
    "  index STRING CHARS         index in STRING where any CHARS is found, or 0\n"
    "  length STRING              length of STRING\n"
    "  + TOKEN                    interpret TOKEN as a string, even if it is a\n"
    "                               keyword like 'match' or an operator like '/'\n"
    "\n"
    "  ( EXPRESSION )             value of EXPRESSION\n"
    "\n"
    "Beware that many operators need to be escaped or quoted for shells.\n"
    "Comparisons are arithmetic if both ARGs are numbers, else lexicographical.\n"
    "Pattern matches return the string matched between \\( and \\) or null; if\n"
    "\\( and \\) are not used, they return the number of characters matched or 0.\n"
    "\n"
    "Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null\n"
    "or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.\n";

// A signed decimal integer of any size: the magnitude's digits, most significant first, with
// no leading zeros ("" is zero).
struct Integer {
    bool negative{false};
    std::string digits;

    bool zero() const { return digits.empty(); }
    std::string text() const { return zero() ? "0" : (negative ? "-" : "") + digits; }
};

int compare_magnitude(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}

std::string strip_zeros(std::string digits) {
    size_t first = digits.find_first_not_of('0');
    return first == std::string::npos ? std::string() : digits.substr(first);
}

std::string add_magnitude(const std::string& a, const std::string& b) {
    std::string sum;
    int carry = 0;
    for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        int digit = carry;
        if (i < a.size())
            digit += a[a.size() - 1 - i] - '0';
        if (i < b.size())
            digit += b[b.size() - 1 - i] - '0';
        sum.push_back(static_cast<char>('0' + digit % 10));
        carry = digit / 10;
    }
    std::reverse(sum.begin(), sum.end());
    return strip_zeros(sum);
}

// a - b, with |a| >= |b|.
std::string subtract_magnitude(const std::string& a, const std::string& b) {
    std::string difference;
    int borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int digit = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
        borrow = digit < 0;
        difference.push_back(static_cast<char>('0' + (digit + 10) % 10));
    }
    std::reverse(difference.begin(), difference.end());
    return strip_zeros(difference);
}

Integer add(const Integer& a, const Integer& b) {
    if (a.negative == b.negative)
        return {a.negative, add_magnitude(a.digits, b.digits)};
    int order = compare_magnitude(a.digits, b.digits);
    if (order == 0)
        return {};
    if (order > 0)
        return {a.negative, subtract_magnitude(a.digits, b.digits)};
    return {b.negative, subtract_magnitude(b.digits, a.digits)};
}

Integer negate(Integer a) {
    if (!a.zero())
        a.negative = !a.negative;
    return a;
}

Integer multiply(const Integer& a, const Integer& b) {
    if (a.zero() || b.zero())
        return {};
    std::vector<int> product(a.digits.size() + b.digits.size(), 0);
    for (size_t i = a.digits.size(); i-- > 0;)
        for (size_t j = b.digits.size(); j-- > 0;)
            product[i + j + 1] += (a.digits[i] - '0') * (b.digits[j] - '0');
    for (size_t k = product.size(); k-- > 1;) {
        product[k - 1] += product[k] / 10;
        product[k] %= 10;
    }
    std::string digits;
    for (int digit : product)
        digits.push_back(static_cast<char>('0' + digit));
    return {a.negative != b.negative, strip_zeros(digits)};
}

// Truncating division (mpz_tdiv_qr): the quotient rounds toward zero, the remainder takes the
// dividend's sign. `b` is not zero.
void divide(const Integer& a, const Integer& b, Integer& quotient, Integer& remainder) {
    std::string current, digits;
    for (char c : a.digits) {
        current = strip_zeros(current + c);
        int count = 0;
        while (compare_magnitude(current, b.digits) >= 0) {
            current = subtract_magnitude(current, b.digits);
            ++count;
        }
        digits.push_back(static_cast<char>('0' + count));
    }
    quotient = {a.negative != b.negative, strip_zeros(digits)};
    if (quotient.zero())
        quotient.negative = false;
    remainder = {a.negative, current};
    if (remainder.zero())
        remainder.negative = false;
}

// expr's looks_like_integer: an optional '-' and one or more digits, nothing else.
bool looks_like_integer(std::string_view text) {
    if (!text.empty() && text[0] == '-')
        text.remove_prefix(1);
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Integer integer_from(std::string_view text) {
    Integer value;
    value.negative = text[0] == '-';
    value.digits = strip_zeros(std::string(value.negative ? text.substr(1) : text));
    if (value.zero())
        value.negative = false;
    return value;
}

// An expression's value: an integer, or a string (which may look like one).
struct Value {
    bool is_integer{false};
    Integer number;
    std::string string;

    static Value of(Integer n) { return Value{true, std::move(n), {}}; }
    static Value of(std::string s) { return Value{false, {}, std::move(s)}; }
    static Value of(int64_t n) { return of(integer_from(std::to_string(n))); }

    std::string text() const { return is_integer ? number.text() : string; }
    // expr's null(): integer zero, "", or a string of zeros with an optional leading '-'.
    bool null() const {
        if (is_integer)
            return number.zero();
        if (string.empty())
            return true;
        std::string_view rest = string;
        if (rest[0] == '-')
            rest.remove_prefix(1);
        return !rest.empty() && rest.find_first_not_of('0') == std::string_view::npos;
    }
    bool to_integer() {
        if (is_integer)
            return true;
        if (!looks_like_integer(string))
            return false;
        number = integer_from(string);
        is_integer = true;
        return true;
    }
};

// Errors end evaluation with a message and an exit status.
struct Failure {
    std::string message;
    int status{2};
};

class Evaluator {
public:
    explicit Evaluator(std::vector<std::string_view> args) : m_args(std::move(args)) {}

    Value run() {
        Value value = disjunction(true);
        if (!m_failed && m_at < m_args.size())
            fail("syntax error: unexpected argument " + quote(m_args[m_at]));
        return value;
    }
    const Failure& failure() const { return m_failure; }
    bool failed() const { return m_failed; }

private:
    // Records the first error; the callers unwind, checking m_failed after each step.
    Value fail(std::string message, int status = 2) {
        if (!m_failed)
            m_failure = {std::move(message), status};
        m_failed = true;
        return {};
    }

    bool next_is(std::string_view word) {
        if (m_at < m_args.size() && m_args[m_at] == word) {
            ++m_at;
            return true;
        }
        return false;
    }

    Value disjunction(bool evaluate);
    Value conjunction(bool evaluate);
    Value comparison(bool evaluate);
    Value sum(bool evaluate);
    Value product(bool evaluate);
    Value match_chain(bool evaluate);
    Value unary(bool evaluate);
    Value primary(bool evaluate);
    Value match(const Value& string, const Value& pattern);
    bool require_integers(Value& left, Value& right) {
        if (!left.to_integer() || !right.to_integer()) {
            fail("non-integer argument");
            return false;
        }
        return true;
    }

    std::vector<std::string_view> m_args;
    size_t m_at{0};
    Failure m_failure;
    bool m_failed{false};
};

Value Evaluator::disjunction(bool evaluate) {
    Value left = conjunction(evaluate);
    if (m_failed)
        return {};
    while (next_is("|")) {
        Value right = conjunction(evaluate && left.null());
        if (m_failed)
            return {};
        if (left.null())
            left = right.null() ? Value::of(int64_t{0}) : right;
    }
    return left;
}

Value Evaluator::conjunction(bool evaluate) {
    Value left = comparison(evaluate);
    if (m_failed)
        return {};
    while (next_is("&")) {
        Value right = comparison(evaluate && !left.null());
        if (m_failed)
            return {};
        if (left.null() || right.null())
            left = Value::of(int64_t{0});
    }
    return left;
}

Value Evaluator::comparison(bool evaluate) {
    Value left = sum(evaluate);
    if (m_failed)
        return {};
    while (true) {
        std::string_view op;
        for (std::string_view candidate : {"<", "<=", "=", "==", "!=", ">=", ">"})
            if (next_is(candidate)) {
                op = candidate;
                break;
            }
        if (op.empty())
            return left;
        Value right = sum(evaluate);
        if (m_failed)
            return {};
        if (!evaluate)
            continue;
        std::string a = left.text(), b = right.text();
        int order;
        if (looks_like_integer(a) && looks_like_integer(b)) {
            Integer difference = add(integer_from(a), negate(integer_from(b)));
            order = difference.zero() ? 0 : difference.negative ? -1 : 1;
        } else {
            order = a.compare(b);
        }
        bool result = op == "<" ? order < 0 : op == "<=" ? order <= 0 : op == "=" || op == "==" ? order == 0
                    : op == "!=" ? order != 0 : op == ">=" ? order >= 0 : order > 0;
        left = Value::of(int64_t{result});
    }
}

Value Evaluator::sum(bool evaluate) {
    Value left = product(evaluate);
    if (m_failed)
        return {};
    while (true) {
        bool plus = next_is("+");
        if (!plus && !next_is("-"))
            return left;
        Value right = product(evaluate);
        if (m_failed)
            return {};
        if (!evaluate)
            continue;
        if (!require_integers(left, right))
            return {};
        left = Value::of(add(left.number, plus ? right.number : negate(right.number)));
    }
}

Value Evaluator::product(bool evaluate) {
    Value left = match_chain(evaluate);
    if (m_failed)
        return {};
    while (true) {
        char op = next_is("*") ? '*' : next_is("/") ? '/' : next_is("%") ? '%' : 0;
        if (!op)
            return left;
        Value right = match_chain(evaluate);
        if (m_failed)
            return {};
        if (!evaluate)
            continue;
        if (!require_integers(left, right))
            return {};
        if (op == '*') {
            left = Value::of(multiply(left.number, right.number));
            continue;
        }
        if (right.number.zero())
            return fail("division by zero");
        Integer quotient, remainder;
        divide(left.number, right.number, quotient, remainder);
        left = Value::of(op == '/' ? quotient : remainder);
    }
}

Value Evaluator::match_chain(bool evaluate) {
    Value left = unary(evaluate);
    if (m_failed)
        return {};
    while (next_is(":")) {
        Value right = unary(evaluate);
        if (m_failed)
            return {};
        if (evaluate)
            left = match(left, right);
    }
    return left;
}

// docolon(): the match must start at the string's start; \( \) gives the group's text.
Value Evaluator::match(const Value& string, const Value& pattern) {
    std::string error;
    auto regex = Regex::compile(pattern.text(), {.syntax = RegexSyntax::basic}, error);
    if (!regex)
        return fail(error);
    std::string text = string.text();
    std::vector<RegexSpan> groups;
    bool found = regex->search(text, 0, groups) && groups[0].begin == 0;
    if (regex->group_count() > 0) {
        if (!found || !groups[1].matched())
            return Value::of(std::string());
        return Value::of(text.substr(static_cast<size_t>(groups[1].begin),
                                     static_cast<size_t>(groups[1].end - groups[1].begin)));
    }
    return Value::of(int64_t{found ? groups[0].end : 0});
}

// substr's POS and LENGTH as coreutils' getsize(): negative values are invalid (SIZE_MAX),
// values past the range are "very large" (SIZE_MAX - 1).
uint64_t size_of(const Integer& n) {
    if (n.negative)
        return UINT64_MAX;
    if (n.zero())
        return 0;
    if (compare_magnitude(n.digits, "18446744073709551615") >= 0)
        return UINT64_MAX - 1;
    return std::stoull(n.digits);
}

Value Evaluator::unary(bool evaluate) {
    if (next_is("+")) {
        if (m_at >= m_args.size())
            return fail("syntax error: missing argument after " + quote(m_args[m_at - 1]));
        return Value::of(std::string(m_args[m_at++]));
    }
    if (next_is("length")) {
        Value operand = unary(evaluate);
        if (m_failed)
            return {};
        return Value::of(static_cast<int64_t>(operand.text().size()));
    }
    if (next_is("match")) {
        Value string = unary(evaluate);
        if (m_failed)
            return {};
        Value pattern = unary(evaluate);
        if (m_failed)
            return {};
        return evaluate ? match(string, pattern) : Value::of(int64_t{0});
    }
    if (next_is("index")) {
        std::string string = unary(evaluate).text();
        if (m_failed)
            return {};
        std::string chars = unary(evaluate).text();
        if (m_failed)
            return {};
        size_t at = string.find_first_of(chars);
        return Value::of(static_cast<int64_t>(at == std::string::npos ? 0 : at + 1));
    }
    if (next_is("substr")) {
        std::string string = unary(evaluate).text();
        if (m_failed)
            return {};
        Value position = unary(evaluate);
        if (m_failed)
            return {};
        Value length = unary(evaluate);
        if (m_failed)
            return {};
        if (!position.to_integer() || !length.to_integer())
            return Value::of(std::string());
        uint64_t pos = size_of(position.number), count = size_of(length.number);
        if (string.size() < pos || pos == 0 || count == 0 || count == UINT64_MAX)
            return Value::of(std::string());
        return Value::of(string.substr(pos - 1, std::min<uint64_t>(count, string.size() - pos + 1)));
    }
    return primary(evaluate);
}

Value Evaluator::primary(bool evaluate) {
    if (m_at >= m_args.size())
        return fail("syntax error: missing argument after " + quote(m_args[m_at - 1]));
    if (next_is("(")) {
        Value value = disjunction(evaluate);
        if (m_failed)
            return {};
        if (next_is(")"))
            return value;
        if (m_at >= m_args.size())
            return fail("syntax error: expecting ')' after " + quote(m_args[m_at - 1]));
        return fail("syntax error: expecting ')' instead of " + quote(m_args[m_at]));
    }
    if (next_is(")"))
        return fail("syntax error: unexpected ')'");
    return Value::of(std::string(m_args[m_at++]));
}

// expr takes --help and --version (or unique abbreviations) only as its sole argument.
bool is_option(std::string_view word, std::string_view option) {
    return word.size() >= 3 && option.starts_with(word);
}

}  // namespace

int expr_main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.size() == 1 && is_option(args[0], "--help"))
        return print_usage(k_usage);
    if (args.size() == 1 && is_option(args[0], "--version"))
        return print_version("expr");
    if (!args.empty() && args[0] == "--")
        args.erase(args.begin());
    if (args.empty())
        return missing_operand("expr", 2);
    Evaluator evaluator(std::move(args));
    Value value = evaluator.run();
    if (evaluator.failed()) {
        write_all(2, "expr: " + evaluator.failure().message + "\n");
        return evaluator.failure().status;
    }
    if (!write_all(1, value.text() + "\n"))
        return 3;
    return value.null() ? 1 : 0;
}

}  // namespace toolbox
