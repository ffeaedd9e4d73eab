// grep, egrep, fgrep, as GNU grep 3.8: patterns as BRE (-G), ERE (-E), fixed strings (-F) or a
// Perl subset (-P, mapped onto the ERE engine), from -e/-f or the first operand, one pattern a
// line; files, stdin, or directory trees (-r/-R, --include/--exclude/--exclude-dir); output
// selection (-c -l -L -o -q), prefixes (-H -n -b -T -Z), context (-A -B -C -NUM), colors and
// binary files as GNU does. The search itself is in grep_search.cpp; the regex engine is
// toolbox/lib/regex.
// applet: grep grep_main
// applet: egrep egrep_main
// applet: fgrep fgrep_main
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "applet.h"
#include "applets/grep.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/messages.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

using grep::BinaryFiles;
using grep::k_program;

constexpr std::string_view k_usage_line = "Usage: grep [OPTION]... PATTERNS [FILE]...";

constexpr std::string_view k_usage =
    "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
    "Search for PATTERNS in each FILE.\n"
    "Example: grep -i 'hello world' menu.h main.c\n"
    "PATTERNS can contain multiple patterns separated by newlines.\n"
    "\n"
    "Pattern selection and interpretation:\n"
    "  -E, --extended-regexp     PATTERNS are extended regular expressions\n"
    "  -F, --fixed-strings       PATTERNS are strings\n"
    "  -G, --basic-regexp        PATTERNS are basic regular expressions\n"
    "  -P, --perl-regexp         PATTERNS are Perl regular expressions\n"
    "  -e, --regexp=PATTERNS     use PATTERNS for matching\n"
    "  -f, --file=FILE           take PATTERNS from FILE\n"
    "  -i, --ignore-case         ignore case distinctions in patterns and data\n"
    "      --no-ignore-case      do not ignore case distinctions (default)\n"
    "  -w, --word-regexp         match only whole words\n"
    "  -x, --line-regexp         match only whole lines\n"
    "  -z, --null-data           a data line ends in 0 byte, not newline\n"
    "\n"
    "Miscellaneous:\n"
    "  -s, --no-messages         suppress error messages\n"
    "  -v, --invert-match        select non-matching lines\n"
    "  -V, --version             display version information and exit\n"
    "      --help                display this help text and exit\n"
    "\n"
    "Output control:\n"
    "  -m, --max-count=NUM       stop after NUM selected lines\n"
    "  -b, --byte-offset         print the byte offset with output lines\n"
    "  -n, --line-number         print line number with output lines\n"
    "      --line-buffered       flush output on every line\n"
    "  -H, --with-filename       print file name with output lines\n"
    "  -h, --no-filename         suppress the file name prefix on output\n"
    "      --label=LABEL         use LABEL as the standard input file name prefix\n"
    "  -o, --only-matching       show only nonempty parts of lines that match\n"
    "  -q, --quiet, --silent     suppress all normal output\n"
    "      --binary-files=TYPE   assume that binary files are TYPE;\n"
    "                            TYPE is 'binary', 'text', or 'without-match'\n"
    "  -a, --text                equivalent to --binary-files=text\n"
    "  -I                        equivalent to --binary-files=without-match\n"
    "  -d, --directories=ACTION  how to handle directories;\n"
    "                            ACTION is 'read', 'recurse', or 'skip'\n"
    "  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;\n"
    "                            ACTION is 'read' or 'skip'\n"
    "  -r, --recursive           like --directories=recurse\n"
    "  -R, --dereference-recursive  likewise, but follow all symlinks\n"
    "      --include=GLOB        search only files that match GLOB (a file pattern)\n"
    "      --exclude=GLOB        skip files that match GLOB\n"
    "      --exclude-from=FILE   skip files that match any file pattern from FILE\n"
    "      --exclude-dir=GLOB    skip directories that match GLOB\n"
    "  -L, --files-without-match  print only names of FILEs with no selected lines\n"
    "  -l, --files-with-matches  print only names of FILEs with selected lines\n"
    "  -c, --count               print only a count of selected lines per FILE\n"
    "  -T, --initial-tab         make tabs line up (if needed)\n"
    "  -Z, --null                print 0 byte after FILE name\n"
    "\n"
    "Context control:\n"
    "  -B, --before-context=NUM  print NUM lines of leading context\n"
    "  -A, --after-context=NUM   print NUM lines of trailing context\n"
    "  -C, --context=NUM         print NUM lines of output context\n"
    "  -NUM                      same as --context=NUM\n"
    "      --group-separator=SEP  print SEP on line between matches with context\n"
    "      --no-group-separator  do not print separator for matches with context\n"
    "      --color[=WHEN],\n"
    "      --colour[=WHEN]       use markers to highlight the matching strings;\n"
    "                            WHEN is 'always', 'never', or 'auto'\n"
    "  -U, --binary              do not strip CR characters at EOL (MSDOS/Windows)\n"
    "\n"
    "When FILE is '-', read standard input.  With no FILE, read '.' if\n"
    "recursive, '-' otherwise.  With fewer than two FILEs, assume -h.\n"
    "Exit status is 0 if any line is selected, 1 otherwise;\n"
    "if any error occurs and -q is not given, the exit status is 2.\n";

