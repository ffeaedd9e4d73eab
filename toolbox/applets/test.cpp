// test and [, as GNU coreutils (the shell has its own builtin with bash's messages; this is the
// applet scripts reach through env, find -exec, xargs and the like). POSIX's rules by argument
// count (0 to 4), then a recursive-descent grammar with -o, -a, ! and ( ); file tests, string
// and integer comparisons (integers of any length, as coreutils compares digit strings, and
// -l STRING for a length). Exit 0 true, 1 false, 2 on a syntax error.
// The shell's evaluator stays separate: it answers with bash's wording and knows shell state
// (-o OPTION, -v NAME), which coreutils' test does not.
// applet: test test_main
// applet: [ bracket_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: test EXPRESSION\n"
    "  or:  test\n"
    "  or:  [ EXPRESSION ]\n"
    "  or:  [ ]\n"
    "  or:  [ OPTION\n"
    "Exit with the status determined by EXPRESSION.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "An omitted EXPRESSION defaults to false.  Otherwise,\n"
    "EXPRESSION is true or false and sets exit status.  It is one of:\n"
    "\n"
    "  ( EXPRESSION )               EXPRESSION is true\n"
    "  ! EXPRESSION                 EXPRESSION is false\n"
    "  EXPRESSION1 -a EXPRESSION2   both EXPRESSION1 and EXPRESSION2 are true\n"
    "  EXPRESSION1 -o EXPRESSION2   either EXPRESSION1 or EXPRESSION2 is true\n"
    "\n"
    "  -n STRING            the length of STRING is nonzero\n"
    "  STRING               equivalent to -n STRING\n"
    "  -z STRING            the length of STRING is zero\n"
    "  STRING1 = STRING2    the strings are equal\n"
    "  STRING1 != STRING2   the strings are not equal\n"
    "\n"
    "  INTEGER1 -eq INTEGER2   INTEGER1 is equal to INTEGER2\n"
    "  INTEGER1 -ge INTEGER2   INTEGER1 is greater than or equal to INTEGER2\n"
    "  INTEGER1 -gt INTEGER2   INTEGER1 is greater than INTEGER2\n"
    "  INTEGER1 -le INTEGER2   INTEGER1 is less than or equal to INTEGER2\n"
    "  INTEGER1 -lt INTEGER2   INTEGER1 is less than INTEGER2\n"
    "  INTEGER1 -ne INTEGER2   INTEGER1 is not equal to INTEGER2\n"
    "\n"
    "  FILE1 -ef FILE2   FILE1 and FILE2 have the same device and inode numbers\n"
    "  FILE1 -nt FILE2   FILE1 is newer (modification date) than FILE2\n"
    "  FILE1 -ot FILE2   FILE1 is older than FILE2\n"
    "\n"
    "  -b FILE     FILE exists and is block special\n"
    "  -c FILE     FILE exists and is character special\n"
    "  -d FILE     FILE exists and is a directory\n"
    "  -e FILE     FILE exists\n"
    "  -f FILE     FILE exists and is a regular file\n"
    "  -g FILE     FILE exists and is set-group-ID\n"
    "  -G FILE     FILE exists and is owned by the effective group ID\n"
    "  -h FILE     FILE exists and is a symbolic link (same as -L)\n"
    "  -k FILE     FILE exists and has its sticky bit set\n"
    "  -L FILE     FILE exists and is a symbolic link (same as -h)\n"
    "  -N FILE     FILE exists and has been modified since it was last read\n"
    "  -O FILE     FILE exists and is owned by the effective user ID\n"
    "  -p FILE     FILE exists and is a named pipe\n"
    "  -r FILE     FILE exists and the user has read access\n"
    "  -s FILE     FILE exists and has a size greater than zero\n"
    "  -S FILE     FILE exists and is a socket\n"
    "  -t FD       file descriptor FD is opened on a terminal\n"
    "  -u FILE     FILE exists and its set-user-ID bit is set\n"
    "  -w FILE     FILE exists and the user has write access\n"
    "  -x FILE     FILE exists and the user has execute (or search) access\n"
    "\n"
    "Except for -h and -L, all FILE-related tests dereference symbolic links.\n"
    "Beware that parentheses need to be escaped (e.g., by backslashes) for shells.\n"
    "INTEGER may also be -l STRING, which evaluates to the length of STRING.\n"
    "\n"
    "NOTE: Binary -a and -o are inherently ambiguous.  Use 'test EXPR1 && test\n"
    "EXPR2' or 'test EXPR1 || test EXPR2' instead.\n"
    "\n"
    "NOTE: [ honors the --help and --version options, but test does not.\n"
    "test treats each of those as it treats any other nonempty STRING.\n";

