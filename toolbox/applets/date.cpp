// date, as GNU coreutils: prints a time (now, -d STRING, each line of -f FILE, or -r FILE's
// modification time) with +FORMAT, -I, -R or --rfc-3339, in UTC (-u) or the zone TZ names.
// The sandbox cannot set the clock: -s and a MMDDhhmm[[CC]YY][.ss] operand fail with
// "cannot set date: Operation not permitted" after printing the date, as GNU does without the
// privilege.
// applet: date date_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "lib/argmatch.h"
#include "lib/date_parse.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"
#include "lib/time_format.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: date [OPTION]... [+FORMAT]\n"
    "  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]\n"
    "Display date and time in the given FORMAT.\n"
    "With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -d, --date=STRING          display time described by STRING, not 'now'\n"
    "      --debug                annotate the parsed date,\n"
    "                              and warn about questionable usage to stderr\n"
    "  -f, --file=DATEFILE        like --date; once for each line of DATEFILE\n"
    "  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.\n"
    "                               FMT='date' for date only (the default),\n"
    "                               'hours', 'minutes', 'seconds', or 'ns'\n"
    "                               for date and time to the indicated precision.\n"
    "                               Example: 2006-08-14T02:34:56-06:00\n"
    "  --resolution               output the available resolution of timestamps\n"
    "                               Example: 0.000000001\n"
    "  -R, --rfc-email            output date and time in RFC 5322 format.\n"
    "                               Example: Mon, 14 Aug 2006 02:34:56 -0600\n"
    "      --rfc-3339=FMT         output date/time in RFC 3339 format.\n"
    "                               FMT='date', 'seconds', or 'ns'\n"
    "                               for date and time to the indicated precision.\n"
    "                               Example: 2006-08-14 02:34:56-06:00\n"
    "  -r, --reference=FILE       display the last modification time of FILE\n"
    "  -s, --set=STRING           set time described by STRING\n"
    "  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "FORMAT controls the output.  Interpreted sequences are:\n"
    "\n"
    "  %%   a literal %\n"
    "  %a   locale's abbreviated weekday name (e.g., Sun)\n"
    "  %A   locale's full weekday name (e.g., Sunday)\n"
    "  %b   locale's abbreviated month name (e.g., Jan)\n"
    "  %B   locale's full month name (e.g., January)\n"
    "  %c   locale's date and time (e.g., Thu Mar  3 23:05:25 2005)\n"
    "  %C   century; like %Y, except omit last two digits (e.g., 20)\n"
    "  %d   day of month (e.g., 01)\n"
    "  %D   date; same as %m/%d/%y\n"
    "  %e   day of month, space padded; same as %_d\n"
    "  %F   full date; like %+4Y-%m-%d\n"
    "  %g   last two digits of year of ISO week number (see %G)\n"
    "  %G   year of ISO week number (see %V); normally useful only with %V\n"
    "  %h   same as %b\n"
    "  %H   hour (00..23)\n"
    "  %I   hour (01..12)\n"
    "  %j   day of year (001..366)\n"
    "  %k   hour, space padded ( 0..23); same as %_H\n"
    "  %l   hour, space padded ( 1..12); same as %_I\n"
    "  %m   month (01..12)\n"
    "  %M   minute (00..59)\n"
    "  %n   a newline\n"
    "  %N   nanoseconds (000000000..999999999)\n"
    "  %p   locale's equivalent of either AM or PM; blank if not known\n"
    "  %P   like %p, but lower case\n"
    "  %q   quarter of year (1..4)\n"
    "  %r   locale's 12-hour clock time (e.g., 11:11:04 PM)\n"
    "  %R   24-hour hour and minute; same as %H:%M\n"
    "  %s   seconds since the Epoch (1970-01-01 00:00 UTC)\n"
    "  %S   second (00..60)\n"
    "  %t   a tab\n"
    "  %T   time; same as %H:%M:%S\n"
    "  %u   day of week (1..7); 1 is Monday\n"
    "  %U   week number of year, with Sunday as first day of week (00..53)\n"
    "  %V   ISO week number, with Monday as first day of week (01..53)\n"
    "  %w   day of week (0..6); 0 is Sunday\n"
    "  %W   week number of year, with Monday as first day of week (00..53)\n"
    "  %x   locale's date representation (e.g., 12/31/99)\n"
    "  %X   locale's time representation (e.g., 23:13:48)\n"
    "  %y   last two digits of year (00..99)\n"
    "  %Y   year\n"
    "  %z   +hhmm numeric time zone (e.g., -0400)\n"
    "  %:z  +hh:mm numeric time zone (e.g., -04:00)\n"
    "  %::z  +hh:mm:ss numeric time zone (e.g., -04:00:00)\n"
    "  %:::z  numeric time zone with : to necessary precision (e.g., -04, +05:30)\n"
    "  %Z   alphabetic time zone abbreviation (e.g., EDT)\n"
    "\n"
    "By default, date pads numeric fields with zeroes.\n"
    "The following optional flags may follow '%':\n"
    "\n"
    "  -  (hyphen) do not pad the field\n"
    "  _  (underscore) pad with spaces\n"
    "  0  (zero) pad with zeros\n"
    "  +  pad with zeros, and put '+' before future years with >4 digits\n"
    "  ^  use upper case if possible\n"
    "  #  use opposite case if possible\n"
    "\n"
    "After any flags comes an optional field width, as a decimal number;\n"
    "then an optional modifier, which is either\n"
    "E to use the locale's alternate representations if available, or\n"
    "O to use the locale's alternate numeric symbols if available.\n";

