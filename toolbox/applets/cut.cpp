// cut, as GNU coreutils: selected bytes (-b), characters (-c, bytes in the C locale) or fields
// (-f with -d, default TAB) of each line; LIST is ranges N, N-, N-M, -M separated by commas or
// blanks; --complement, -s (only lines holding the delimiter), --output-delimiter, -z. List
// errors are GNU's (coreutils set-fields.c). Streams line by line.
// applet: cut cut_main
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
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

constexpr char k_program[] = "cut";

constexpr std::string_view k_usage =
    "Usage: cut OPTION... [FILE]...\n"
    "Print selected parts of lines from each FILE to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -b, --bytes=LIST        select only these bytes\n"
    "  -c, --characters=LIST   select only these characters\n"
    "  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter\n"
    "  -f, --fields=LIST       select only these fields;  also print any line\n"
    "                            that contains no delimiter character, unless\n"
    "                            the -s option is specified\n"
    "  -n                      (ignored)\n"
    "      --complement        complement the set of selected bytes, characters\n"
    "                            or fields\n"
    "  -s, --only-delimited    do not print lines not containing delimiters\n"
    "      --output-delimiter=STRING  use STRING as the output delimiter\n"
    "                            the default is to use the input delimiter\n"
    "  -z, --zero-terminated    line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Use one, and only one of -b, -c or -f.  Each LIST is made up of one\n"
    "range, or many ranges separated by commas.\n";

constexpr int k_complement = k_long_only;
constexpr int k_output_delimiter = k_long_only + 1;

constexpr LongOption k_long_options[] = {
    {"bytes", Argument::required, 'b'},
    {"characters", Argument::required, 'c'},
    {"fields", Argument::required, 'f'},
    {"delimiter", Argument::required, 'd'},
    {"only-delimited", Argument::none, 's'},
    {"output-delimiter", Argument::required, k_output_delimiter},
    {"complement", Argument::none, k_complement},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Range {
    uint64_t low;
    uint64_t high;
};

// The selected positions: sorted ranges, overlapping ones merged (adjacent ones are not, so the
// output delimiter still separates them, as GNU does).
struct Selection {
    std::vector<Range> ranges;

    bool selected(uint64_t position, size_t& cursor) const {
        while (cursor < ranges.size() && ranges[cursor].high < position)
            ++cursor;
        return cursor < ranges.size() && ranges[cursor].low <= position;
    }
    bool range_start(uint64_t position, size_t cursor) const {
        return cursor < ranges.size() && ranges[cursor].low == position;
    }
};

int usage_error(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return try_help(k_program);
}

// Mirrors coreutils set-fields.c set_fields(); "" or the message.
std::string parse_list(std::string_view list, bool positions, bool complement, Selection& selection) {
    const char* numbered = positions ? "byte/character positions are numbered from 1" : "fields are numbered from 1";
    uint64_t initial = 1;
    uint64_t value = 0;
    bool lhs = false;
    bool rhs = false;
    bool dash = false;
    size_t number_start = 0;
    bool in_digits = false;
    std::vector<Range> ranges;
    for (size_t i = 0;; ++i) {
        char c = i < list.size() ? list[i] : '\0';
        if (c == '-') {
            in_digits = false;
            if (dash)
                return positions ? "invalid byte or character range" : "invalid field range";
            dash = true;
            if (lhs && value == 0)
                return numbered;
            initial = lhs ? value : 1;
            value = 0;
        } else if (c == ',' || c == ' ' || c == '\t' || i >= list.size()) {
            in_digits = false;
            if (dash) {
                dash = false;
                if (!lhs && !rhs)
                    return "invalid range with no endpoint: -";
                if (!rhs) {
                    ranges.push_back({initial, UINT64_MAX});
                } else {
                    if (value < initial)
                        return "invalid decreasing range";
                    ranges.push_back({initial, value});
                }
            } else {
                if (value == 0)
                    return numbered;
                ranges.push_back({value, value});
            }
            value = 0;
            if (i >= list.size())
                break;
            lhs = false;
            rhs = false;
        } else if (c >= '0' && c <= '9') {
            if (!in_digits)
                number_start = i;
            in_digits = true;
            (dash ? rhs : lhs) = true;
            uint64_t digit = static_cast<uint64_t>(c - '0');
            if (value > (UINT64_MAX - digit) / 10 || value * 10 + digit == UINT64_MAX) {
                size_t length = number_start;
                while (length < list.size() && list[length] >= '0' && list[length] <= '9')
                    ++length;
                std::string number(list.substr(number_start, length - number_start));
                return std::string(positions ? "byte/character offset " : "field number ") + quote(number) +
                       " is too large";
            }
            value = value * 10 + digit;
        } else {
            return std::string(positions ? "invalid byte/character position " : "invalid field value ") +
                   quote(list.substr(i));
        }
    }
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.low < b.low; });
    std::vector<Range> merged;
    for (const Range& range : ranges) {
        if (!merged.empty() && range.low <= merged.back().high)
            merged.back().high = std::max(merged.back().high, range.high);
        else
            merged.push_back(range);
    }
    if (complement) {
        std::vector<Range> inverted;
        uint64_t next = 1;
        for (const Range& range : merged) {
            if (range.low > next)
                inverted.push_back({next, range.low - 1});
            if (range.high == UINT64_MAX) {
                next = UINT64_MAX;
                break;
            }
            next = range.high + 1;
        }
        if (next != UINT64_MAX)
            inverted.push_back({next, UINT64_MAX});
        merged = inverted;
    }
    selection.ranges = merged;
    return {};
}