enum LongId {
    k_binary_files = k_long_only, k_color, k_exclude, k_exclude_from, k_exclude_dir, k_include,
    k_group_separator, k_no_group_separator, k_label, k_line_buffered, k_no_ignore_case,
};

constexpr LongOption k_long_options[] = {
    {"basic-regexp", Argument::none, 'G'},
    {"extended-regexp", Argument::none, 'E'},
    {"fixed-regexp", Argument::none, 'F'},
    {"fixed-strings", Argument::none, 'F'},
    {"perl-regexp", Argument::none, 'P'},
    {"after-context", Argument::required, 'A'},
    {"before-context", Argument::required, 'B'},
    {"binary-files", Argument::required, k_binary_files},
    {"byte-offset", Argument::none, 'b'},
    {"context", Argument::required, 'C'},
    {"color", Argument::optional, k_color},
    {"colour", Argument::optional, k_color},
    {"count", Argument::none, 'c'},
    {"devices", Argument::required, 'D'},
    {"directories", Argument::required, 'd'},
    {"dereference-recursive", Argument::none, 'R'},
    {"exclude", Argument::required, k_exclude},
    {"exclude-from", Argument::required, k_exclude_from},
    {"exclude-dir", Argument::required, k_exclude_dir},
    {"file", Argument::required, 'f'},
    {"files-with-matches", Argument::none, 'l'},
    {"files-without-match", Argument::none, 'L'},
    {"group-separator", Argument::required, k_group_separator},
    {"no-group-separator", Argument::none, k_no_group_separator},
    {"help", Argument::none, k_help},
    {"include", Argument::required, k_include},
    {"ignore-case", Argument::none, 'i'},
    {"no-ignore-case", Argument::none, k_no_ignore_case},
    {"initial-tab", Argument::none, 'T'},
    {"label", Argument::required, k_label},
    {"line-buffered", Argument::none, k_line_buffered},
    {"line-number", Argument::none, 'n'},
    {"line-regexp", Argument::none, 'x'},
    {"max-count", Argument::required, 'm'},
    {"no-filename", Argument::none, 'h'},
    {"no-messages", Argument::none, 's'},
    {"null", Argument::none, 'Z'},
    {"null-data", Argument::none, 'z'},
    {"only-matching", Argument::none, 'o'},
    {"quiet", Argument::none, 'q'},
    {"recursive", Argument::none, 'r'},
    {"regexp", Argument::required, 'e'},
    {"invert-match", Argument::none, 'v'},
    {"silent", Argument::none, 'q'},
    {"text", Argument::none, 'a'},
    {"binary", Argument::none, 'U'},
    {"version", Argument::none, 'V'},
    {"with-filename", Argument::none, 'H'},
    {"word-regexp", Argument::none, 'w'},
};

enum class Syntax { basic, extended, fixed, perl };
enum class Directories { read, skip, recurse };

