// find_parse.cpp — find's expression grammar as findutils 4.9 reads it: operators by
// precedence (! binds tightest, then -a (also implied between two expressions), then -o, then
// ','), parentheses, global options anywhere (they are always true), and every test and action
// turned into a predicate function with its arguments checked and converted once, up front,
// with GNU's messages for what is wrong.
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "applets/find.h"
#include "lib/date_parse.h"
#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/mode_change.h"
#include "lib/quoting.h"
#include "lib/regex.h"

namespace toolbox::find {

namespace {

enum class Compare { less, equal, greater };

// "+N", "-N" or "N" as find's numeric tests take it.
struct Amount {
    Compare compare{Compare::equal};
    double value{0};
    bool matches(double actual) const {
        switch (compare) {
        case Compare::less: return actual < value;
        case Compare::greater: return actual > value;
        default: return actual == value;
        }
    }
};

// Splits off a leading + or - and reads a decimal number; `integral` rejects fractions.
std::optional<Amount> parse_amount(std::string_view text, bool integral, std::string_view* rest = nullptr) {
    Amount amount;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        amount.compare = text[0] == '+' ? Compare::greater : Compare::less;
        text.remove_prefix(1);
    }
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    size_t end = digits;
    if (!integral && end < text.size() && text[end] == '.') {
        ++end;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9')
            ++end;
    }
    if (end == 0 || (digits == 0 && end == 1))
        return std::nullopt;
    if (!rest && end != text.size())
        return std::nullopt;
    if (rest)
        *rest = text.substr(end);
    amount.value = std::strtod(std::string(text.substr(0, end)).c_str(), nullptr);
    return amount;
}

double seconds_of(const timespec& when) { return static_cast<double>(when.tv_sec) + when.tv_nsec / 1e9; }

bool newer(const timespec& a, const timespec& b) {
    return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

const timespec& time_of(const struct stat& status, char which) {
    switch (which) {
    case 'a': return status.st_atim;
    case 'c': return status.st_ctim;
    default: return status.st_mtim;
    }
}

// Linux's file type numbers (the kernel's; see file_info.h about wasi-libc's S_IFIFO).
mode_t type_of_letter(char letter) {
    switch (letter) {
    case 'b': return 0060000;
    case 'c': return 0020000;
    case 'd': return 0040000;
    case 'p': return 0010000;
    case 'f': return 0100000;
    case 'l': return 0120000;
    case 's': return 0140000;
    default: return 0;
    }
}

// Converts an emacs-syntax regex (find's default) to the extended syntax: there \( \) \| group
// and alternate, ( ) | { } are plain characters, and + ? * are operators.
std::string emacs_to_extended(std::string_view pattern) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '[') {
            size_t j = i + 1;
            if (j < pattern.size() && pattern[j] == '^')
                ++j;
            if (j < pattern.size() && pattern[j] == ']')
                ++j;
            while (j < pattern.size() && pattern[j] != ']') {
                if (pattern[j] == '[' && j + 1 < pattern.size() && (pattern[j + 1] == ':' || pattern[j + 1] == '=' || pattern[j + 1] == '.')) {
                    size_t close = pattern.find(std::string{pattern[j + 1], ']'}, j + 2);
                    j = close == std::string_view::npos ? pattern.size() : close + 2;
                } else
                    ++j;
            }
            size_t end = std::min(j + 1, pattern.size());
            out += pattern.substr(i, end - i);
            i = end - 1;
        } else if (c == '\\' && i + 1 < pattern.size()) {
            char next = pattern[++i];
            if (next == '(' || next == ')' || next == '|')
                out += next;
            else {
                out += '\\';
                out += next;
            }
        } else if (c == '(' || c == ')' || c == '|' || c == '{' || c == '}') {
            out += '\\';
            out += c;
        } else
            out += c;
    }
    return out;
}

class Parser final {
public:
    Parser(Run& run, std::vector<std::string_view> words) : m_run(run), m_words(std::move(words)) {}

