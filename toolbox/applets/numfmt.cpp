// numfmt, as GNU coreutils: numbers read with --from (si, iec, iec-i, auto suffixes) and
// --from-unit, written with --to (si, iec, iec-i) and --to-unit, rounded per --round (GNU's
// default rounds away from zero), --suffix, --padding (and GNU's automatic padding of fields
// that came with leading blanks), --format %[0]['][-][N][.N]f, on the operands or on each line
// of stdin (--field lists, -d, --header, -z), with GNU's --invalid modes and messages.
// applet: numfmt numfmt_main
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/argmatch.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "numfmt";

constexpr std::string_view k_usage =
    "Usage: numfmt [OPTION]... [NUMBER]...\n"
    "Reformat NUMBER(s), or the numbers from standard input if none are specified.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "      --debug          print warnings about invalid input\n"
    "  -d, --delimiter=X    use X instead of whitespace for field delimiter\n"
    "      --field=FIELDS   replace the numbers in these input fields (default=1);\n"
    "                         see FIELDS below\n"
    "      --format=FORMAT  use printf style floating-point FORMAT;\n"
    "                         see FORMAT below for details\n"
    "      --from=UNIT      auto-scale input numbers to UNITs; default is 'none';\n"
    "                         see UNIT below\n"
    "      --from-unit=N    specify the input unit size (instead of the default 1)\n"
    "      --grouping       use locale-defined grouping of digits, e.g. 1,000,000\n"
    "                         (which means it has no effect in the C/POSIX locale)\n"
    "      --header[=N]     print (without converting) the first N header lines;\n"
    "                         N defaults to 1 if not specified\n"
    "      --invalid=MODE   failure mode for invalid numbers: MODE can be:\n"
    "                         abort (default), fail, warn, ignore\n"
    "      --padding=N      pad the output to N characters; positive N will\n"
    "                         right-align; negative N will left-align;\n"
    "                         padding is ignored if the output is wider than N;\n"
    "                         the default is to automatically pad if a whitespace\n"
    "                         is found\n"
    "      --round=METHOD   use METHOD for rounding when scaling; METHOD can be:\n"
    "                         up, down, from-zero (default), towards-zero, nearest\n"
    "      --suffix=SUFFIX  add SUFFIX to output numbers, and accept optional\n"
    "                         SUFFIX in input numbers\n"
    "      --to=UNIT        auto-scale output numbers to UNITs; see UNIT below\n"
    "      --to-unit=N      the output unit size (instead of the default 1)\n"
    "  -z, --zero-terminated    line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "UNIT options:\n"
    "  none       no auto-scaling is done; suffixes will trigger an error\n"
    "  auto       accept optional single/two letter suffix:\n"
    "               1K = 1000,\n"
    "               1Ki = 1024,\n"
    "               1M = 1000000,\n"
    "               1Mi = 1048576,\n"
    "  si         accept optional single letter suffix:\n"
    "               1K = 1000,\n"
    "               1M = 1000000,\n"
    "               ...\n"
    "  iec        accept optional single letter suffix:\n"
    "               1K = 1024,\n"
    "               1M = 1048576,\n"
    "               ...\n"
    "  iec-i      accept optional two-letter suffix:\n"
    "               1Ki = 1024,\n"
    "               1Mi = 1048576,\n"
    "               ...\n"
    "\n"
    "FIELDS supports cut(1) style field ranges:\n"
    "  N    N'th field, counted from 1\n"
    "  N-   from N'th field, to end of line\n"
    "  N-M  from N'th to M'th field (inclusive)\n"
    "  -M   from first to M'th field (inclusive)\n"
    "  -    all fields\n"
    "Multiple fields/ranges can be separated with commas\n"
    "\n"
    "FORMAT must be suitable for printing one floating-point argument '%f'.\n"
    "Optional quote (%'f) will enable --grouping (if supported by current locale).\n"
    "Optional width value (%10f) will pad output. Optional zero (%010f) width\n"
    "will zero pad the number. Optional negative values (%-10f) will left align.\n"
    "Optional precision (%.1f) will override the input determined precision.\n"
    "\n"
    "Exit status is 0 if all input numbers were successfully converted.\n"
    "By default, numfmt will stop at the first conversion error with exit status 2.\n"
    "With --invalid='fail' a warning is printed for each conversion error\n"
    "and the exit status is 2.  With --invalid='warn' each conversion error is\n"
    "diagnosed, but the exit status is 0.  With --invalid='ignore' conversion\n"
    "errors are not diagnosed and the exit status is 0.\n"
    "\n"
    "Examples:\n"
    "  $ numfmt --to=si 1000\n"
    "            -> \"1.0K\"\n"
    "  $ numfmt --to=iec 2048\n"
    "           -> \"2.0K\"\n"
    "  $ numfmt --to=iec-i 4096\n"
    "           -> \"4.0Ki\"\n"
    "  $ echo 1K | numfmt --from=si\n"
    "           -> \"1000\"\n"
    "  $ echo 1K | numfmt --from=iec\n"
    "           -> \"1024\"\n"
    "  $ df -B1 | numfmt --header --field 2-4 --to=si\n"
    "  $ ls -l  | numfmt --header --field 5 --to=iec\n"
    "  $ ls -lh | numfmt --header --field 5 --from=iec --padding=10\n"
    "  $ ls -lh | numfmt --header --field 5 --from=iec --format %10f\n";

