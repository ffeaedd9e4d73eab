// test, [ and [[ ]].
#include <charconv>
#include <regex.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/builtins/test_expression.h"
#include "sh/expand.h"
#include "sh/lang_bridge.h"
#include "sh/trace.h"

namespace sh {

namespace {

bool is_unary(std::string_view op) {
    return op.size() == 2 && op[0] == '-' && std::string_view("abcdefghknoprstuvwxzGLNOS").find(op[1]) != std::string_view::npos;
}

bool is_binary(std::string_view op) {
    static constexpr std::string_view k_ops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "=~"};
    for (auto candidate : k_ops)
        if (op == candidate)
            return true;
    return false;
}

}  // namespace

bool variable_is_set(Shell& shell, const std::string& text) {
    size_t bracket = text.find('[');
    const Variable* variable = shell.variables.find(text.substr(0, bracket));
    if (!variable)
        return false;
    if (bracket == std::string::npos || text.back() != ']')
        return variable->is_set();
    std::string key = text.substr(bracket + 1, text.size() - bracket - 2);
    if (key == "@" || key == "*")
        return !variable->keys().empty();
    if (!variable->is_assoc()) {
        auto index = arithmetic(shell, key);
        if (!index)
            return false;
        key = std::to_string(*index);
    }
    return variable->element(key).has_value();
}