struct Config {
    grep::Settings settings;
    Syntax syntax{Syntax::basic};
    bool syntax_given{false};  // egrep/fgrep, -E/-F/-G/-P: a second, different one is an error
    bool ignore_case{false};
    bool match_word{false};
    bool match_line{false};
    std::vector<std::string> patterns;
    bool have_patterns{false};
    int with_filename{-1};  // -H 1, -h 0, unset -1
    bool names_for_tree{false};  // show names once a directory operand is searched
    Directories directories{Directories::read};
    bool dereference{false};
    bool skip_devices{false};
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    std::vector<std::string> exclude_dir;
    std::string label{"(standard input)"};
    std::int64_t context{-1};
    std::int64_t after{-1};
    std::int64_t before{-1};
    int color{0};  // 0 never, 1 always, 2 auto
};

// Splits pattern text into lines (a final newline ends the last pattern, it adds none).
void add_patterns(std::string_view text, std::vector<std::string>& out) {
    while (true) {
        std::size_t nl = text.find('\n');
        if (nl == std::string_view::npos) {
            out.emplace_back(text);
            return;
        }
        out.emplace_back(text.substr(0, nl));
        text.remove_prefix(nl + 1);
    }
}

bool parse_context(const char* text, std::int64_t& out) {
    std::string_view value(text);
    if (value.empty()) return false;
    std::int64_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return false;
        n = n > INT64_MAX / 10 ? INT64_MAX : n * 10 + (c - '0');
    }
    out = n;
    return true;
}

std::string escape_fixed(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (std::strchr("\\[].*^$", c) != nullptr && c != '\0') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

// -P: the Perl classes and escapes the ERE engine lacks, rewritten; constructs it can't run
// are refused.
bool perl_to_ere(std::string_view p, std::string& out, bool& ignore_case, std::string& error) {
    bool in_bracket = false;
    if (p.substr(0, 4) == "(?i)") {
        ignore_case = true;
        p.remove_prefix(4);
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            char n = p[++i];
            switch (n) {
                case 'd': out += in_bracket ? "0-9" : "[0-9]"; continue;
                case 'D': out += "[^0-9]"; continue;
                case 't': out += '\t'; continue;
                case 'n': out += '\n'; continue;
                case 'K':
                case 'Q':
                case 'E':
                case 'z':
                case 'Z':
                case 'A':
                case 'G':
                    error = std::string("the -P construct \\") + n + " is not supported";
                    return false;
                default:
                    if (in_bracket && (n == 'w' || n == 's' || n == 'W' || n == 'S')) {
                        out += n == 'w' ? "[:alnum:]_" : n == 's' ? "[:space:]" : "";
                        if (n == 'W' || n == 'S') {
                            error = "the -P construct \\W or \\S inside [] is not supported";
                            return false;
                        }
                        continue;
                    }
                    out += '\\';
                    out += n;
                    continue;
            }
        }
        if (in_bracket) {
            if (c == ']') in_bracket = false;
            out += c;
            continue;
        }
        if (c == '[') {
            in_bracket = true;
            out += c;
            if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
            if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
            continue;
        }
        if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
            if (i + 2 < p.size() && p[i + 2] == ':') {
                out += '(';
                i += 2;
                continue;
            }
            error = "the -P construct (?...) is not supported";
            return false;
        }
        if ((c == '?' || c == '+') && !out.empty() && i > 0 &&
            (p[i - 1] == '*' || p[i - 1] == '+' || p[i - 1] == '?' || p[i - 1] == '}')) {
            continue;  // lazy or possessive: the same lines match
        }
        out += c;
    }
    return true;
}

bool glob_matches(const std::vector<std::string>& globs, const std::string& path) {
    std::string base = path;
    std::size_t slash = base.find_last_of('/');
    if (slash != std::string::npos && slash + 1 < base.size()) base = base.substr(slash + 1);
    for (const auto& glob : globs) {
        if (::fnmatch(glob.c_str(), base.c_str(), 0) == 0 || ::fnmatch(glob.c_str(), path.c_str(), 0) == 0)
            return true;
    }
    return false;
}