enum {
    k_from = k_long_only, k_from_unit, k_to, k_to_unit, k_round, k_suffix, k_grouping, k_padding, k_field,
    k_header, k_format, k_invalid, k_debug,
};

constexpr LongOption k_long_options[] = {
    {"from", Argument::required, k_from},
    {"from-unit", Argument::required, k_from_unit},
    {"to", Argument::required, k_to},
    {"to-unit", Argument::required, k_to_unit},
    {"round", Argument::required, k_round},
    {"suffix", Argument::required, k_suffix},
    {"grouping", Argument::none, k_grouping},
    {"padding", Argument::required, k_padding},
    {"field", Argument::required, k_field},
    {"delimiter", Argument::required, 'd'},
    {"header", Argument::optional, k_header},
    {"format", Argument::required, k_format},
    {"invalid", Argument::required, k_invalid},
    {"zero-terminated", Argument::none, 'z'},
    {"debug", Argument::none, k_debug},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Scale { none, si, iec, iec_i, automatic };
enum class Round { up, down, from_zero, towards_zero, nearest };
enum class Invalid { abort, fail, warn, ignore };

struct Settings {
    Scale from{Scale::none};
    Scale to{Scale::none};
    double from_unit{1};
    double to_unit{1};
    Round round{Round::from_zero};
    std::string suffix;
    long padding{0};  // negative: left-aligned
    bool auto_padding{false};
    std::vector<std::pair<uint64_t, uint64_t>> fields{{1, 1}};
    int delimiter{-1};  // -1: blanks
    uint64_t header{0};
    std::string format_prefix;
    std::string format_suffix;
    bool zero_pad{false};
    int user_precision{-1};
    Invalid invalid{Invalid::abort};
    char eol{'\n'};
};

constexpr char k_suffixes[] = "KMGTPEZY";

int die(const std::string& message, int status = 1) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return status;
}

double round_value(double value, Round round) {
    switch (round) {
    case Round::up: return std::ceil(value);
    case Round::down: return std::floor(value);
    case Round::from_zero: return value < 0 ? std::floor(value) : std::ceil(value);
    case Round::towards_zero: return std::trunc(value);
    case Round::nearest: return std::round(value);
    }
    return value;
}

// The number at the start of `text` with its suffix applied; "" or the error message.
std::string parse_number(std::string_view text, const Settings& settings, double& value, int& precision) {
    std::string original(text);
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    size_t start = i;
    if (i < text.size() && text[i] == '-')
        ++i;
    size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        ++i, ++digits;
    precision = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        size_t fraction = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i, ++fraction;
        if (fraction == 0)
            return "invalid number: " + quote(original);
        digits += fraction;
        precision = static_cast<int>(fraction);
    }
    if (digits == 0)
        return "invalid number: " + quote(original);
    value = std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr);
    if (i < text.size()) {
        const char* found = std::strchr(k_suffixes, text[i]);
        if (!found || text[i] == '\0')
            return "invalid suffix in input: " + quote(original);
        if (settings.from == Scale::none)
            return "rejecting suffix in input: " + quote(original) + " (consider using --from)";
        int power = static_cast<int>(found - k_suffixes) + 1;
        ++i;
        bool has_i = i < text.size() && text[i] == 'i';
        double base = 1000;
        if (settings.from == Scale::iec_i) {
            if (!has_i)
                return "missing 'i' suffix in input: " + quote(original) + " (e.g Ki/Mi/Gi)";
            base = 1024;
            ++i;
        } else if (settings.from == Scale::automatic) {
            if (has_i) {
                base = 1024;
                ++i;
            }
        } else {
            if (has_i)
                return "invalid suffix in input " + quote(original) + ": 'i'";
            base = settings.from == Scale::iec ? 1024 : 1000;
        }
        if (i < text.size())
            return "invalid suffix in input: " + quote(original);
        value *= std::pow(base, power);
        precision = 0;
    }
    return {};
}