struct Settings {
    char mode{0};  // 'b', 'c' or 'f'
    Selection selection;
    char delimiter{'\t'};
    bool delimiter_given{false};
    bool only_delimited{false};
    bool output_delimiter_given{false};
    std::string output_delimiter;
    char line_delimiter{'\n'};
};

void cut_bytes(std::string_view line, const Settings& settings, Output& out) {
    size_t cursor = 0;
    bool printed = false;
    for (size_t i = 0; i < line.size(); ++i) {
        uint64_t position = i + 1;
        if (!settings.selection.selected(position, cursor))
            continue;
        if (settings.output_delimiter_given) {
            if (printed && settings.selection.range_start(position, cursor))
                out.write(settings.output_delimiter);
            printed = true;
        }
        out.put(line[i]);
    }
    out.put(settings.line_delimiter);
}

void cut_fields(std::string_view line, const Settings& settings, Output& out) {
    if (line.find(settings.delimiter) == std::string_view::npos) {
        if (!settings.only_delimited) {
            out.write(line);
            out.put(settings.line_delimiter);
        }
        return;
    }
    size_t cursor = 0;
    bool printed = false;
    uint64_t field = 1;
    size_t start = 0;
    while (true) {
        size_t end = line.find(settings.delimiter, start);
        bool last = end == std::string_view::npos;
        if (last)
            end = line.size();
        if (settings.selection.selected(field, cursor)) {
            if (printed)
                out.write(settings.output_delimiter);
            out.write(line.substr(start, end - start));
            printed = true;
        }
        if (last || cursor >= settings.selection.ranges.size())
            break;
        start = end + 1;
        ++field;
    }
    out.put(settings.line_delimiter);
}

// 0, or 1 after a message about `name`.
int cut_file(const std::string& name, const Settings& settings, Output& out) {
    int fd = open_input(name);
    if (fd < 0) {
        write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    LineReader reader(fd, settings.line_delimiter);
    std::string_view line;
    while (reader.next(line) && !out.failed()) {
        if (!line.empty() && line.back() == settings.line_delimiter)
            line.remove_suffix(1);
        if (settings.mode == 'f')
            cut_fields(line, settings, out);
        else
            cut_bytes(line, settings, out);
    }
    if (fd != 0)
        ::close(fd);
    if (reader.error() != 0) {
        out.flush();
        write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(reader.error()) + "\n");
        return 1;
    }
    return 0;
}

}  // namespace

int cut_main(int argc, char** argv) {
    Settings settings;
    const char* list = nullptr;
    bool complement = false;
    OptionParser parser(k_program, argc, argv, "b:c:d:f:nsz", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b':
        case 'c':
        case 'f':
            if (settings.mode != 0)
                return usage_error("only one list may be specified");
            settings.mode = static_cast<char>(option.id);
            list = option.argument;
            break;
        case 'd': {
            std::string_view value(option.argument);
            if (value.size() > 1)
                return usage_error("the delimiter must be a single character");
            settings.delimiter = value.empty() ? '\0' : value[0];
            settings.delimiter_given = true;
            break;
        }
        case 'n': break;
        case 's': settings.only_delimited = true; break;
        case 'z': settings.line_delimiter = '\0'; break;
        case k_complement: complement = true; break;
        case k_output_delimiter:
            settings.output_delimiter = option.argument;
            settings.output_delimiter_given = true;
            break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    if (settings.mode == 0)
        return usage_error("you must specify a list of bytes, characters, or fields");
    if (settings.delimiter_given && settings.mode != 'f')
        return usage_error("an input delimiter may be specified only when operating on fields");
    if (settings.only_delimited && settings.mode != 'f')
        return usage_error("suppressing non-delimited lines makes sense\n\tonly when operating on fields");
    std::string error = parse_list(list, settings.mode != 'f', complement, settings.selection);
    if (!error.empty())
        return usage_error(error);
    if (settings.mode == 'f' && !settings.output_delimiter_given)
        settings.output_delimiter = std::string(1, settings.delimiter);

    std::vector<std::string> files;
    for (std::string_view operand : parser.operands())
        files.emplace_back(operand);
    if (files.empty())
        files.emplace_back("-");
    Output out;
    int status = 0;
    for (const auto& name : files) {
        status |= cut_file(name, settings, out);
        if (out.failed())
            break;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