    std::unique_ptr<Node> parse() {
        if (m_words.empty())
            return nullptr;
        auto node = comma();
        if (m_failed)
            return nullptr;
        if (m_at < m_words.size()) {
            if (m_words[m_at] == ")")
                fail("you have too many ')'");
            else
                fail("invalid expression");
            return nullptr;
        }
        return node;
    }
    bool failed() const { return m_failed; }

private:
    bool at_end() const { return m_at >= m_words.size(); }
    std::string_view peek() const { return at_end() ? std::string_view{} : m_words[m_at]; }
    void fail(std::string_view message) {
        if (!m_failed)
            m_run.error(message);
        m_failed = true;
    }
    static bool is_binary(std::string_view word) {
        return word == "-o" || word == "-or" || word == "-a" || word == "-and" || word == ",";
    }
    static std::unique_ptr<Node> join(Node::Kind kind, std::string_view name, std::unique_ptr<Node> left,
                                      std::unique_ptr<Node> right) {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->name = name;
        node->left = std::move(left);
        node->right = std::move(right);
        node->is_action = node->left->is_action || (node->right && node->right->is_action);
        return node;
    }
    std::unique_ptr<Node> operand_after(std::string_view op) {
        if (at_end() || peek() == ")") {
            fail("expected an expression after '" + std::string(op) + "'");
            return nullptr;
        }
        return m_failed ? nullptr : not_();
    }

    std::unique_ptr<Node> comma() {
        auto left = or_();
        while (!m_failed && peek() == ",") {
            ++m_at;
            if (at_end() || peek() == ")") {
                fail("expected an expression after ','");
                return nullptr;
            }
            auto right = or_();
            if (m_failed)
                return nullptr;
            left = join(Node::Kind::comma, ",", std::move(left), std::move(right));
        }
        return left;
    }
    std::unique_ptr<Node> or_() {
        auto left = and_();
        while (!m_failed && (peek() == "-o" || peek() == "-or")) {
            std::string_view op = m_words[m_at++];
            if (at_end() || peek() == ")") {
                fail("expected an expression after '" + std::string(op) + "'");
                return nullptr;
            }
            auto right = and_();
            if (m_failed)
                return nullptr;
            left = join(Node::Kind::or_, op, std::move(left), std::move(right));
        }
        return left;
    }
    std::unique_ptr<Node> and_() {
        auto left = not_();
        while (!m_failed && !at_end()) {
            std::string_view word = peek();
            if (word == ")" || word == "," || word == "-o" || word == "-or")
                break;
            if (word == "-a" || word == "-and") {
                ++m_at;
                if (at_end() || peek() == ")") {
                    fail("expected an expression after '" + std::string(word) + "'");
                    return nullptr;
                }
            }
            auto right = not_();
            if (m_failed)
                return nullptr;
            left = join(Node::Kind::and_, "-a", std::move(left), std::move(right));
        }
        return left;
    }
    std::unique_ptr<Node> not_() {
        if (!at_end() && (peek() == "!" || peek() == "-not")) {
            std::string_view op = m_words[m_at++];
            if (at_end() || peek() == ")") {
                fail("expected an expression after '" + std::string(op) + "'");
                return nullptr;
            }
            auto inner = not_();
            if (m_failed)
                return nullptr;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::not_;
            node->name = op;
            node->is_action = inner->is_action;
            node->left = std::move(inner);
            return node;
        }
        return primary();
    }
    std::unique_ptr<Node> primary() {
        std::string_view word = peek();
        if (is_binary(word)) {
            fail("invalid expression; you have used a binary operator '" + std::string(word) +
                 "' with nothing before it.");
            return nullptr;
        }
        if (word == ")") {
            fail("you have too many ')'");
            return nullptr;
        }
        ++m_at;
        if (word == "(") {
            if (at_end()) {
                fail("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra "
                     "predicate after '('");
                return nullptr;
            }
            if (peek() == ")") {
                fail("invalid expression; empty parentheses are not allowed.");
                return nullptr;
            }
            auto inner = comma();
            if (m_failed)
                return nullptr;
            if (peek() != ")") {
                fail("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra "
                     "predicate after '('");
                return nullptr;
            }
            ++m_at;
            return inner;
        }
        return predicate(word);
    }