int compare_timespec(const timespec& a, const timespec& b) {
    if (a.tv_sec != b.tv_sec)
        return a.tv_sec < b.tv_sec ? -1 : 1;
    return a.tv_nsec < b.tv_nsec ? -1 : a.tv_nsec > b.tv_nsec ? 1 : 0;
}

// Compares two integer strings as find_int() leaves them: optional '-', digits, then maybe blanks.
int compare_integers(std::string_view a, std::string_view b) {
    auto normalize = [](std::string_view text, bool& negative) {
        negative = !text.empty() && text[0] == '-';
        if (negative)
            text.remove_prefix(1);
        size_t end = text.find_first_not_of("0123456789");
        text = text.substr(0, end);
        size_t first = text.find_first_not_of('0');
        text = first == std::string_view::npos ? std::string_view() : text.substr(first);
        if (text.empty())
            negative = false;
        return text;
    };
    bool a_negative = false, b_negative = false;
    std::string_view x = normalize(a, a_negative), y = normalize(b, b_negative);
    if (a_negative != b_negative)
        return a_negative ? -1 : 1;
    int order = x.size() != y.size() ? (x.size() < y.size() ? -1 : 1) : x.compare(y);
    order = order < 0 ? -1 : order > 0 ? 1 : 0;
    return a_negative ? -order : order;
}

class TestEvaluator {
public:
    TestEvaluator(std::string_view program, std::vector<std::string_view> args)
        : m_program(program), m_args(std::move(args)), m_argc(static_cast<int>(m_args.size())) {}

    // 0 true, 1 false, 2 after a reported syntax error.
    int run() {
        m_pos = 1;
        if (m_pos >= m_argc)
            return 1;
        bool value = posix_test(m_argc - 1);
        if (!m_failed && m_pos != m_argc)
            syntax_error("extra argument " + quote(m_args[static_cast<size_t>(m_pos)]));
        if (m_failed)
            return 2;
        return value ? 0 : 1;
    }

private:
    std::string_view arg(int at) const {
        return at >= 0 && at < m_argc ? m_args[static_cast<size_t>(at)] : std::string_view();
    }
    bool is(int at, std::string_view word) const { return at < m_argc && arg(at) == word; }

    // Reports the first error; the evaluation then unwinds with m_failed set.
    bool syntax_error(const std::string& message) {
        if (!m_failed)
            write_all(2, std::string(m_program) + ": " + message + "\n");
        m_failed = true;
        m_pos = m_argc;
        return false;
    }
    bool beyond() { return syntax_error("missing argument after " + quote(arg(m_argc - 1))); }
    void advance(bool need_more) {
        ++m_pos;
        if (need_more && m_pos >= m_argc)
            beyond();
    }

    std::optional<std::string> find_int(std::string_view text);
    static bool is_binary(std::string_view op);
    static bool is_unary(std::string_view op);
    bool binary_operator(bool left_is_length);
    bool unary_operator();
    bool file_test(char op, const std::string& name);
    bool one_argument() { return !arg(m_pos++).empty(); }
    bool two_arguments();
    bool three_arguments();
    bool four_arguments();
    bool posix_test(int count);
    bool expression();
    bool disjunction();
    bool conjunction();
    bool term();

    std::string_view m_program;
    std::vector<std::string_view> m_args;
    int m_argc;
    int m_pos{1};
    bool m_failed{false};
};

// Leading blanks, an optional sign, digits, trailing blanks; the number without '+' and blanks.
std::optional<std::string> TestEvaluator::find_int(std::string_view text) {
    size_t at = 0;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
        ++at;
    std::string number;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        if (text[at] == '-')
            number.push_back('-');
        ++at;
    }
    size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
        ++at;
    if (at > digits) {
        number += text.substr(digits, at - digits);
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
            ++at;
        if (at == text.size())
            return number;
    }
    syntax_error("invalid integer " + quote(text));
    return std::nullopt;
}