class Runner {
public:
    Runner(Config& config, const Regex& regex, Output& out)
        : m_config(config), m_s(config.settings), m_searcher(m_s, regex, out) {}

    // false when -q found a match (stop everything).
    bool operand(const std::string& name) {
        if (name == "-") return search_stdin();
        return path(name, name, true);
    }
    bool implicit_dot() { return path(".", "", true); }

    bool matched() const { return m_matched; }
    bool error() const { return m_error; }

private:
    bool search_stdin() {
        return record(m_searcher.search(0, m_config.label, -1));
    }

    bool record(const grep::FileResult& result) {
        if (result.selected > 0) m_matched = true;
        if (result.error) m_error = true;
        return !result.stop_all;
    }

    void fail(const std::string& name, int error) {
        m_error = true;
        if (!m_s.no_messages) complain(k_program, name + ": " + strerror_gnu(error));
    }

    // `display` is how output names the file ("" for the implicit "." of a bare -r).
    bool path(const std::string& real, const std::string& display, bool top) {
        struct stat st {};
        bool follow = top || m_config.dereference;
        if ((follow ? ::stat(real.c_str(), &st) : ::lstat(real.c_str(), &st)) != 0) {
            int error = errno;
            if (!top && error == ENOENT) {
                struct stat link {};
                if (::lstat(real.c_str(), &link) == 0) return true;  // dangling link in a tree
            }
            fail(display.empty() ? real : display, error);
            return true;
        }
        if (S_ISLNK(st.st_mode)) return true;  // -r: links inside the tree are not followed
        if (S_ISDIR(st.st_mode)) {
            if (m_config.names_for_tree && m_config.directories == Directories::recurse) m_s.with_filename = true;
            return directory(real, display, top);
        }
        if (!S_ISREG(st.st_mode) && (m_config.skip_devices || (!top && m_config.directories == Directories::recurse)))
            return true;
        if (!m_config.include.empty() || !m_config.exclude.empty()) {
            if (glob_matches(m_config.exclude, display)) return true;
            if (!m_config.include.empty() && !glob_matches(m_config.include, display)) return true;
        }
        int fd = ::open(real.c_str(), O_RDONLY);
        if (fd < 0) {
            fail(display, errno);
            return true;
        }
        bool go_on = record(m_searcher.search(fd, display, S_ISREG(st.st_mode) ? st.st_size : -1));
        ::close(fd);
        return go_on;
    }

    bool directory(const std::string& real, const std::string& display, bool top) {
        if (m_config.directories == Directories::skip) return true;
        if (m_config.directories == Directories::read) {
            fail(display, EISDIR);
            return true;
        }
        if (!m_config.exclude_dir.empty() && !(top && display.empty()) && glob_matches(m_config.exclude_dir, real))
            return true;
        DIR* dir = ::opendir(real.c_str());
        if (dir == nullptr) {
            fail(display.empty() ? real : display, errno);
            return true;
        }
        std::vector<std::string> names;
        while (dirent* entry = ::readdir(dir)) {
            std::string name = entry->d_name;
            if (name != "." && name != "..") names.push_back(std::move(name));
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        for (const auto& name : names) {
            std::string child_real = real.empty() || real.back() == '/' ? real + name : real + "/" + name;
            std::string child_display = display.empty() ? name : display.back() == '/' ? display + name : display + "/" + name;
            if (!path(child_real, child_display, false)) return false;
        }
        return true;
    }

    Config& m_config;
    grep::Settings& m_s;
    grep::Searcher m_searcher;
    bool m_matched{false};
    bool m_error{false};
};

void parse_colors(grep::Colors& colors) {
    const char* env = std::getenv("GREP_COLORS");
    if (env == nullptr) return;
    std::string_view text(env);
    while (!text.empty()) {
        std::size_t colon = text.find(':');
        std::string_view item = text.substr(0, colon);
        text = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
        std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) continue;
        std::string_view key = item.substr(0, eq);
        std::string value(item.substr(eq + 1));
        if (key == "mt") colors.selected_match = colors.context_match = value;
        else if (key == "ms") colors.selected_match = value;
        else if (key == "mc") colors.context_match = value;
        else if (key == "fn") colors.file_name = value;
        else if (key == "ln") colors.line_number = value;
        else if (key == "bn") colors.byte_offset = value;
        else if (key == "se") colors.separator = value;
    }
}