namespace {

bool file_test(Shell& shell, char op, const std::string& path) {
    struct stat status;
    if (op == 'L' || op == 'h')
        return ::lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
    if (op == 't') {
        int fd = 0;
        std::from_chars(path.data(), path.data() + path.size(), fd);
        return sx_isatty(fd) == 1;
    }
    if (op == 'v')
        return variable_is_set(shell, path);
    if (op == 'o')
        return set_option_value(shell, path).value_or(false);
    if (op == 'r' || op == 'w' || op == 'x')
        return ::access(path.c_str(), op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
    if (::stat(path.c_str(), &status) != 0)
        return false;
    switch (op) {
    case 'a': case 'e': return true;
    case 'f': return S_ISREG(status.st_mode);
    case 'd': return S_ISDIR(status.st_mode);
    case 'b': return S_ISBLK(status.st_mode);
    case 'c': return S_ISCHR(status.st_mode);
    case 'p': return S_ISFIFO(status.st_mode);
    case 'S': return S_ISSOCK(status.st_mode);
    case 's': return status.st_size > 0;
    case 'g': return status.st_mode & S_ISGID;
    case 'u': return status.st_mode & S_ISUID;
    case 'k': return status.st_mode & S_ISVTX;
    case 'O': return status.st_uid == getuid();
    case 'G': return status.st_gid == getgid();
    case 'N': return status.st_mtim.tv_sec > status.st_atim.tv_sec;
    default: return false;
    }
}

// 1 true, 0 false, -1 error (reported).
int unary(Shell& shell, std::string_view op, const std::string& operand) {
    if (op == "-z") return operand.empty();
    if (op == "-n") return !operand.empty();
    return file_test(shell, op[1], operand);
}

std::optional<int64_t> integer(Shell& shell, const std::string& text, std::string_view builtin) {
    std::string_view trimmed = text;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
    if (!trimmed.empty() && trimmed[0] == '+') trimmed.remove_prefix(1);
    int64_t value = 0;
    auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || error != std::errc{} || end != trimmed.data() + trimmed.size()) {
        builtin_error(shell, builtin, text + ": integer expression expected");
        return std::nullopt;
    }
    return value;
}

int64_t modified_time(const std::string& path, bool& exists) {
    struct stat status;
    exists = ::stat(path.c_str(), &status) == 0;
    return exists ? status.st_mtim.tv_sec * 1000000000LL + status.st_mtim.tv_nsec : 0;
}

int binary(Shell& shell, std::string_view op, const std::string& left, const std::string& right,
           std::string_view builtin, bool arithmetic_operands) {
    if (op == "=" || op == "==") return left == right;
    if (op == "!=") return left != right;
    if (op == "<") return left < right;
    if (op == ">") return left > right;
    if (op == "-nt" || op == "-ot") {
        bool left_exists, right_exists;
        int64_t a = modified_time(left, left_exists), b = modified_time(right, right_exists);
        if (op == "-nt") return left_exists && (!right_exists || a > b);
        return right_exists && (!left_exists || a < b);
    }
    if (op == "-ef") {
        struct stat a, b;
        return ::stat(left.c_str(), &a) == 0 && ::stat(right.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
    }
    std::optional<int64_t> a, b;
    if (arithmetic_operands) {
        // [[ ]]: operands are arithmetic; an error makes the test false (status 1), not 2.
        a = arithmetic(shell, left.empty() ? "0" : left, "[[");
        b = a ? arithmetic(shell, right.empty() ? "0" : right, "[[") : std::nullopt;
        if (!a || !b)
            return 0;
    } else {
        a = integer(shell, left, builtin);
        b = a ? integer(shell, right, builtin) : std::nullopt;
    }
    if (!a || !b) return -1;
    if (op == "-eq") return *a == *b;
    if (op == "-ne") return *a != *b;
    if (op == "-lt") return *a < *b;
    if (op == "-le") return *a <= *b;
    if (op == "-gt") return *a > *b;
    return *a >= *b;
}

// test's full grammar for more than four arguments: -o, -a, !, ( ).
class TestParser {
public:
    TestParser(Shell& shell, const std::vector<std::string>& args, std::string_view name)
        : m_shell(shell), m_args(args), m_name(name) {}

    int parse() {
        int result = disjunction();
        if (result >= 0 && m_pos != m_args.size()) {
            builtin_error(m_shell, m_name, "too many arguments");
            return -1;
        }
        return result;
    }

private:
    int disjunction() {
        int left = conjunction();
        while (left >= 0 && peek("-o")) {
            ++m_pos;
            int right = conjunction();
            if (right < 0) return -1;
            left = left || right;
        }
        return left;
    }
    int conjunction() {
        int left = negation();
        while (left >= 0 && peek("-a")) {
            ++m_pos;
            int right = negation();
            if (right < 0) return -1;
            left = left && right;
        }
        return left;
    }
    int negation() {
        if (peek("!")) {
            ++m_pos;
            int value = negation();
            return value < 0 ? -1 : !value;
        }
        return primary();
    }
    int primary() {
        if (m_pos >= m_args.size()) {
            builtin_error(m_shell, m_name, "argument expected");
            return -1;
        }
        if (peek("(")) {
            ++m_pos;
            int value = disjunction();
            if (!peek(")")) {
                builtin_error(m_shell, m_name, "`)' expected");
                return -1;
            }
            ++m_pos;
            return value;
        }
        if (m_pos + 2 < m_args.size() && is_binary(m_args[m_pos + 1]) && m_args[m_pos + 1] != "=~") {
            int value = binary(m_shell, m_args[m_pos + 1], m_args[m_pos], m_args[m_pos + 2], m_name, false);
            m_pos += 3;
            return value;
        }
        if (is_unary(m_args[m_pos]) && m_pos + 1 < m_args.size()) {
            int value = unary(m_shell, m_args[m_pos], m_args[m_pos + 1]);
            m_pos += 2;
            return value;
        }
        return !m_args[m_pos++].empty();
    }
    bool peek(std::string_view token) const { return m_pos < m_args.size() && m_args[m_pos] == token; }

    Shell& m_shell;
    const std::vector<std::string>& m_args;
    std::string_view m_name;
    size_t m_pos{0};
};

int run_test(Shell& shell, std::vector<std::string> args, std::string_view name) {
    int result;
    size_t n = args.size();
    if (n == 0) {
        result = 0;
    } else if (n == 1) {
        result = !args[0].empty();
    } else if (n == 2 && args[0] == "!") {
        result = args[1].empty();
    } else if (n == 2 && is_unary(args[0])) {
        result = unary(shell, args[0], args[1]);
    } else if (n == 2) {
        builtin_error(shell, name, args[0] + ": unary operator expected");
        return 2;
    } else if (n == 3 && is_binary(args[1]) && args[1] != "=~") {
        result = binary(shell, args[1], args[0], args[2], name, false);
    } else if (n == 3 && args[0] == "!") {
        result = run_test(shell, {args[1], args[2]}, name);
        return result == 2 ? 2 : !result;
    } else if (n == 3 && args[0] == "(" && args[2] == ")") {
        result = !args[1].empty();
    } else if (n == 3) {
        builtin_error(shell, name, args[1] + ": binary operator expected");
        return 2;
    } else if (n == 4 && args[0] == "!") {
        int inner = run_test(shell, {args[1], args[2], args[3]}, name);
        return inner == 2 ? 2 : (inner == 0 ? 1 : 0);
    } else {
        result = TestParser(shell, args, name).parse();
    }
    if (result < 0)
        return 2;
    return result ? 0 : 1;
}

bool regex_match(Shell& shell, const std::string& text, const std::string& pattern, int& status) {
    regex_t compiled;
    int flags = REG_EXTENDED | (shell.options.nocasematch ? REG_ICASE : 0);
    if (regcomp(&compiled, pattern.c_str(), flags) != 0) {
        status = 2;
        return false;
    }
    regmatch_t matches[10];
    bool matched = regexec(&compiled, text.c_str(), 10, matches, 0) == 0;
    shell.variables.unset("BASH_REMATCH");
    Variable& rematch = shell.variables.declare("BASH_REMATCH", false);
    rematch.attributes |= attribute::indexed_array;
    if (matched)
        for (size_t i = 0; i <= compiled.re_nsub && i < 10; ++i)
            rematch.set_element(std::to_string(i), matches[i].rm_so < 0 ? "" : text.substr(matches[i].rm_so, matches[i].rm_eo - matches[i].rm_so));
    regfree(&compiled);
    return matched;
}

}  // namespace

int builtin_test(Shell& shell, std::vector<std::string>& argv) {
    return run_test(shell, {argv.begin() + 1, argv.end()}, "test");
}

int builtin_bracket(Shell& shell, std::vector<std::string>& argv) {
    if (argv.back() != "]") {
        builtin_error(shell, "[", "missing `]'");
        return 2;
    }
    return run_test(shell, {argv.begin() + 1, argv.end() - 1}, "[");
}

namespace {

// set -x shows each test [[ ]] makes as it makes it, its operands expanded: "[[ -n x ]]",
// "[[ ! a == b ]]"; an empty operand shows as ''.
void trace_test(Shell& shell, bool negated, std::initializer_list<std::string_view> parts) {
    if (!shell.options.xtrace)
        return;
    std::string text = negated ? "[[ !" : "[[";
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string_view part = parts.begin()[i];
        bool operand = !(parts.size() == 3 && i == 1) && !(parts.size() == 2 && i == 0);
        text += ' ';
        text += operand && part.empty() ? "''" : std::string(part);
    }
    trace_line(shell, text + " ]]");
}

int evaluate(Shell& shell, const CondExpression& expression, bool negated);

int evaluate_binary(Shell& shell, const CondExpression& expression, bool negated) {
    auto left = expand_string(shell, expression.left);
    if (!left) return 2;
    const std::string& op = expression.op;
    if (op == "==" || op == "=" || op == "!=") {
        std::string shown;
        auto pattern = expand_pattern(shell, expression.right, PatternSyntax::glob, &shown);
        if (!pattern) return 2;
        trace_test(shell, negated, {*left, op, shown});
        bool matched = pattern_matches(shell, *pattern, *left, true);
        return (op == "!=" ? !matched : matched) ? 0 : 1;
    }
    if (op == "=~") {
        auto pattern = expand_pattern(shell, expression.right, PatternSyntax::regex);
        if (!pattern) return 2;
        trace_test(shell, negated, {*left, op, *pattern});
        // Quoted parts match literally: the expander escaped them with backslashes already.
        int status = 0;
        bool matched = regex_match(shell, *left, *pattern, status);
        return status == 2 ? 2 : (matched ? 0 : 1);
    }
    auto right = expand_string(shell, expression.right);
    if (!right) return 2;
    trace_test(shell, negated, {*left, op, *right});
    int value = binary(shell, op, *left, *right, "[[", true);
    return value < 0 ? 2 : (value ? 0 : 1);
}

// `negated`: under a `!`, which the trace of a test shows.
int evaluate(Shell& shell, const CondExpression& expression, bool negated) {
    using Kind = CondExpression::Kind;
    switch (expression.kind) {
    case Kind::negation: {
        int value = evaluate(shell, *expression.first, !negated);
        return value == 2 ? 2 : !value;
    }
    case Kind::conjunction: {
        int left = evaluate(shell, *expression.first, false);
        return left != 0 ? left : evaluate(shell, *expression.second, false);
    }
    case Kind::disjunction: {
        int left = evaluate(shell, *expression.first, false);
        return left == 0 ? 0 : evaluate(shell, *expression.second, false);
    }
    case Kind::word: {
        auto text = expand_string(shell, expression.left);
        if (!text) return 2;
        trace_test(shell, negated, {"-n", *text});
        return text->empty() ? 1 : 0;
    }
    case Kind::unary: {
        auto operand = expand_string(shell, expression.left);
        if (!operand) return 2;
        trace_test(shell, negated, {expression.op, *operand});
        return unary(shell, expression.op, *operand) ? 0 : 1;
    }
    case Kind::binary:
        return evaluate_binary(shell, expression, negated);
    }
    return 2;
}

}  // namespace

int evaluate_conditional(Shell& shell, const CondExpression& expression) { return evaluate(shell, expression, false); }

}  // namespace sh
