// csplit, as GNU coreutils: FILE cut at line numbers (N), regular-expression matches (/RE/ to
// split, %RE% to skip, each with an optional +/-OFFSET) and repeats ({N}, {*}); pieces go to
// PREFIX + printf-style suffix (xx00, xx01, ...: -f, -b, -n) and their sizes to stdout (-s
// hides them); -k keeps the pieces after an error, -z drops empty ones. The input is read whole
// (GNU buffers lines the same way, only in chunks). Patterns use lib/regex (POSIX basic syntax).
// applet: csplit csplit_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"
#include "lib/regex.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "csplit";

constexpr std::string_view k_usage =
    "Usage: csplit [OPTION]... FILE PATTERN...\n"
    "Output pieces of FILE separated by PATTERN(s) to files 'xx00', 'xx01', ...,\n"
    "and output byte counts of each piece to standard output.\n"
    "\n"
    "Read standard input if FILE is -\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -b, --suffix-format=FORMAT  use sprintf FORMAT instead of %02d\n"
    "  -f, --prefix=PREFIX        use PREFIX instead of 'xx'\n"
    "  -k, --keep-files           do not remove output files on errors\n"
    "      --suppress-matched     suppress the lines matching PATTERN\n"
    "  -n, --digits=DIGITS        use specified number of digits instead of 2\n"
    "  -s, --quiet, --silent      do not print counts of output file sizes\n"
    "  -z, --elide-empty-files    remove empty output files\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Each PATTERN may be:\n"
    "  INTEGER            copy up to but not including specified line number\n"
    "  /REGEXP/[OFFSET]   copy up to but not including a matching line\n"
    "  %REGEXP%[OFFSET]   skip to, but not including a matching line\n"
    "  {INTEGER}          repeat the previous pattern specified number of times\n"
    "  {*}                repeat the previous pattern as many times as possible\n"
    "\n"
    "A line OFFSET is an integer optionally preceded by '+' or '-'\n";

constexpr int k_suppress_matched = k_long_only;

constexpr LongOption k_long_options[] = {
    {"digits", Argument::required, 'n'},
    {"quiet", Argument::none, 's'},
    {"silent", Argument::none, 's'},
    {"keep-files", Argument::none, 'k'},
    {"elide-empty-files", Argument::none, 'z'},
    {"prefix", Argument::required, 'f'},
    {"suffix-format", Argument::required, 'b'},
    {"suppress-matched", Argument::none, k_suppress_matched},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// One PATTERN operand with its repeat count.
struct Control {
    std::string text;              // the operand, for messages
    std::unique_ptr<Regex> regex;  // null for a line number
    bool skip{false};              // %RE%
    int64_t offset{0};
    uint64_t line{0};
    uint64_t repeat{0};
    bool repeat_forever{false};
};

struct Settings {
    std::string prefix{"xx"};
    std::string suffix_format;  // -b; empty: %0<digits>d
    int digits{2};
    bool quiet{false};
    bool keep{false};
    bool elide_empty{false};
    bool suppress_matched{false};
};

// A fatal error: "csplit: MESSAGE"; returns 1.
int die(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

// The -b FORMAT checked as GNU does: exactly one integer conversion; "" when it is fine.
std::string check_suffix_format(std::string_view format) {
    int conversions = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%')
            continue;
        if (i + 1 < format.size() && format[i + 1] == '%') {
            ++i;
            continue;
        }
        ++i;
        while (i < format.size() && std::strchr("-+ #0'", format[i]) != nullptr)
            ++i;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9')
            ++i;
        if (i < format.size() && format[i] == '.') {
            ++i;
            while (i < format.size() && format[i] >= '0' && format[i] <= '9')
                ++i;
        }
        if (i >= format.size())
            return "missing conversion specifier in suffix";
        if (std::strchr("diouxX", format[i]) == nullptr) {
            unsigned char c = static_cast<unsigned char>(format[i]);
            if (c >= 0x20 && c < 0x7f)
                return std::string("invalid conversion specifier in suffix: ") + format[i];
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%.3o", c);
            return std::string("invalid conversion specifier in suffix: ") + octal;
        }
        if (++conversions > 1)
            return "too many % conversion specifications in suffix";
    }
    if (conversions == 0)
        return "missing % conversion specification in suffix";
    return {};
}

// The suffix for piece `number`: -b's format (checked already) or %0<digits>d.
std::string format_suffix(const Settings& settings, int number) {
    std::string format = settings.suffix_format.empty() ? "%0" + std::to_string(settings.digits) + "d"
                                                        : settings.suffix_format;
    // The one conversion takes an unsigned int as GNU passes it; d/i are printed as u.
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size() && format[i + 1] == '%') {
            ++i;
            continue;
        }
        if (format[i] == '%') {
            size_t j = i + 1;
            while (j < format.size() && std::strchr("diouxX", format[j]) == nullptr)
                ++j;
            if (j < format.size() && (format[j] == 'd' || format[j] == 'i'))
                format[j] = 'u';
            break;
        }
    }
    int length = std::snprintf(nullptr, 0, format.c_str(), static_cast<unsigned>(number));
    std::string result(static_cast<size_t>(std::max(length, 0)) + 1, '\0');
    std::snprintf(result.data(), result.size(), format.c_str(), static_cast<unsigned>(number));
    result.resize(static_cast<size_t>(std::max(length, 0)));
    return result;
}