// gnulib's XARGMATCH for --directories: a word or an unambiguous prefix; -1 after the message.
int directories_argument(std::string_view value) {
    static constexpr std::string_view k_words[] = {"read", "recurse", "skip"};
    int found = -1;
    bool ambiguous = false;
    for (int i = 0; i < 3; ++i) {
        if (k_words[i] == value) return i;
        if (!value.empty() && k_words[i].substr(0, value.size()) == value) {
            ambiguous = found >= 0;
            found = i;
        }
    }
    if (found >= 0 && !ambiguous) return found;
    std::string message = std::string(k_program) + ": " + (ambiguous ? "ambiguous" : "invalid") + " argument " +
                          quote(value) + " for '--directories'\nValid arguments are:\n";
    for (auto word : k_words) message += "  - " + quote(word) + "\n";
    write_all(2, message + std::string(k_usage_line) + "\n");
    try_help(k_program);
    return -1;
}

int usage_error() {
    write_all(2, std::string(k_usage_line) + "\n");
    return try_help(k_program, 2);
}

// Returns -1 to go on, else the exit status.
int parse_options(int argc, char** argv, Config& config, std::vector<std::string_view>& operands) {
    OptionParser parser(k_program, argc, argv, "0123456789A:B:C:D:EFGHIPRTUVZabcd:e:f:hilLm:noqrsuvwxyz", k_long_options);
    parser.set_usage_line(k_usage_line);
    grep::Settings& s = config.settings;
    bool last_was_digit = false;
    std::string digits;
    while (auto option = parser.next()) {
        int id = option.id;
        bool digit = id >= '0' && id <= '9';
        if (digit) {
            if (!last_was_digit) digits.clear();
            digits += static_cast<char>(id);
            parse_context(digits.c_str(), config.context);
        }
        last_was_digit = digit;
        if (digit) continue;
        switch (id) {
            case k_error: return 2;
            case k_help: return print_usage(std::string(k_usage) + "\nReport bugs to: bug-grep@gnu.org\n") == 0 ? 0 : 2;
            case 'V': return print_version(k_program);
            case 'A':
            case 'B':
            case 'C': {
                std::int64_t value = 0;
                if (!parse_context(option.argument, value)) {
                    complain(k_program, std::string(option.argument) + ": invalid context length argument");
                    return 2;
                }
                (id == 'A' ? config.after : id == 'B' ? config.before : config.context) = value;
                break;
            }
            case 'D': {
                std::string_view value(option.argument);
                if (value == "read") config.skip_devices = false;
                else if (value == "skip") config.skip_devices = true;
                else {
                    complain(k_program, "unknown devices method");
                    return 2;
                }
                break;
            }
            case 'd': {
                int value = directories_argument(option.argument);
                if (value < 0) return 1;
                config.directories = value == 0 ? Directories::read : value == 1 ? Directories::recurse : Directories::skip;
                break;
            }
            case 'E':
            case 'F':
            case 'G':
            case 'P': {
                Syntax syntax = id == 'E' ? Syntax::extended : id == 'F' ? Syntax::fixed : id == 'G' ? Syntax::basic : Syntax::perl;
                if (config.syntax_given && config.syntax != syntax) {
                    complain(k_program, "conflicting matchers specified");
                    return 2;
                }
                config.syntax = syntax;
                config.syntax_given = true;
                break;
            }
            case 'H': config.with_filename = 1; break;
            case 'h': config.with_filename = 0; break;
            case 'I': s.binary_files = BinaryFiles::without_match; break;
            case 'a': s.binary_files = BinaryFiles::text; break;
            case k_binary_files: {
                std::string_view value(option.argument);
                if (value == "binary") s.binary_files = BinaryFiles::binary;
                else if (value == "text") s.binary_files = BinaryFiles::text;
                else if (value == "without-match") s.binary_files = BinaryFiles::without_match;
                else {
                    complain(k_program, "unknown binary-files type");
                    return 2;
                }
                break;
            }
            case 'R': config.dereference = true; [[fallthrough]];
            case 'r': config.directories = Directories::recurse; break;
            case 'T': s.initial_tab = true; break;
            case 'U':
            case 'u': break;
            case 'Z': s.null_after_name = true; break;
            case 'z': s.eol = '\0'; break;
            case 'b': s.byte_offset = true; break;
            case 'c': s.count = true; break;
            case 'e':
                add_patterns(option.argument, config.patterns);
                config.have_patterns = true;
                break;
            case 'f': {
                std::string name(option.argument);
                int fd = name == "-" ? 0 : ::open(name.c_str(), O_RDONLY);
                int error = fd < 0 ? errno : 0;
                std::string text;
                if (fd >= 0) {
                    text = read_all(fd, error);
                    if (fd != 0) ::close(fd);
                }
                if (error != 0) {
                    complain(k_program, name + ": " + strerror_gnu(error));
                    return 2;
                }
                if (!text.empty()) {
                    if (text.back() == '\n') text.pop_back();
                    add_patterns(text, config.patterns);
                }
                config.have_patterns = true;
                break;
            }
            case 'i':
            case 'y': config.ignore_case = true; break;
            case k_no_ignore_case: config.ignore_case = false; break;
            case 'l': s.files_with_matches = true, s.files_without_match = false; break;
            case 'L': s.files_without_match = true, s.files_with_matches = false; break;
            case 'm': {
                std::int64_t value = 0;
                std::string_view text(option.argument);
                bool negative = !text.empty() && text[0] == '-';
                if (!parse_context(negative ? option.argument + 1 : option.argument, value)) {
                    complain(k_program, "invalid max count");
                    return 2;
                }
                s.max_count = negative ? -1 : value;
                break;
            }
            case 'n': s.line_number = true; break;
            case 'o': s.only_matching = true; break;
            case 'q': s.quiet = true; break;
            case 's': s.no_messages = true; break;
            case 'v': s.invert = true; break;
            case 'w': config.match_word = true; break;
            case 'x': config.match_line = true; break;
            case k_color: {
                std::string_view value = option.argument ? option.argument : "auto";
                if (value == "always" || value == "yes" || value == "force") config.color = 1;
                else if (value == "never" || value == "no" || value == "none") config.color = 0;
                else if (value == "auto" || value == "tty" || value == "if-tty") config.color = 2;
                else return usage_error();
                break;
            }
            case k_exclude: config.exclude.emplace_back(option.argument); break;
            case k_include: config.include.emplace_back(option.argument); break;
            case k_exclude_dir: config.exclude_dir.emplace_back(option.argument); break;
            case k_exclude_from: {
                int error = 0;
                int fd = ::open(option.argument, O_RDONLY);
                std::string text = fd >= 0 ? read_all(fd, error) : std::string();
                if (fd < 0) error = errno;
                if (fd >= 0) ::close(fd);
                if (error != 0) {
                    complain(k_program, std::string(option.argument) + ": " + strerror_gnu(error));
                    return 2;
                }
                std::vector<std::string> globs;
                add_patterns(text, globs);
                for (auto& glob : globs)
                    if (!glob.empty()) config.exclude.push_back(glob);
                break;
            }
            case k_group_separator:
                s.group_separator = option.argument;
                s.group_separator_enabled = true;
                break;
            case k_no_group_separator: s.group_separator_enabled = false; break;
            case k_label: config.label = option.argument; break;
            case k_line_buffered: s.line_buffered = true; break;
            default: return usage_error();
        }
    }
    operands = parser.operands();
    return -1;
}