// GNU's double_to_human(): the number as text, scaled for --to.
std::string format_number(double value, int precision, const Settings& settings) {
    char buffer[512];
    std::string width_flags = settings.zero_pad && settings.padding > 0 ? "0" + std::to_string(settings.padding) : "";
    if (settings.to == Scale::none) {
        int digits = settings.user_precision >= 0 ? settings.user_precision : precision;
        double scale = std::pow(10.0, digits);
        value = round_value(value * scale, settings.round) / scale;
        std::snprintf(buffer, sizeof buffer, ("%" + width_flags + ".*f").c_str(), digits, value);
        return buffer;
    }
    double base = settings.to == Scale::si ? 1000 : 1024;
    unsigned power = 0;
    while (std::fabs(value) >= base && power < 8) {
        value /= base;
        ++power;
    }
    int adjust = 0;
    if (settings.user_precision >= 0)
        adjust = std::min(static_cast<int>(power) * 3, settings.user_precision);
    else if (std::fabs(value) < 10)
        adjust = 1;
    double scale = std::pow(10.0, adjust);
    value = round_value(value * scale, settings.round) / scale;
    if (std::fabs(value) >= base && power < 8) {
        value /= base;
        ++power;
    }
    bool decimal = value != 0 && std::fabs(value) < 10 && power > 0;
    int digits = settings.user_precision >= 0 ? adjust : (decimal ? 1 : 0);
    std::snprintf(buffer, sizeof buffer, ("%" + width_flags + ".*f").c_str(), digits, value);
    std::string text = buffer;
    if (power > 0) {
        text += k_suffixes[power - 1];
        if (settings.to == Scale::iec_i)
            text += 'i';
    }
    return text;
}

bool field_selected(const Settings& settings, uint64_t field) {
    for (auto [low, high] : settings.fields)
        if (field >= low && field <= high)
            return true;
    return false;
}