    // The next word as the argument of `name`, or nullopt after "missing argument".
    std::optional<std::string_view> argument(std::string_view name) {
        if (at_end()) {
            fail("missing argument to `" + std::string(name) + "'");
            return std::nullopt;
        }
        return m_words[m_at++];
    }
    std::unique_ptr<Node> make(std::string_view name, Predicate test, bool action = false) {
        auto node = std::make_unique<Node>();
        node->name = name;
        node->test = std::move(test);
        node->is_action = action;
        return node;
    }
    std::unique_ptr<Node> always_true(std::string_view name) {
        return make(name, [](Run&, Entry&) { return true; });
    }

    std::unique_ptr<Node> predicate(std::string_view name);
    std::unique_ptr<Node> option(std::string_view name, bool& known);
    std::unique_ptr<Node> name_test(std::string_view name, bool& known);
    std::unique_ptr<Node> status_test(std::string_view name, bool& known);
    std::unique_ptr<Node> time_test(std::string_view name, bool& known);
    std::unique_ptr<Node> action(std::string_view name, bool& known);
    std::unique_ptr<Node> owner_test(std::string_view name, bool& known);
    std::unique_ptr<Node> exec_action(std::string_view name);
    std::unique_ptr<Node> type_test(std::string_view name, std::string_view spec);
    std::unique_ptr<Node> perm_test(std::string_view spec);
    std::unique_ptr<Node> size_test(std::string_view spec);
    std::unique_ptr<Node> regex_test(std::string_view name, std::string_view pattern, bool ignore_case);
    std::optional<struct stat> reference(std::string_view path);
    Output* open_output(std::string_view path);

    Run& m_run;
    std::vector<std::string_view> m_words;
    size_t m_at{0};
    bool m_failed{false};
    std::string m_regex_type{"emacs"};
    std::string m_last_predicate;
};

std::unique_ptr<Node> Parser::predicate(std::string_view name) {
    bool known = true;
    std::unique_ptr<Node> node;
    for (auto family : {&Parser::option, &Parser::name_test, &Parser::status_test, &Parser::owner_test,
                        &Parser::time_test, &Parser::action}) {
        known = true;
        node = (this->*family)(name, known);
        if (known || m_failed) {
            m_last_predicate = name;
            return node;
        }
    }
    if (name.size() > 1 && name[0] == '-') {
        fail("unknown predicate `" + std::string(name) + "'");
        return nullptr;
    }
    fail("paths must precede expression: `" + std::string(name) + "'");
    // A word naming an existing file after a predicate is likely a pattern the shell expanded.
    if (!m_last_predicate.empty() && ::access(std::string(name).c_str(), F_OK) == 0)
        m_run.error("possible unquoted pattern after predicate `" + m_last_predicate + "'?");
    return nullptr;
}

// Global and positional options: they set something and are true wherever they stand.
std::unique_ptr<Node> Parser::option(std::string_view name, bool& known) {
    Options& options = m_run.options;
    if (name == "-maxdepth" || name == "-mindepth") {
        auto text = argument(name);
        if (!text)
            return nullptr;
        auto amount = parse_amount(*text, true);
        if (!amount || amount->compare != Compare::equal || (*text)[0] == '+') {
            fail("Expected a positive decimal integer argument to " + std::string(name) + ", but got " + quote(*text));
            return nullptr;
        }
        (name == "-maxdepth" ? options.max_depth : options.min_depth) = static_cast<int>(amount->value);
    } else if (name == "-depth" || name == "-d") {
        options.depth_first = options.depth_given = true;
    } else if (name == "-follow") {
        options.follow = Follow::always;
    } else if (name == "-daystart") {
        time_t midnight = options.now.tv_sec - options.now.tv_sec % 86400;
        options.origin = {midnight + 86400, 0};
    } else if (name == "-regextype") {
        auto text = argument(name);
        if (!text)
            return nullptr;
        static constexpr std::string_view k_types[] = {"findutils-default", "ed", "emacs", "gnu-awk", "grep",
                                                       "posix-awk", "awk", "posix-basic", "posix-egrep", "egrep",
                                                       "posix-extended", "posix-minimal-basic", "sed"};
        bool valid = false;
        for (auto type : k_types)
            valid = valid || type == *text;
        if (!valid) {
            fail("Unknown regular expression type " + quote(*text) +
                 "; valid types are 'findutils-default', 'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', "
                 "'posix-basic', 'posix-egrep', 'egrep', 'posix-extended', 'posix-minimal-basic', 'sed'.");
            return nullptr;
        }
        m_regex_type = *text;
    } else if (name == "-xdev" || name == "-mount" || name == "-noleaf" || name == "-warn" || name == "-nowarn" ||
               name == "-ignore_readdir_race" || name == "-noignore_readdir_race") {
        // Accepted; the sandbox has one file system per mount and no readdir races worth handling.
    } else {
        known = false;
        return nullptr;
    }
    return always_true(name);
}

