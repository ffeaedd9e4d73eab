// nl, as GNU coreutils: lines numbered by section style (-b body, default t: non-empty lines;
// -h header and -f footer, default n; a all, n none, pBRE lines matching a basic regular
// expression), -v start, -i increment, -l blank lines joined, -n ln/rn/rz, -w width, -s
// separator, -d section delimiters (\:\:\: header, \:\: body, \: footer; renumbering at each
// unless -p). Numbering runs on across the files; each file's last line gets a newline if it has
// none. Mirrors coreutils nl.c.
// applet: nl nl_main
#include <regex.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "nl";

constexpr std::string_view k_usage =
    "Usage: nl [OPTION]... [FILE]...\n"
    "Write each FILE to standard output, with line numbers added.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -b, --body-numbering=STYLE      use STYLE for numbering body lines\n"
    "  -d, --section-delimiter=CC      use CC for logical page delimiters\n"
    "  -f, --footer-numbering=STYLE    use STYLE for numbering footer lines\n"
    "  -h, --header-numbering=STYLE    use STYLE for numbering header lines\n"
    "  -i, --line-increment=NUMBER     line number increment at each line\n"
    "  -l, --join-blank-lines=NUMBER   group of NUMBER empty lines counted as one\n"
    "  -n, --number-format=FORMAT      insert line numbers according to FORMAT\n"
    "  -p, --no-renumber               do not reset line numbers for each section\n"
    "  -s, --number-separator=STRING   add STRING after (possible) line number\n"
    "  -v, --starting-line-number=NUMBER  first line number for each section\n"
    "  -w, --number-width=NUMBER       use NUMBER columns for line numbers\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Default options are: -bt -d'\\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6\n"
    "\n"
    "STYLE is one of:\n"
    "  a      number all lines\n"
    "  t      number only nonempty lines\n"
    "  n      number no lines\n"
    "  pBRE   number only lines that contain a match for the basic regular\n"
    "         expression, BRE\n"
    "\n"
    "FORMAT is one of:\n"
    "  ln     left justified, no leading zeros\n"
    "  rn     right justified, no leading zeros\n"
    "  rz     right justified, leading zeros\n";