class Converter final {
public:
    Converter(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    // false when --invalid=abort stops everything.
    bool convert_field(std::string_view text, uint64_t field);
    bool convert_line(std::string_view line);
    bool saw_invalid() const { return m_invalid; }

private:
    const Settings& m_settings;
    Output& m_out;
    bool m_invalid{false};
};

bool Converter::convert_field(std::string_view text, uint64_t field) {
    if (!field_selected(m_settings, field)) {
        m_out.write(text);
        return true;
    }
    std::string_view number = text;
    if (!m_settings.suffix.empty() && number.ends_with(m_settings.suffix))
        number.remove_suffix(m_settings.suffix.size());
    double value = 0;
    int precision = 0;
    std::string error = parse_number(number, m_settings, value, precision);
    if (!error.empty()) {
        m_invalid = true;
        if (m_settings.invalid != Invalid::ignore) {
            m_out.flush();
            write_all(2, std::string(k_program) + ": " + error + "\n");
        }
        if (m_settings.invalid == Invalid::abort)
            return false;
        m_out.write(text);
        return true;
    }
    value = value * m_settings.from_unit / m_settings.to_unit;
    std::string body = format_number(value, precision, m_settings) + m_settings.suffix;
    long width = m_settings.padding;
    if (m_settings.auto_padding && width == 0) {
        bool leading_blank = !text.empty() && (text[0] == ' ' || text[0] == '\t');
        width = leading_blank || field > 1 ? static_cast<long>(text.size()) : 0;
    }
    if (m_settings.zero_pad)
        width = 0;  // already applied by the number's format
    size_t size = body.size();
    if (width > 0 && static_cast<size_t>(width) > size)
        body = std::string(static_cast<size_t>(width) - size, ' ') + body;
    else if (width < 0 && static_cast<size_t>(-width) > size)
        body += std::string(static_cast<size_t>(-width) - size, ' ');
    m_out.write(m_settings.format_prefix + body + m_settings.format_suffix);
    return true;
}

bool Converter::convert_line(std::string_view line) {
    uint64_t field = 0;
    size_t position = 0;
    while (true) {
        ++field;
        size_t end = position;
        if (m_settings.delimiter >= 0) {
            end = line.find(static_cast<char>(m_settings.delimiter), position);
            if (end == std::string_view::npos)
                end = line.size();
        } else {
            while (end < line.size() && (line[end] == ' ' || line[end] == '\t'))
                ++end;
            while (end < line.size() && line[end] != ' ' && line[end] != '\t')
                ++end;
        }
        if (!convert_field(line.substr(position, end - position), field))
            return false;
        if (end >= line.size())
            break;
        m_out.put(m_settings.delimiter >= 0 ? static_cast<char>(m_settings.delimiter) : ' ');
        position = end + 1;
    }
    m_out.put(m_settings.eol);
    return true;
}

// --field: N, N-M, N-, -M, comma separated; "" or the message.
std::string parse_fields(std::string_view list, Settings& settings) {
    settings.fields.clear();
    if (list == "-") {
        settings.fields.emplace_back(1, UINT64_MAX);
        return {};
    }
    while (true) {
        size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        size_t dash = item.find('-');
        uint64_t low = 1;
        uint64_t high = UINT64_MAX;
        auto number = [](std::string_view text, uint64_t& value) {
            return !text.empty() && parse_decimal(text, value) == NumberStatus::ok && text[0] != '+' && text[0] != ' ';
        };
        if (dash == std::string_view::npos) {
            if (!number(item, low))
                return "invalid field value " + quote(item);
            high = low;
        } else {
            if (dash > 0 && !number(item.substr(0, dash), low))
                return "invalid field range";
            if (dash + 1 < item.size() && !number(item.substr(dash + 1), high))
                return "invalid field range";
            if (dash == 0 && dash + 1 == item.size())
                return "invalid range with no endpoint: -";
        }
        if (low == 0 || high == 0)
            return "fields are numbered from 1";
        if (high < low)
            return "invalid decreasing range";
        settings.fields.emplace_back(low, high);
        if (comma == std::string_view::npos)
            return {};
        list.remove_prefix(comma + 1);
    }
}

// --format: prefix %[0]['][-][N][.N]f suffix; "" or the message.
std::string parse_format(std::string_view format, Settings& settings) {
    size_t percent = std::string_view::npos;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%') {
            if (i + 1 < format.size() && format[i + 1] == '%') {
                ++i;
                continue;
            }
            percent = i;
            break;
        }
    }
    if (percent == std::string_view::npos)
        return "format " + quote(format) + " has no % directive";
    size_t i = percent + 1;
    bool left = false;
    for (; i < format.size(); ++i) {
        if (format[i] == '0')
            settings.zero_pad = true;
        else if (format[i] == '-')
            left = true;
        else if (format[i] != '\'')
            break;
    }
    long width = 0;
    while (i < format.size() && format[i] >= '0' && format[i] <= '9')
        width = width * 10 + (format[i++] - '0');
    if (i < format.size() && format[i] == '.') {
        ++i;
        int precision = 0;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9')
            precision = precision * 10 + (format[i++] - '0');
        settings.user_precision = precision;
    }
    if (i >= format.size() || format[i] != 'f')
        return "invalid format " + quote(format) + ", directive must be %[0]['][-][N][.][N]f";
    // GNU keeps the text around the directive raw: the prefix is as many bytes as it counted
    // characters (a "%%" counting once), the suffix is the rest as written.
    size_t prefix_length = 0;
    for (size_t k = 0; k < percent; k += format[k] == '%' ? 2 : 1)
        ++prefix_length;
    std::string_view rest = format.substr(i + 1);
    for (size_t k = 0; k < rest.size(); ++k) {
        if (rest[k] == '%') {
            if (k + 1 < rest.size() && rest[k + 1] == '%') {
                ++k;
                continue;
            }
            return "format " + quote(format) + " has too many % directives";
        }
    }
    settings.format_prefix = format.substr(0, prefix_length);
    settings.format_suffix = rest;
    if (left)
        settings.zero_pad = false;
    if (width != 0)
        settings.padding = left ? -width : width;
    return {};
}