std::unique_ptr<Node> Parser::regex_test(std::string_view name, std::string_view pattern, bool ignore_case) {
    RegexOptions options;
    options.ignore_case = ignore_case;
    std::string text(pattern);
    const std::string& type = m_regex_type;
    if (type == "emacs" || type == "findutils-default") {
        options.syntax = RegexSyntax::extended;
        text = emacs_to_extended(pattern);
    } else if (type == "posix-extended" || type == "egrep" || type == "posix-egrep" || type.find("awk") != std::string::npos)
        options.syntax = RegexSyntax::extended;
    std::string error;
    std::shared_ptr<Regex> regex = Regex::compile(text, options, error);
    if (!regex) {
        fail("failed to compile regular expression " + quote(pattern) + ": " + error);
        return nullptr;
    }
    // -regex matches the whole path: the leftmost-longest match must start at 0 and end at the end.
    return make(name, [regex](Run&, Entry& entry) {
        std::vector<RegexSpan> groups;
        return regex->search(entry.path, 0, groups) && groups[0].begin == 0 &&
               static_cast<size_t>(groups[0].end) == entry.path.size();
    });
}

// Tests on names, paths and link targets.
std::unique_ptr<Node> Parser::name_test(std::string_view name, bool& known) {
    bool ignore_case = name == "-iname" || name == "-ipath" || name == "-iwholename" || name == "-ilname" ||
                       name == "-iregex";
    bool is_name = name == "-name" || name == "-iname";
    bool is_path = name == "-path" || name == "-ipath" || name == "-wholename" || name == "-iwholename";
    bool is_link = name == "-lname" || name == "-ilname";
    bool is_regex = name == "-regex" || name == "-iregex";
    if (!is_name && !is_path && !is_link && !is_regex) {
        known = false;
        return nullptr;
    }
    auto pattern_word = argument(name);
    if (!pattern_word)
        return nullptr;
    if (is_regex)
        return regex_test(name, *pattern_word, ignore_case);
    std::string pattern(*pattern_word);
    int flags = ignore_case ? FNM_CASEFOLD : 0;
    if (is_name)
        return make(name, [pattern, flags](Run&, Entry& entry) {
            std::string_view name = entry.name();
            // Below the starting points the name ends the path, so it is NUL-terminated there.
            if (name.data() + name.size() == entry.path.data() + entry.path.size())
                return ::fnmatch(pattern.c_str(), name.data(), flags) == 0;
            return ::fnmatch(pattern.c_str(), std::string(name).c_str(), flags) == 0;
        });
    if (is_path)
        return make(name, [pattern, flags](Run&, Entry& entry) {
            return ::fnmatch(pattern.c_str(), entry.path.c_str(), flags) == 0;
        });
    return make(name, [pattern, flags](Run&, Entry& entry) {
        const struct stat* status = entry.other_status();
        if (entry.follows ? !status : entry.type() != 0120000)
            return false;
        if (entry.follows && (status->st_mode & 0170000) != 0120000)
            return false;
        char target[4096];
        ssize_t length = ::readlink(entry.path.c_str(), target, sizeof target - 1);
        if (length < 0)
            return false;
        target[length] = 0;
        return ::fnmatch(pattern.c_str(), target, flags) == 0;
    });
}