constexpr LongOption k_long_options[] = {
    {"body-numbering", Argument::required, 'b'},
    {"section-delimiter", Argument::required, 'd'},
    {"footer-numbering", Argument::required, 'f'},
    {"header-numbering", Argument::required, 'h'},
    {"line-increment", Argument::required, 'i'},
    {"join-blank-lines", Argument::required, 'l'},
    {"number-format", Argument::required, 'n'},
    {"no-renumber", Argument::none, 'p'},
    {"number-separator", Argument::required, 's'},
    {"starting-line-number", Argument::required, 'v'},
    {"number-width", Argument::required, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Style {
    char kind{'n'};  // a t n p
    regex_t regex{};
    bool compiled{false};
};

struct Settings {
    Style header;
    Style body;
    Style footer;
    std::string delimiter{"\\:"};
    intmax_t increment{1};
    intmax_t join_blank{1};
    std::string format{"rn"};
    bool renumber{true};
    std::string separator{"\t"};
    intmax_t start{1};
    int width{6};
};

int usage_fail(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return try_help(k_program);
}

// nl.c build_type_arg(); "" or the error (regex errors are printed as they are).
bool parse_style(const char* text, Style& style, const char* which, int& status) {
    switch (text[0]) {
    case 'a':
    case 't':
    case 'n':
        style.kind = text[0];
        return true;
    case 'p': {
        style.kind = 'p';
        int result = regcomp(&style.regex, text + 1, 0);
        if (result != 0) {
            char message[256];
            regerror(result, &style.regex, message, sizeof message);
            write_all(2, std::string(k_program) + ": " + message + "\n");
            status = 1;
            return false;
        }
        style.compiled = true;
        return true;
    }
    default:
        status = usage_fail(std::string("invalid ") + which + " numbering style: " + quote(text));
        return false;
    }
}

// xdectoimax() with GNU's messages; false after one.
bool parse_number(const char* text, intmax_t minimum, intmax_t maximum, const char* what, intmax_t& value) {
    std::string_view digits(text);
    size_t i = 0;
    while (i < digits.size() && (digits[i] == ' ' || (digits[i] >= '\t' && digits[i] <= '\r')))
        ++i;
    bool negative = i < digits.size() && digits[i] == '-';
    if (i < digits.size() && (digits[i] == '-' || digits[i] == '+'))
        ++i;
    size_t start = i;
    uintmax_t magnitude = 0;
    bool overflow = false;
    for (; i < digits.size() && digits[i] >= '0' && digits[i] <= '9'; ++i) {
        uintmax_t digit = static_cast<uintmax_t>(digits[i] - '0');
        if (magnitude > (UINTMAX_MAX - digit) / 10)
            overflow = true;
        else
            magnitude = magnitude * 10 + digit;
    }
    std::string message = std::string(k_program) + ": " + what + ": " + quote(text);
    if (i == start || i != digits.size()) {
        write_all(2, message + "\n");
        return false;
    }
    uintmax_t limit = negative ? static_cast<uintmax_t>(INTMAX_MAX) + 1 : static_cast<uintmax_t>(INTMAX_MAX);
    if (overflow || magnitude > limit) {
        write_all(2, message + ": Value too large for defined data type\n");
        return false;
    }
    value = negative ? static_cast<intmax_t>(0 - magnitude) : static_cast<intmax_t>(magnitude);
    if (value < minimum || value > maximum) {
        write_all(2, message + ": Numerical result out of range\n");
        return false;
    }
    return true;
}

class Numberer final {
public:
    Numberer(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {
        m_current = &settings.body;
        m_number = settings.start;
        m_blank_prefix.assign(static_cast<size_t>(settings.width) + settings.separator.size(), ' ');
        const std::string& d = settings.delimiter;
        m_footer = d;
        m_body = d + d;
        m_header = d + d + d;
    }

    // One line, its newline removed.
    void line(std::string_view text) {
        if (m_footer.size() >= 2 && text.size() >= 2 && text.substr(0, 2) == std::string_view(m_footer).substr(0, 2)) {
            const Style* section = text == m_header ? &m_settings.header
                                   : text == m_body ? &m_settings.body
                                   : text == m_footer ? &m_settings.footer
                                                      : nullptr;
            if (section != nullptr) {
                m_current = section;
                if (m_settings.renumber)
                    m_number = m_settings.start;
                m_out.put('\n');
                return;
            }
        }
        switch (m_current->kind) {
        case 'a':
            if (m_settings.join_blank > 1) {
                if (!text.empty() || ++m_blank_lines == m_settings.join_blank) {
                    print_number();
                    m_blank_lines = 0;
                } else {
                    m_out.write(m_blank_prefix);
                }
            } else {
                print_number();
            }
            break;
        case 't':
            if (!text.empty())
                print_number();
            else
                m_out.write(m_blank_prefix);
            break;
        case 'n': m_out.write(m_blank_prefix); break;
        case 'p': {
            std::string copy(text);
            if (regexec(&m_current->regex, copy.c_str(), 0, nullptr, 0) == 0)
                print_number();
            else
                m_out.write(m_blank_prefix);
            break;
        }
        }
        if (m_overflow_hit)
            return;
        m_out.write(text);
        m_out.put('\n');
    }

    bool overflowed() const { return m_overflow_hit; }

private:
    void print_number() {
        if (m_overflow) {
            m_overflow_hit = true;
            return;
        }
        const char* format = m_settings.format == "ln" ? "%-*jd" : m_settings.format == "rz" ? "%0*jd" : "%*jd";
        char buffer[64];
        int length = std::snprintf(buffer, sizeof buffer, format, m_settings.width, m_number);
        if (length > 0 && static_cast<size_t>(length) < sizeof buffer) {
            m_out.write(std::string_view(buffer, static_cast<size_t>(length)));
        } else {
            std::string wide(static_cast<size_t>(length) + 1, '\0');
            std::snprintf(wide.data(), wide.size(), format, m_settings.width, m_number);
            wide.resize(static_cast<size_t>(length));
            m_out.write(wide);
        }
        m_out.write(m_settings.separator);
        if (__builtin_add_overflow(m_number, m_settings.increment, &m_number))
            m_overflow = true;
    }

    const Settings& m_settings;
    Output& m_out;
    const Style* m_current;
    intmax_t m_number;
    intmax_t m_blank_lines{0};
    bool m_overflow{false};
    bool m_overflow_hit{false};
    std::string m_blank_prefix;
    std::string m_header;
    std::string m_body;
    std::string m_footer;
};

}  // namespace

int nl_main(int argc, char** argv) {
    Settings settings;
    settings.body.kind = 't';
    int status = 0;
    OptionParser parser(k_program, argc, argv, "b:d:f:h:i:l:n:ps:v:w:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b':
            if (!parse_style(option.argument, settings.body, "body", status))
                return status;
            break;
        case 'h':
            if (!parse_style(option.argument, settings.header, "header", status))
                return status;
            break;
        case 'f':
            if (!parse_style(option.argument, settings.footer, "footer", status))
                return status;
            break;
        case 'd': {
            std::string_view value(option.argument);
            settings.delimiter = std::string(value);
            if (value.size() == 1)
                settings.delimiter.push_back(':');
            break;
        }
        case 'i':
            if (!parse_number(option.argument, INTMAX_MIN, INTMAX_MAX, "invalid line number increment",
                              settings.increment))
                return 1;
            break;
        case 'l':
            if (!parse_number(option.argument, 1, INTMAX_MAX, "invalid line number of blank lines",
                              settings.join_blank))
                return 1;
            break;
        case 'n':
            settings.format = option.argument;
            if (settings.format != "ln" && settings.format != "rn" && settings.format != "rz")
                return usage_fail("invalid line numbering format: " + quote(option.argument));
            break;
        case 'p': settings.renumber = false; break;
        case 's': settings.separator = option.argument; break;
        case 'v':
            if (!parse_number(option.argument, INTMAX_MIN, INTMAX_MAX, "invalid starting line number",
                              settings.start))
                return 1;
            break;
        case 'w': {
            intmax_t width = 0;
            if (!parse_number(option.argument, 1, INT_MAX, "invalid line number field width", width))
                return 1;
            settings.width = static_cast<int>(width);
            break;
        }
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    std::vector<std::string> names;
    for (std::string_view operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    Output out;
    Numberer numberer(settings, out);
    for (const auto& name : names) {
        int fd = open_input(name);
        if (fd < 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        LineReader reader(fd);
        std::string_view line;
        // A last line without a newline is a line of its own, as readlinebuffer() makes it.
        while (reader.next(line) && !out.failed()) {
            if (line.back() == '\n')
                line.remove_suffix(1);
            numberer.line(line);
            if (numberer.overflowed())
                break;
        }
        if (fd != 0)
            ::close(fd);
        if (reader.error() != 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(reader.error()) +
                             "\n");
            status = 1;
        }
        if (out.failed() || numberer.overflowed())
            break;
    }
    if (numberer.overflowed()) {
        out.flush();
        write_all(2, std::string(k_program) + ": line number overflow\n");
        return finish(out, k_program, 1);
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