// The splitting itself, GNU's process_line_count / process_regexp over the buffered lines.
class Splitter final {
public:
    Splitter(const Settings& settings, std::vector<std::string_view> lines)
        : m_settings(settings), m_lines(std::move(lines)) {}
    // The exit status.
    int run(std::vector<Control>& controls);

private:
    // false when the input has run out.
    bool has_line(uint64_t number) const { return number >= 1 && number <= m_lines.size(); }
    uint64_t first_available() const { return m_next + 1; }
    void create_output();
    void close_output();
    void save(std::string_view line);
    void dump_rest();
    // Prints the pieces' fate after an error: the current piece closed, all removed unless -k.
    int fatal();
    bool line_count(const Control& control, uint64_t repetition);
    // -1 to go on, else the exit status (0 when {*} ran out of input).
    int regexp(const Control& control, uint64_t repetition);
    bool write_until(uint64_t last_line, bool ignore, const Control& control);
    void suppress_matched_line();

    const Settings& m_settings;
    std::vector<std::string_view> m_lines;
    size_t m_next{0};           // index of the first line not yet written or skipped
    uint64_t m_current_line{0};  // GNU's current_line
    std::vector<std::string> m_created;
    int m_fd{-1};
    uint64_t m_bytes{0};
    bool m_failed{false};
};

void Splitter::create_output() {
    std::string name = m_settings.prefix + format_suffix(m_settings, static_cast<int>(m_created.size()));
    m_fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (m_fd < 0) {
        die(quote_file(name) + ": " + strerror_gnu(errno));
        m_failed = true;
    }
    m_created.push_back(name);
    m_bytes = 0;
}

void Splitter::close_output() {
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
    if (m_bytes == 0 && m_settings.elide_empty) {
        ::unlink(m_created.back().c_str());
        m_created.pop_back();
    } else if (!m_settings.quiet) {
        write_all(1, std::to_string(m_bytes) + "\n");
    }
}

void Splitter::save(std::string_view line) {
    if (m_fd >= 0 && !write_all(m_fd, line)) {
        die(quote_file(m_created.back()) + ": " + strerror_gnu(errno));
        m_failed = true;
    }
    m_bytes += line.size();
}

void Splitter::dump_rest() {
    while (m_next < m_lines.size())
        save(m_lines[m_next++]);
}

int Splitter::fatal() {
    close_output();
    if (!m_settings.keep)
        for (const std::string& name : m_created)
            ::unlink(name.c_str());
    return 1;
}

void Splitter::suppress_matched_line() {
    if (m_settings.suppress_matched && m_next < m_lines.size())
        ++m_next;
}