std::unique_ptr<Node> Parser::type_test(std::string_view name, std::string_view spec) {
    std::vector<mode_t> types;
    for (size_t i = 0; i < spec.size(); i += 2) {
        mode_t type = type_of_letter(spec[i]);
        if (spec[i] == 'D') {
            fail(std::string(name) + " D is not supported because Solaris doors are not supported on the platform "
                                     "find was compiled on.");
            return nullptr;
        }
        if (!type) {
            fail("Unknown argument to " + std::string(name) + ": " + spec[i]);
            return nullptr;
        }
        if (std::find(types.begin(), types.end(), type) != types.end()) {
            fail(std::string("Duplicate file type '") + spec[i] + "' in the argument list to " + std::string(name) + ".");
            return nullptr;
        }
        types.push_back(type);
        if (i + 1 < spec.size() && spec[i + 1] != ',') {
            fail("Must separate multiple arguments to " + std::string(name) + " using: ','");
            return nullptr;
        }
        if (i + 1 == spec.size() - 1) {
            fail("Last file type in list argument to " + std::string(name) + " is missing, i.e., list is ending on: ','");
            return nullptr;
        }
    }
    if (types.empty()) {
        fail("Arguments to " + std::string(name) + " should contain at least one letter");
        return nullptr;
    }
    if (name == "-type")
        return make(name, [types](Run&, Entry& entry) {
            return std::find(types.begin(), types.end(), entry.type()) != types.end();
        });
    return make(name, [types](Run&, Entry& entry) {
        const struct stat* status = entry.other_status();
        mode_t type = status ? status->st_mode & 0170000 : 0120000;  // a dangling link stays a link
        if (!status && entry.follows)
            type = entry.type();
        return std::find(types.begin(), types.end(), type) != types.end();
    });
}

std::unique_ptr<Node> Parser::perm_test(std::string_view spec) {
    char kind = 0;
    std::string_view mode_text = spec;
    if (!spec.empty() && (spec[0] == '-' || spec[0] == '/')) {
        kind = spec[0];
        mode_text.remove_prefix(1);
    }
    auto changes = compile_mode(mode_text);
    if (!changes) {
        fail("invalid mode " + quote(spec));
        return nullptr;
    }
    mode_t for_files = adjust_mode(0, false, 0, *changes, nullptr) & 07777;
    mode_t for_dirs = adjust_mode(0, true, 0, *changes, nullptr) & 07777;
    return make("-perm", [kind, for_files, for_dirs](Run&, Entry& entry) {
        const struct stat* status = entry.status();
        if (!status)
            return false;
        mode_t mode = status->st_mode & 07777;
        mode_t wanted = (status->st_mode & 0170000) == 0040000 ? for_dirs : for_files;
        if (kind == '-')
            return (mode & wanted) == wanted;
        if (kind == '/')
            return wanted == 0 || (mode & wanted) != 0;
        return mode == wanted;
    });
}

std::unique_ptr<Node> Parser::size_test(std::string_view spec) {
    if (spec.empty()) {
        fail("invalid null argument to -size");
        return nullptr;
    }
    std::string_view rest;
    auto amount = parse_amount(spec, true, &rest);
    double unit = 512;
    if (!rest.empty()) {
        switch (rest[0]) {
        case 'b': unit = 512; break;
        case 'c': unit = 1; break;
        case 'w': unit = 2; break;
        case 'k': unit = 1024; break;
        case 'M': unit = 1048576; break;
        case 'G': unit = 1073741824; break;
        default:
            fail("invalid -size type `" + std::string(1, rest[0]) + "'");
            return nullptr;
        }
    } else if (!amount) {
        std::string_view tail = spec.substr(spec[0] == '+' || spec[0] == '-');
        if (tail.empty() || std::string_view("bcwkMG").find(tail[0]) == std::string_view::npos) {
            fail("invalid -size type `" + std::string(tail.substr(0, 1)) + "'");
            return nullptr;
        }
    }
    if (!amount || rest.size() > 1) {
        fail("Invalid argument `" + std::string(spec) + "' to -size");
        return nullptr;
    }
    Amount wanted = *amount;
    return make("-size", [wanted, unit](Run&, Entry& entry) {
        const struct stat* status = entry.status();
        if (!status)
            return false;
        double units = std::ceil(static_cast<double>(status->st_size) / unit);
        return wanted.matches(units);
    });
}