// The pattern list as one engine pattern (newline-separated alternatives).
bool build_regex(Config& config, std::unique_ptr<Regex>& regex) {
    std::string joined;
    bool ignore_case = config.ignore_case;
    RegexSyntax syntax = config.syntax == Syntax::basic || config.syntax == Syntax::fixed ? RegexSyntax::basic
                                                                                        : RegexSyntax::extended;
    if (config.patterns.empty()) {
        joined = "x^";  // no pattern at all (-f /dev/null): nothing matches
        syntax = RegexSyntax::extended;
    }
    for (std::size_t i = 0; i < config.patterns.size(); ++i) {
        if (i > 0) joined += '\n';
        const std::string& p = config.patterns[i];
        if (config.syntax == Syntax::fixed) {
            joined += escape_fixed(p);
        } else if (config.syntax == Syntax::perl) {
            std::string error;
            if (config.patterns.size() > 1) {
                complain(k_program, "the -P option only supports a single pattern");
                return false;
            }
            if (!perl_to_ere(p, joined, ignore_case, error)) {
                complain(k_program, error);
                return false;
            }
        } else {
            joined += p;
        }
    }
    std::vector<std::string> warnings;
    RegexOptions options{.syntax = syntax,
                         .ignore_case = ignore_case,
                         .multiline = false,
                         .newline_alternation = true,
                         .match_line = config.match_line,
                         .match_word = config.match_word && !config.match_line,
                         .warnings = &warnings};
    std::string error;
    regex = Regex::compile(joined, options, error);
    for (const auto& warning : warnings) complain(k_program, "warning: " + warning);
    if (!regex) {
        complain(k_program, error);
        return false;
    }
    return true;
}