constexpr ArgWord k_scales[] = {{"none", 0}, {"auto", 4}, {"si", 1}, {"iec", 2}, {"iec-i", 3}};
constexpr ArgWord k_to_scales[] = {{"none", 0}, {"si", 1}, {"iec", 2}, {"iec-i", 3}};
constexpr ArgWord k_rounds[] = {{"up", 0}, {"down", 1}, {"from-zero", 2}, {"towards-zero", 3}, {"nearest", 4}};
constexpr ArgWord k_invalids[] = {{"abort", 0}, {"fail", 1}, {"warn", 2}, {"ignore", 3}};

// A --from-unit/--to-unit value: a number with an optional si/iec suffix.
bool parse_unit(std::string_view text, double& unit) {
    Settings scratch;
    scratch.from = Scale::automatic;
    int precision = 0;
    return parse_number(text, scratch, unit, precision).empty() && unit > 0 && text.find('.') == std::string_view::npos;
}

// The options; -1 to go on, else the exit status.
int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string_view>& operands) {
    OptionParser parser(k_program, argc, argv, "d:z", k_long_options);
    bool padding_given = false;
    while (auto option = parser.next()) {
        std::string error;
        int value = 0;
        switch (option.id) {
        case k_from:
            if ((value = argmatch(k_program, "--from", option.argument, k_scales)) < 0)
                return 1;
            settings.from = static_cast<Scale>(value);
            break;
        case k_to:
            if ((value = argmatch(k_program, "--to", option.argument, k_to_scales)) < 0)
                return 1;
            settings.to = static_cast<Scale>(value);
            break;
        case k_from_unit:
        case k_to_unit:
            if (!parse_unit(option.argument, option.id == k_from_unit ? settings.from_unit : settings.to_unit))
                return die("invalid unit size: " + quote(option.argument));
            break;
        case k_round:
            if ((value = argmatch(k_program, "--round", option.argument, k_rounds)) < 0)
                return 1;
            settings.round = static_cast<Round>(value);
            break;
        case k_invalid:
            if ((value = argmatch(k_program, "--invalid", option.argument, k_invalids)) < 0)
                return 1;
            settings.invalid = static_cast<Invalid>(value);
            break;
        case k_suffix: settings.suffix = option.argument; break;
        case k_grouping: break;  // the C locale has no grouping
        case k_padding: {
            char* end = nullptr;
            long width = std::strtol(option.argument, &end, 10);
            if (*option.argument == '\0' || *end != '\0' || width == 0)
                return die("invalid padding value " + quote(option.argument));
            settings.padding = width;
            padding_given = true;
            break;
        }
        case k_field:
            error = parse_fields(option.argument, settings);
            if (!error.empty()) {
                write_all(2, std::string(k_program) + ": " + error + "\n");
                return try_help(k_program);
            }
            break;
        case 'd':
            if (std::strlen(option.argument) > 1)
                return die("the delimiter must be a single character");
            settings.delimiter = static_cast<unsigned char>(option.argument[0]);
            break;
        case k_header:
            settings.header = 1;
            if (option.argument) {
                uint64_t lines = 0;
                if (parse_decimal(option.argument, lines) != NumberStatus::ok || lines == 0)
                    return die("invalid header value " + quote(option.argument));
                settings.header = lines;
            }
            break;
        case k_format:
            error = parse_format(option.argument, settings);
            if (!error.empty())
                return die(error);
            break;
        case 'z': settings.eol = '\0'; break;
        case k_debug: break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    settings.auto_padding = !padding_given && settings.padding == 0 && settings.delimiter < 0;
    operands = parser.operands();
    if (!operands.empty() && settings.header > 0)
        write_all(2, std::string(k_program) + ": --header ignored with command-line input\n");
    return -1;
}

}  // namespace

int numfmt_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string_view> operands;
    int status = parse_options(argc, argv, settings, operands);
    if (status >= 0)
        return status;
    Output out;
    Converter converter(settings, out);
    if (!operands.empty()) {
        for (std::string_view operand : operands) {
            if (!converter.convert_line(operand))
                return finish(out, k_program, 2);
        }
    } else {
        LineReader reader(0, settings.eol);
        std::string_view line;
        uint64_t number = 0;
        while (reader.next(line) && !out.failed()) {
            if (!line.empty() && line.back() == settings.eol)
                line.remove_suffix(1);
            if (++number <= settings.header) {
                out.write(line);
                out.put(settings.eol);
                continue;
            }
            if (!converter.convert_line(line))
                return finish(out, k_program, 2);
        }
    }
    bool failed = converter.saw_invalid() && settings.invalid == Invalid::fail;
    return finish(out, k_program, failed ? 2 : 0);
}

}  // namespace toolbox