std::optional<struct stat> Parser::reference(std::string_view path) {
    struct stat status {};
    std::string text(path);
    int result = m_run.options.follow != Follow::never ? ::stat(text.c_str(), &status) : ::lstat(text.c_str(), &status);
    if (result != 0) {
        m_run.file_error(path, errno);
        m_failed = true;
        return std::nullopt;
    }
    return status;
}

// Tests on what stat says: type, permissions, size, emptiness; access checks; -true, -false.
std::unique_ptr<Node> Parser::status_test(std::string_view name, bool& known) {
    if (name == "-type" || name == "-xtype") {
        auto spec = argument(name);
        return spec ? type_test(name, *spec) : nullptr;
    }
    if (name == "-perm") {
        auto spec = argument(name);
        return spec ? perm_test(*spec) : nullptr;
    }
    if (name == "-size") {
        auto spec = argument(name);
        return spec ? size_test(*spec) : nullptr;
    }
    if (name == "-empty")
        return make(name, [](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            if (!status)
                return false;
            if ((status->st_mode & 0170000) == 0100000)
                return status->st_size == 0;
            if ((status->st_mode & 0170000) != 0040000)
                return false;
            DIR* directory = ::opendir(entry.path.c_str());
            if (!directory)
                return false;
            bool empty = true;
            while (dirent* item = ::readdir(directory)) {
                std::string_view item_name(item->d_name);
                if (item_name != "." && item_name != "..") {
                    empty = false;
                    break;
                }
            }
            ::closedir(directory);
            return empty;
        });
    if (name == "-readable" || name == "-writable" || name == "-executable") {
        int mode = name == "-readable" ? R_OK : name == "-writable" ? W_OK : X_OK;
        return make(name, [mode](Run&, Entry& entry) { return ::access(entry.path.c_str(), mode) == 0; });
    }
    if (name == "-true" || name == "-false") {
        bool value = name == "-true";
        return make(name, [value](Run&, Entry&) { return value; });
    }
    known = false;
    return nullptr;
}

// Tests on numbers stat gives: links, inode, owners, identity.
std::unique_ptr<Node> Parser::owner_test(std::string_view name, bool& known) {
    if (name == "-links" || name == "-inum" || name == "-uid" || name == "-gid") {
        auto text = argument(name);
        if (!text)
            return nullptr;
        auto amount = parse_amount(*text, true);
        if (!amount) {
            fail("invalid argument `" + std::string(*text) + "' to `" + std::string(name) + "'");
            return nullptr;
        }
        char which = name[1];
        Amount wanted = *amount;
        return make(name, [wanted, which](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            if (!status)
                return false;
            double value = which == 'l' ? status->st_nlink : which == 'i' ? status->st_ino
                         : which == 'u' ? status->st_uid : status->st_gid;
            return wanted.matches(value);
        });
    }
    if (name == "-user" || name == "-group") {
        auto text = argument(name);
        if (!text)
            return nullptr;
        bool user = name == "-user";
        std::optional<unsigned> id;
        if (user)
            id = find_user(*text);
        else
            id = find_group(*text);
        if (!id || text->empty()) {
            if (user)
                fail(quote(*text) + " is not the name of a known user");
            else
                fail(quote(*text) + " is not the name of an existing group");
            return nullptr;
        }
        unsigned wanted = *id;
        return make(name, [wanted, user](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            return status && (user ? status->st_uid : status->st_gid) == wanted;
        });
    }
    if (name == "-nouser" || name == "-nogroup") {
        bool user = name == "-nouser";
        return make(name, [user](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            return status && (user ? !has_user_name(status->st_uid) : !has_group_name(status->st_gid));
        });
    }
    if (name == "-samefile") {
        auto text = argument(name);
        if (!text)
            return nullptr;
        auto ref = reference(*text);
        if (!ref)
            return nullptr;
        dev_t device = ref->st_dev;
        ino_t inode = ref->st_ino;
        return make(name, [device, inode](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            return status && status->st_dev == device && status->st_ino == inode;
        });
    }
    known = false;
    return nullptr;
}