enum : int { k_debug = k_long_only, k_resolution, k_rfc_3339 };

constexpr LongOption k_long_options[] = {
    {"date", Argument::required, 'd'},
    {"debug", Argument::none, k_debug},
    {"file", Argument::required, 'f'},
    {"iso-8601", Argument::optional, 'I'},
    {"reference", Argument::required, 'r'},
    {"resolution", Argument::none, k_resolution},
    {"rfc-email", Argument::none, 'R'},
    {"rfc-822", Argument::none, 'R'},
    {"rfc-2822", Argument::none, 'R'},
    {"rfc-3339", Argument::required, k_rfc_3339},
    {"set", Argument::required, 's'},
    {"uct", Argument::none, 'u'},
    {"utc", Argument::none, 'u'},
    {"universal", Argument::none, 'u'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr ArgWord k_iso_words[] = {{"hours", 1}, {"minutes", 2}, {"date", 0}, {"seconds", 3}, {"ns", 4}};
constexpr const char* k_iso_formats[] = {"%Y-%m-%d", "%Y-%m-%dT%H%:z", "%Y-%m-%dT%H:%M%:z",
                                         "%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S,%N%:z"};
constexpr ArgWord k_rfc_words[] = {{"date", 0}, {"seconds", 1}, {"ns", 2}};
constexpr const char* k_rfc_formats[] = {"%Y-%m-%d", "%Y-%m-%d %H:%M:%S%:z", "%Y-%m-%d %H:%M:%S.%N%:z"};

struct Settings {
    std::string format;
    bool have_format{false};
    const char* date{nullptr};
    const char* file{nullptr};
    const char* reference{nullptr};
    const char* set{nullptr};
    bool resolution{false};
    TimeZone zone;
};

timespec now() {
    timespec value{};
    ::clock_gettime(CLOCK_REALTIME, &value);
    return value;
}

// GNU reads an empty or blank date string as the start of today.
// With daylight saving time a local time is read as standard time if that is consistent, else
// as daylight time; a time in the spring gap is neither, and invalid, as GNU finds it.
std::optional<timespec> parse(std::string_view text, const TimeZone& zone) {
    if (text.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos)
        text = "today 00:00";
    timespec current = now();
    if (!zone.has_dst)
        return parse_date_in_zone(text, current, zone.offset);
    auto standard = parse_date_in_zone(text, current, zone.offset);
    if (!standard || !zone.dst_at(standard->tv_sec))
        return standard;
    auto daylight = parse_date_in_zone(text, current, zone.dst_offset);
    if (daylight && zone.dst_at(daylight->tv_sec))
        return daylight;
    // Both readings fall on the other side of a transition: the time does not exist, unless the
    // text named its own zone or an instant (then the two readings agree).
    if (daylight && standard->tv_sec == daylight->tv_sec)
        return standard;
    return std::nullopt;
}

// The legacy set-the-clock operand MMDDhhmm[[CC]YY][.ss], in the output zone.
std::optional<timespec> parse_set_operand(std::string_view text, const TimeZone& zone) {
    std::string_view digits = text;
    int64_t second = 0;
    if (size_t dot = text.find('.'); dot != std::string_view::npos) {
        std::string_view seconds = text.substr(dot + 1);
        if (seconds.size() != 2 || seconds.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        second = (seconds[0] - '0') * 10 + (seconds[1] - '0');
        digits = text.substr(0, dot);
    }
    if ((digits.size() != 8 && digits.size() != 10 && digits.size() != 12) ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    auto pair = [&](size_t at) { return (digits[at] - '0') * 10 + (digits[at + 1] - '0'); };
    BrokenTime current = break_down(now(), zone);
    int64_t year = current.year;
    if (digits.size() == 10)
        year = pair(8) + (pair(8) < 69 ? 2000 : 1900);
    else if (digits.size() == 12)
        year = pair(8) * 100 + pair(10);
    int month = pair(0), day = pair(2), hour = pair(4), minute = pair(6);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int64_t check_year = 0;
    unsigned check_month = 0, check_day = 0;
    civil_from_days(days, check_year, check_month, check_day);
    if (static_cast<int>(check_day) != day)
        return std::nullopt;
    timespec result{};
    int64_t local = days * 86400 + hour * 3600 + minute * 60 + second;
    result.tv_sec = static_cast<time_t>(local - zone.offset_at(local - zone.offset));
    return result;
}

// date.c's adjust_resolution(): %-N means as many digits as the clock resolves (all nine here).
std::string adjust_resolution(std::string_view format) {
    std::string adjusted;
    for (size_t i = 0; i < format.size(); ++i) {
        adjusted.push_back(format[i]);
        if (format[i] != '%' || i + 1 >= format.size())
            continue;
        if (format.substr(i + 1, 2) == "-N") {
            adjusted += "9N";
            i += 2;
        } else if (format[i + 1] == '%') {
            adjusted.push_back('%');
            ++i;
        }
    }
    return adjusted;
}

void show(Output& out, const Settings& settings, const timespec& when) {
    out.write(format_time(settings.format, break_down(when, settings.zone)));
    out.put('\n');
}

int invalid_date(std::string_view text) {
    write_all(2, "date: invalid date " + quote(text) + "\n");
    return 1;
}

// -f: one date per line; bad lines are reported and skipped.
int show_file_dates(Output& out, const Settings& settings) {
    std::string name = settings.file;
    int fd = open_input(name);
    if (fd < 0) {
        write_all(2, "date: " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    int status = 0;
    LineReader reader(fd, '\n');
    std::string_view line;
    while (reader.next(line)) {
        if (!line.empty() && line.back() == '\n')
            line.remove_suffix(1);
        auto when = parse(line, settings.zone);
        if (!when) {
            out.flush();
            status = invalid_date(line);
            continue;
        }
        show(out, settings, *when);
    }
    if (reader.error() != 0) {
        out.flush();
        write_all(2, "date: " + quote_file(name) + ": " + strerror_gnu(reader.error()) + "\n");
        status = 1;
    }
    if (fd != 0)
        ::close(fd);
    return status;
}

int choose_format(Settings& settings, std::string format) {
    if (settings.have_format) {
        write_all(2, "date: multiple output formats specified\n");
        return 1;
    }
    settings.format = std::move(format);
    settings.have_format = true;
    return 0;
}

int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string_view>& operands) {
    OptionParser parser("date", argc, argv, "d:f:I::r:Rs:u", k_long_options);
    bool utc = false;
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: print_usage(k_usage); return -1;
        case k_version: print_version("date"); return -1;
        case 'd': settings.date = option.argument; break;
        case 'f': settings.file = option.argument; break;
        case 'r': settings.reference = option.argument; break;
        case 's': settings.set = option.argument; break;
        case 'u': utc = true; break;
        case k_debug: break;
        case k_resolution: settings.resolution = true; break;
        case 'R':
            if (choose_format(settings, "%a, %d %b %Y %H:%M:%S %z") != 0)
                return 1;
            break;
        case 'I': {
            int which = option.argument ? argmatch("date", "--iso-8601", option.argument, k_iso_words) : 0;
            if (which < 0 || choose_format(settings, k_iso_formats[which]) != 0)
                return 1;
            break;
        }
        case k_rfc_3339: {
            int which = argmatch("date", "--rfc-3339", option.argument, k_rfc_words);
            if (which < 0 || choose_format(settings, k_rfc_formats[which]) != 0)
                return 1;
            break;
        }
        }
    }
    settings.zone = utc ? time_zone_from("UTC0") : local_time_zone();
    operands = parser.operands();
    return 0;
}

}  // namespace

int date_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string_view> operands;
    if (int status = parse_options(argc, argv, settings, operands); status != 0)
        return status < 0 ? 0 : status;
    int sources = (settings.date != nullptr) + (settings.file != nullptr) + (settings.reference != nullptr) +
                  settings.resolution;
    if (sources > 1) {
        write_all(2, "date: the options to specify dates for printing are mutually exclusive\n");
        return try_help("date");
    }
    if (settings.set && sources > 0) {
        write_all(2, "date: the options to print and set the time may not be used together\n");
        return try_help("date");
    }
    const char* set_operand = nullptr;
    if (operands.size() > 1) {
        return extra_operand("date", operands[1]);
    }
    if (operands.size() == 1) {
        std::string_view operand = operands[0];
        if (operand.starts_with('+')) {
            if (choose_format(settings, std::string(operand.substr(1))) != 0)
                return 1;
        } else if (settings.set || sources > 0) {
            write_all(2, "date: the argument " + quote(operand) +
                             " lacks a leading '+';\nwhen using an option to specify date(s), any non-option\n"
                             "argument must be a format string beginning with '+'\n");
            return try_help("date");
        } else {
            set_operand = operands[0].data();
        }
    }
    if (!settings.have_format)
        settings.format = settings.resolution ? "%s.%N" : "%a %b %e %H:%M:%S %Z %Y";
    settings.format = adjust_resolution(settings.format);
    Output out;
    int status = 0;
    timespec when = now();
    if (settings.file) {
        status = show_file_dates(out, settings);
        return finish(out, "date", status);
    }
    if (settings.resolution) {
        when = timespec{0, 1};
    } else if (settings.reference) {
        struct stat info {};
        if (::stat(settings.reference, &info) != 0) {
            write_all(2, "date: " + quote_file(settings.reference) + ": " + strerror_gnu(errno) + "\n");
            return 1;
        }
        when = info.st_mtim;
    } else if (settings.date || settings.set || set_operand) {
        std::string_view text = settings.date ? settings.date : settings.set ? settings.set : set_operand;
        auto parsed = set_operand ? parse_set_operand(text, settings.zone) : parse(text, settings.zone);
        if (!parsed)
            return invalid_date(text);
        when = *parsed;
        if (!settings.date) {
            write_all(2, "date: cannot set date: " + std::string(strerror_gnu(EPERM)) + "\n");
            status = 1;
        }
    }
    show(out, settings, when);
    return finish(out, "date", status);
}

}  // namespace toolbox