bool Splitter::line_count(const Control& control, uint64_t repetition) {
    uint64_t last_to_save = control.line * (repetition + 1);
    create_output();
    bool out_of_range = m_next >= m_lines.size();
    for (uint64_t number = first_available(); !out_of_range && number < last_to_save; ++number) {
        if (m_next >= m_lines.size()) {
            out_of_range = true;
            break;
        }
        save(m_lines[m_next++]);
    }
    if (out_of_range) {
        std::string message = std::string(k_program) + ": " + quote(std::to_string(control.line)) +
                              ": line number out of range";
        if (repetition != 0)
            message += " on repetition " + std::to_string(repetition);
        write_all(2, message + "\n");
        return false;
    }
    close_output();
    m_current_line = last_to_save;
    suppress_matched_line();
    if (m_next >= m_lines.size()) {  // GNU refuses a split point just past the last line
        std::string message = std::string(k_program) + ": " + quote(std::to_string(control.line)) +
                              ": line number out of range";
        if (repetition != 0)
            message += " on repetition " + std::to_string(repetition);
        write_all(2, message + "\n");
        return false;
    }
    return true;
}

bool Splitter::write_until(uint64_t last_line, bool ignore, const Control& control) {
    uint64_t first = first_available();
    bool error = first > last_line;
    for (uint64_t i = 0; !error && i < last_line - first; ++i) {
        if (m_next >= m_lines.size()) {
            error = true;
            break;
        }
        std::string_view line = m_lines[m_next++];
        if (!ignore)
            save(line);
    }
    if (error)
        die(quote(control.text) + ": line number out of range");
    return !error;
}

int Splitter::regexp(const Control& control, uint64_t repetition) {
    const bool ignore = control.skip;
    if (!ignore)
        create_output();
    while (true) {
        uint64_t number = ++m_current_line;
        if (!has_line(number)) {
            if (control.repeat_forever) {
                if (!ignore) {
                    dump_rest();
                    close_output();
                }
                return 0;
            }
            std::string message = std::string(k_program) + ": " + quote(control.text) + ": match not found";
            if (repetition != 0)
                message += " on repetition " + std::to_string(repetition);
            write_all(2, message + "\n");
            if (!ignore)
                dump_rest();
            return fatal();
        }
        std::string_view line = m_lines[number - 1];
        if (!line.empty() && line.back() == '\n')
            line.remove_suffix(1);
        if (control.regex->matches(line))
            break;
        // Without a negative offset the lines before a match are written as they are passed.
        if (control.offset >= 0 && m_next < m_lines.size()) {
            std::string_view passed = m_lines[m_next++];
            if (!ignore)
                save(passed);
        }
    }
    int64_t break_line = static_cast<int64_t>(m_current_line) + control.offset;
    if (break_line < 0 || !write_until(static_cast<uint64_t>(break_line), ignore, control))
        return fatal();
    if (!ignore)
        close_output();
    if (control.offset > 0)
        m_current_line = static_cast<uint64_t>(break_line);
    suppress_matched_line();
    return -1;
}

int Splitter::run(std::vector<Control>& controls) {
    for (const Control& control : controls) {
        for (uint64_t j = 0; control.repeat_forever || j <= control.repeat; ++j) {
            if (control.regex) {
                int status = regexp(control, j);
                if (status >= 0)
                    return m_failed ? fatal() : status;
            } else if (!line_count(control, j)) {
                return fatal();
            }
            if (m_failed)
                return fatal();
        }
    }
    create_output();
    dump_rest();
    close_output();
    return m_failed ? fatal() : 0;
}

// Parses a signed offset after a regexp's closing delimiter.
bool parse_offset(std::string_view text, int64_t& offset) {
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    uint64_t magnitude = 0;
    if (parse_decimal(text, magnitude) != NumberStatus::ok || text.empty() || text[0] == '+' ||
        magnitude > static_cast<uint64_t>(INT64_MAX))
        return false;
    offset = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
    return true;
}