// -mtime and friends (days or minutes ago, GNU's rounding), -newer and friends.
std::unique_ptr<Node> Parser::time_test(std::string_view name, bool& known) {
    if (name == "-newer" || name == "-anewer" || name == "-cnewer" || (name.starts_with("-newer") && name.size() == 8)) {
        char mine = name == "-newer" ? 'm' : name == "-anewer" ? 'a' : name == "-cnewer" ? 'c' : name[6];
        char theirs = name.size() == 8 ? name[7] : 'm';
        auto valid = [](char c) { return c == 'a' || c == 'c' || c == 'm'; };
        if (!valid(mine) || !(valid(theirs) || theirs == 't')) {
            fail("invalid predicate `" + std::string(name) + "'");
            return nullptr;
        }
        auto text = argument(name);
        if (!text)
            return nullptr;
        timespec limit{};
        if (theirs == 't') {
            auto when = parse_date(*text, m_run.options.now);
            if (!when) {
                fail("I cannot figure out how to interpret " + quote(*text) + " as a date or time");
                return nullptr;
            }
            limit = *when;
        } else {
            auto ref = reference(*text);
            if (!ref)
                return nullptr;
            limit = time_of(*ref, theirs);
        }
        return make(name, [limit, mine](Run&, Entry& entry) {
            const struct stat* status = entry.status();
            return status && newer(time_of(*status, mine), limit);
        });
    }
    static constexpr std::string_view k_times[] = {"-mtime", "-atime", "-ctime", "-mmin", "-amin", "-cmin"};
    if (std::find(std::begin(k_times), std::end(k_times), name) == std::end(k_times)) {
        known = false;
        return nullptr;
    }
    auto text = argument(name);
    if (!text)
        return nullptr;
    auto amount = parse_amount(*text, false);
    if (!amount) {
        fail("invalid argument `" + std::string(*text) + "' to `" + std::string(name) + "'");
        return nullptr;
    }
    char which = name[1];
    bool days = name.ends_with("time");
    double unit = days ? 86400 : 60;
    double origin = seconds_of(m_run.options.origin);
    // GNU: for days, "N" and "+N" count whole days elapsed (so the window starts a day
    // further back); for minutes, "N" means within the Nth minute back.
    double near_edge = origin - amount->value * unit;
    double far_edge = days ? near_edge - unit : near_edge;
    Compare compare = amount->compare;
    return make(name, [=](Run&, Entry& entry) {
        const struct stat* status = entry.status();
        if (!status)
            return false;
        double when = seconds_of(time_of(*status, which));
        switch (compare) {
        case Compare::greater: return when < far_edge;
        case Compare::less: return when > near_edge;
        default: return days ? (when >= far_edge && when < near_edge) : (when >= near_edge && when < near_edge + unit);
        }
    });
}

Output* Parser::open_output(std::string_view path) {
    std::string name(path);
    if (name == "/dev/stdout")
        return &m_run.out;
    auto found = m_run.files.find(name);
    if (found != m_run.files.end())
        return found->second.get();
    int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        m_run.file_error(path, errno);
        m_failed = true;
        return nullptr;
    }
    auto& slot = m_run.files[name];
    slot = std::make_unique<Output>(fd);
    return slot.get();
}