int run_grep(int argc, char** argv, Syntax forced, bool forced_set) {
    Config config;
    if (forced_set) {
        config.syntax = forced;
        config.syntax_given = true;
    }
    std::vector<std::string_view> operands;
    int early = parse_options(argc, argv, config, operands);
    if (early >= 0) return early;
    std::size_t next = 0;
    if (!config.have_patterns) {
        if (operands.empty()) return usage_error();
        add_patterns(operands[0], config.patterns);
        next = 1;
    }
    grep::Settings& s = config.settings;
    s.after = config.after >= 0 ? config.after : std::max<std::int64_t>(config.context, 0);
    s.before = config.before >= 0 ? config.before : std::max<std::int64_t>(config.context, 0);
    s.context = config.after >= 0 || config.before >= 0 || config.context >= 0;  // even 0: "--" between groups
    s.color = config.color == 1 || (config.color == 2 && ::isatty(1) && std::getenv("TERM") != nullptr &&
                                    std::string_view(std::getenv("TERM")) != "dumb");
    if (s.color) parse_colors(s.colors);
    std::size_t files = operands.size() - next;
    bool recursive = config.directories == Directories::recurse;
    // -r with one operand: names are shown when it is a directory (decided in Runner).
    s.with_filename = config.with_filename >= 0 ? config.with_filename == 1 : files > 1;
    config.names_for_tree = config.with_filename < 0 && files <= 1 && recursive;
    std::unique_ptr<Regex> regex;
    if (!build_regex(config, regex)) return 2;
    // As GNU: when nothing can be selected, no file is even opened (unless -L lists them).
    if ((s.max_count == 0 || (config.patterns.empty() && !s.invert)) && !s.files_without_match) return 1;
    Output out;
    Runner runner(config, *regex, out);
    bool go_on = true;
    if (files == 0) {
        go_on = recursive ? runner.implicit_dot() : runner.operand("-");
    } else {
        for (std::size_t i = next; i < operands.size() && go_on; ++i) go_on = runner.operand(std::string(operands[i]));
    }
    if (!out.flush()) {
        write_error(k_program, out.error());
        return 2;
    }
    if (!go_on) return 0;  // -q matched
    if (runner.error() && !(s.quiet && runner.matched())) return 2;
    return runner.matched() ? 0 : 1;
}

}  // namespace

int grep_main(int argc, char** argv) { return run_grep(argc, argv, Syntax::basic, false); }

// Debian 12's egrep and fgrep are `exec grep -E "$@"` / `exec grep -F "$@"` without upstream
// 3.8's "obsolescent" warning; we follow the host.
int egrep_main(int argc, char** argv) { return run_grep(argc, argv, Syntax::extended, true); }

int fgrep_main(int argc, char** argv) { return run_grep(argc, argv, Syntax::fixed, true); }

}  // namespace toolbox