bool TestEvaluator::is_binary(std::string_view op) {
    for (std::string_view candidate : {"=", "!=", "==", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"})
        if (op == candidate)
            return true;
    return false;
}

bool TestEvaluator::is_unary(std::string_view op) {
    return op.size() == 2 && op[0] == '-' && std::string_view("bcdefghknprstuwxzGLOSN").find(op[1]) != std::string_view::npos;
}

bool TestEvaluator::binary_operator(bool left_is_length) {
    if (left_is_length)
        advance(false);
    int op = m_pos + 1;
    bool right_is_length = op < m_argc - 2 && is(op + 1, "-l");
    if (right_is_length)
        advance(false);
    std::string_view name = arg(op);
    if (name == "-eq" || name == "-ne" || name == "-lt" || name == "-le" || name == "-gt" || name == "-ge") {
        std::optional<std::string> left =
            left_is_length ? std::optional<std::string>(std::to_string(arg(op - 1).size())) : find_int(arg(op - 1));
        if (!left)
            return false;
        std::optional<std::string> right =
            right_is_length ? std::optional<std::string>(std::to_string(arg(op + 2).size())) : find_int(arg(op + 1));
        if (!right)
            return false;
        int order = compare_integers(*left, *right);
        m_pos += 3;
        if (name == "-eq") return order == 0;
        if (name == "-ne") return order != 0;
        if (name == "-lt") return order < 0;
        if (name == "-le") return order <= 0;
        if (name == "-gt") return order > 0;
        return order >= 0;
    }
    if (name == "-nt" || name == "-ot" || name == "-ef") {
        m_pos += 3;
        if (left_is_length || right_is_length)
            return syntax_error(std::string(name) + " does not accept -l");
        struct stat left {}, right {};
        bool left_ok = ::stat(std::string(arg(op - 1)).c_str(), &left) == 0;
        bool right_ok = ::stat(std::string(arg(op + 1)).c_str(), &right) == 0;
        if (name == "-ef")
            return left_ok && right_ok && left.st_dev == right.st_dev && left.st_ino == right.st_ino;
        if (name == "-nt")
            return left_ok && (!right_ok || compare_timespec(left.st_mtim, right.st_mtim) > 0);
        return right_ok && (!left_ok || compare_timespec(left.st_mtim, right.st_mtim) < 0);
    }
    bool value = name == "!=" ? arg(m_pos) != arg(m_pos + 2) : arg(m_pos) == arg(m_pos + 2);
    m_pos += 3;
    return value;
}

bool TestEvaluator::file_test(char op, const std::string& name) {
    struct stat info {};
    if (op == 'h' || op == 'L')
        return ::lstat(name.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
    if (op == 'r' || op == 'w' || op == 'x')
        return ::access(name.c_str(), op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
    if (::stat(name.c_str(), &info) != 0)
        return false;
    switch (op) {
    case 'e': return true;
    case 'f': return S_ISREG(info.st_mode);
    case 'd': return S_ISDIR(info.st_mode);
    case 'b': return S_ISBLK(info.st_mode);
    case 'c': return S_ISCHR(info.st_mode);
    case 'p': return S_ISFIFO(info.st_mode);
    case 'S': return S_ISSOCK(info.st_mode);
    case 's': return info.st_size > 0;
    case 'g': return (info.st_mode & S_ISGID) != 0;
    case 'u': return (info.st_mode & S_ISUID) != 0;
    case 'k': return (info.st_mode & S_ISVTX) != 0;
    case 'O': return info.st_uid == ::geteuid();
    case 'G': return info.st_gid == ::getegid();
    case 'N': return compare_timespec(info.st_mtim, info.st_atim) > 0;
    default: return false;
    }
}

bool TestEvaluator::unary_operator() {
    char op = arg(m_pos)[1];
    advance(true);  // unary_advance: the operand must exist
    if (m_failed)
        return false;
    std::string operand(arg(m_pos));
    ++m_pos;
    switch (op) {
    case 'n': return !operand.empty();
    case 'z': return operand.empty();
    case 't': {
        auto number = find_int(operand);
        if (!number)
            return false;
        errno = 0;
        long fd = std::strtol(number->c_str(), nullptr, 10);
        return errno != ERANGE && fd >= 0 && fd <= INT_MAX && sx_isatty(static_cast<int>(fd)) == 1;
    }
    default: return file_test(op, operand);
    }
}

bool TestEvaluator::two_arguments() {
    if (is(m_pos, "!")) {
        advance(false);
        return !one_argument();
    }
    std::string_view word = arg(m_pos);
    if (word.size() == 2 && word[0] == '-') {
        if (is_unary(word))
            return unary_operator();
        return syntax_error(quote(word) + ": unary operator expected");
    }
    return beyond();
}

bool TestEvaluator::three_arguments() {
    if (is_binary(arg(m_pos + 1)))
        return binary_operator(false);
    if (is(m_pos, "!")) {
        advance(true);
        return !two_arguments();
    }
    if (is(m_pos, "(") && is(m_pos + 2, ")")) {
        advance(false);
        bool value = one_argument();
        advance(false);
        return value;
    }
    if (is(m_pos + 1, "-a") || is(m_pos + 1, "-o"))
        return expression();
    return syntax_error(quote(arg(m_pos + 1)) + ": binary operator expected");
}

bool TestEvaluator::four_arguments() {
    if (is(m_pos, "!")) {
        advance(true);
        return !three_arguments();
    }
    if (is(m_pos, "(") && is(m_pos + 3, ")")) {
        advance(false);
        bool value = two_arguments();
        advance(false);
        return value;
    }
    return expression();
}

bool TestEvaluator::posix_test(int count) {
    switch (count) {
    case 1: return one_argument();
    case 2: return two_arguments();
    case 3: return three_arguments();
    case 4: return four_arguments();
    default: return expression();
    }
}

bool TestEvaluator::expression() {
    if (m_pos >= m_argc)
        return beyond();
    return disjunction();
}

bool TestEvaluator::disjunction() {
    bool value = conjunction();
    while (!m_failed && is(m_pos, "-o")) {
        advance(false);
        value = conjunction() || value;
    }
    return value;
}

bool TestEvaluator::conjunction() {
    bool value = term();
    while (!m_failed && is(m_pos, "-a")) {
        advance(false);
        value = term() && value;
    }
    return value;
}

bool TestEvaluator::term() {
    bool invert = false;
    while (!m_failed && is(m_pos, "!")) {
        advance(true);
        invert = !invert;
    }
    if (m_failed)
        return false;
    if (m_pos >= m_argc)
        return beyond();
    bool value;
    if (is(m_pos, "(")) {
        advance(true);
        if (m_failed)
            return false;
        int count = 1;
        for (; m_pos + count < m_argc && !is(m_pos + count, ")"); ++count)
            if (count == 4) {
                count = m_argc - m_pos;
                break;
            }
        value = posix_test(count);
        if (m_failed)
            return false;
        if (m_pos >= m_argc)
            return syntax_error(quote(")") + " expected");
        if (!is(m_pos, ")"))
            return syntax_error(quote(")") + " expected, found " + quote(arg(m_pos)));
        advance(false);
    } else if (m_argc - m_pos >= 4 && is(m_pos, "-l") && is_binary(arg(m_pos + 2))) {
        value = binary_operator(true);
    } else if (m_argc - m_pos >= 3 && is_binary(arg(m_pos + 1))) {
        value = binary_operator(false);
    } else if (arg(m_pos).size() == 2 && arg(m_pos)[0] == '-') {
        if (!is_unary(arg(m_pos)))
            return syntax_error(quote(arg(m_pos)) + ": unary operator expected");
        value = unary_operator();
    } else {
        value = !arg(m_pos).empty();
        advance(false);
    }
    return invert != value;
}

}  // namespace

int test_main(int argc, char** argv) {
    std::vector<std::string_view> args(argv, argv + argc);
    args[0] = "test";
    return TestEvaluator("test", std::move(args)).run();
}

int bracket_main(int argc, char** argv) {
    std::vector<std::string_view> args(argv, argv + argc);
    args[0] = "[";
    if (argc == 2 && args[1] == "--help")
        return print_usage(k_usage);
    if (argc == 2 && args[1] == "--version")
        return print_version("[");
    if (argc < 2 || args.back() != "]") {
        write_all(2, "[: missing " + quote("]") + "\n");
        return 2;
    }
    args.pop_back();
    return TestEvaluator("[", std::move(args)).run();
}

}  // namespace toolbox