// -exec COMMAND ;, -exec COMMAND {} +, and -execdir, -ok, -okdir.
std::unique_ptr<Node> Parser::exec_action(std::string_view name) {
    std::vector<std::string> words;
    bool plus = false, ended = false;
    while (!at_end()) {
        std::string_view word = m_words[m_at++];
        if (word == ";") {
            ended = true;
            break;
        }
        // "+" ends the command only right after a word holding {} (which must be {} alone).
        if (word == "+" && !words.empty() && words.back().find("{}") != std::string::npos &&
            name.starts_with("-exec")) {
            if (words.back() != "{}") {
                fail("In '" + std::string(name) + " ... {} +' the '{}' must appear by itself, but you specified " +
                     quote(words.back()));
                return nullptr;
            }
            plus = ended = true;
            break;
        }
        words.emplace_back(word);
    }
    if (ended && words.empty()) {
        fail("invalid argument `" + std::string(plus ? "+" : ";") + "' to `" + std::string(name) + "'");
        return nullptr;
    }
    if (!ended) {
        fail("missing argument to `" + std::string(name) + "'");
        return nullptr;
    }
    if (plus) {
        for (size_t i = 0; i + 1 < words.size(); ++i)
            if (words[i].find("{}") != std::string::npos) {
                fail("Only one instance of {} is supported with " + std::string(name) + " ... +");
                return nullptr;
            }
    }
    bool in_directory = name.ends_with("dir");
    return make(name, make_exec(m_run, std::move(words), plus, in_directory, name.starts_with("-ok")), true);
}

std::unique_ptr<Node> Parser::action(std::string_view name, bool& known) {
    if (name == "-print" || name == "-print0" || name == "-fprint" || name == "-fprint0") {
        Output* out = &m_run.out;
        if (name[1] == 'f') {
            auto file = argument(name);
            if (!file || !(out = open_output(*file)))
                return nullptr;
        }
        char end = name.ends_with('0') ? '\0' : '\n';
        return make(name, [out, end](Run&, Entry& entry) {
            out->write(entry.path);
            out->put(end);
            return true;
        }, true);
    }
    if (name == "-printf" || name == "-fprintf") {
        Output* out = &m_run.out;
        if (name == "-fprintf") {
            auto file = argument(name);
            if (!file || !(out = open_output(*file)))
                return nullptr;
        }
        auto format = argument(name);
        if (!format)
            return nullptr;
        Predicate printer = make_printf(*format, out);
        if (!printer) {
            m_failed = true;
            m_run.status = 1;
            return nullptr;
        }
        return make(name, std::move(printer), true);
    }
    if (name == "-ls" || name == "-fls") {
        Output* out = &m_run.out;
        if (name == "-fls") {
            auto file = argument(name);
            if (!file || !(out = open_output(*file)))
                return nullptr;
        }
        return make(name, make_ls(out), true);
    }
    if (name == "-exec" || name == "-execdir" || name == "-ok" || name == "-okdir")
        return exec_action(name);
    if (name == "-delete") {
        m_run.options.delete_used = true;
        m_run.options.depth_first = true;
        return make(name, [](Run& run, Entry& entry) { return delete_entry(run, entry); }, true);
    }
    if (name == "-prune") {
        m_run.options.prune_used = true;
        return make(name, [](Run& run, Entry&) {
            run.prune = true;
            return true;
        });
    }
    if (name == "-quit")
        return make(name, [](Run& run, Entry&) {
            run.quit = true;
            return true;
        });
    known = false;
    return nullptr;
}

}  // namespace

bool parse_expression(Run& run, std::vector<std::string_view> words) {
    Parser parser(run, std::move(words));
    auto expression = parser.parse();
    if (parser.failed())
        return false;
    if (run.options.delete_used && run.options.prune_used && !run.options.depth_given) {
        run.error("The -delete action automatically turns on -depth, but -prune does nothing when -depth is in "
                  "effect.  If you want to carry on anyway, just explicitly use the -depth option.");
        return false;
    }
    if (!expression || !expression->is_action) {
        auto print = std::make_unique<Node>();
        print->name = "-print";
        print->test = [](Run& r, Entry& entry) {
            r.out.write(entry.path);
            r.out.put('\n');
            return true;
        };
        if (!expression)
            expression = std::move(print);
        else {
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::and_;
            node->left = std::move(expression);
            node->right = std::move(print);
            expression = std::move(node);
        }
    }
    run.expression = std::move(expression);
    return true;
}

}  // namespace toolbox::find