// PATTERN operands into controls; -1 to go on, else the exit status.
int parse_patterns(const std::vector<std::string_view>& operands, std::vector<Control>& controls) {
    uint64_t last_line = 0;
    for (size_t i = 1; i < operands.size(); ++i) {
        std::string_view text = operands[i];
        Control control;
        control.text = text;
        if (!text.empty() && (text[0] == '/' || text[0] == '%')) {
            char delimiter = text[0];
            size_t closing = text.rfind(delimiter);
            if (closing == 0)
                return die(std::string(text) + ": closing delimiter '" + delimiter + "' missing");
            std::string error;
            control.regex = Regex::compile(text.substr(1, closing - 1), {.syntax = RegexSyntax::basic}, error);
            if (!control.regex)
                return die(quote(text) + ": invalid regular expression: " + error);
            control.skip = delimiter == '%';
            if (closing + 1 < text.size() && !parse_offset(text.substr(closing + 1), control.offset))
                return die(quote(text) + ": integer expected after delimiter");
        } else {
            uint64_t value = 0;
            if (parse_decimal(text, value) != NumberStatus::ok || value > static_cast<uint64_t>(INT64_MAX))
                return die(quote(text) + ": invalid pattern");
            if (value == 0)
                return die(std::string(text) + ": line number must be greater than zero");
            if (value < last_line)
                return die("line number " + quote(text) + " is smaller than preceding line number, " +
                           std::to_string(last_line));
            if (value == last_line)
                write_all(2, std::string(k_program) + ": warning: line number " + quote(text) +
                                 " is the same as preceding line number\n");
            last_line = value;
            control.line = value;
        }
        if (i + 1 < operands.size() && !operands[i + 1].empty() && operands[i + 1][0] == '{') {
            std::string_view repeat = operands[++i];
            if (repeat.back() != '}')
                return die(quote(repeat) + ": '}' is required in repeat count");
            std::string_view inside = repeat.substr(1, repeat.size() - 2);
            if (inside == "*") {
                control.repeat_forever = true;
            } else if (parse_decimal(inside, control.repeat) != NumberStatus::ok ||
                       control.repeat > static_cast<uint64_t>(INT64_MAX)) {
                return die(quote(repeat.substr(0, repeat.size() - 1)) + "}: integer required between '{' and '}'");
            }
        }
        controls.push_back(std::move(control));
    }
    return -1;
}

}  // namespace

int csplit_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "f:b:kn:sqz", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'f': settings.prefix = option.argument; break;
        case 'b': settings.suffix_format = option.argument; break;
        case 'k': settings.keep = true; break;
        case 'n': {
            uint64_t digits = 0;
            if (parse_decimal(option.argument, digits) != NumberStatus::ok || digits > 100000)
                return die("invalid number: " + quote(option.argument));
            settings.digits = static_cast<int>(digits);
            break;
        }
        case 's':
        case 'q': settings.quiet = true; break;
        case 'z': settings.elide_empty = true; break;
        case k_suppress_matched: settings.suppress_matched = true; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (operands.empty())
        return missing_operand(k_program);
    if (operands.size() == 1) {
        write_all(2, std::string(k_program) + ": missing operand after " + quote(operands[0]) + "\n");
        return try_help(k_program);
    }
    if (!settings.suffix_format.empty()) {
        std::string error = check_suffix_format(settings.suffix_format);
        if (!error.empty())
            return die(error);
    }
    std::vector<Control> controls;
    int status = parse_patterns(operands, controls);
    if (status >= 0)
        return status;
    std::string name(operands[0]);
    int fd = open_input(name);
    if (fd < 0)
        return die("cannot open " + quote_file_always(name) + " for reading: " + strerror_gnu(errno));
    int error = 0;
    std::string content = read_all(fd, error);
    if (fd != 0)
        ::close(fd);
    if (error != 0)
        return die("read error: " + std::string(strerror_gnu(error)));
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < content.size();) {
        size_t end = content.find('\n', start);
        end = end == std::string::npos ? content.size() : end + 1;
        lines.push_back(std::string_view(content).substr(start, end - start));
        start = end;
    }
    Splitter splitter(settings, std::move(lines));
    return splitter.run(controls);
}

}  // namespace toolbox
