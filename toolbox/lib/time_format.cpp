#include "lib/time_format.h"

#include <cctype>
#include <cstdlib>

#include "lib/date_parse.h"

namespace toolbox {

namespace {

constexpr const char* k_weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr const char* k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Names glibc maps to its UTC and GMT zone files.
std::string_view well_known_zone(std::string_view name) {
    if (name.starts_with("Etc/"))
        name.remove_prefix(4);
    if (name == "UTC" || name == "UCT" || name == "Universal" || name == "Zulu")
        return "UTC";
    if (name == "GMT" || name == "GMT0" || name == "GMT+0" || name == "GMT-0" || name == "Greenwich")
        return "GMT";
    return {};
}

// [+-]HH[:MM[:SS]] as seconds west of UTC (POSIX's sign); false when absent or malformed.
bool parse_posix_offset(std::string_view& text, int64_t& seconds_west) {
    int sign = 1;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        sign = text[0] == '-' ? -1 : 1;
        text.remove_prefix(1);
    }
    int64_t parts[3] = {0, 0, 0};
    for (int part = 0; part < 3; ++part) {
        if (part > 0) {
            if (text.empty() || text[0] != ':')
                break;
            text.remove_prefix(1);
        }
        size_t digits = 0;
        while (digits < text.size() && digits < 2 && std::isdigit(static_cast<unsigned char>(text[digits])))
            parts[part] = parts[part] * 10 + (text[digits++] - '0');
        if (digits == 0)
            return false;
        text.remove_prefix(digits);
    }
    seconds_west = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    return true;
}

bool leap_year(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// Days from the Monday that starts ISO week 1 (the week holding the year's first Thursday) to
// day `yday` of the year, whose weekday is `wday`; negative before week 1.
int iso_week_days(int yday, int wday) { return yday - (yday - wday + 4 + 378) % 7 + 3; }

// ISO 8601 week-based year and week of `time`.
void iso_week(const BrokenTime& time, int64_t& year, int& week) {
    year = time.year;
    int days = iso_week_days(time.yearday, time.weekday);
    if (days < 0) {
        --year;
        days = iso_week_days(time.yearday + (leap_year(year) ? 366 : 365), time.weekday);
    } else {
        int next = iso_week_days(time.yearday - (leap_year(year) ? 366 : 365), time.weekday);
        if (next >= 0) {
            ++year;
            days = next;
        }
    }
    week = days / 7 + 1;
}

// One conversion's flags, as nstrftime keeps them.
struct Spec {
    char pad{0};  // 0, '_', '-', '0' or '+'
    int width{-1};
    bool upper{false};
    bool lower{false};
    bool change_case{false};
    char modifier{0};
};

class Formatter {
public:
    Formatter(const BrokenTime& time, std::string& out) : m_time(time), m_out(out) {}

    void run(std::string_view format, bool upper, char year_pad, int year_width);

private:
    void pad_to(const Spec& spec, size_t length);
    void copy(const Spec& spec, std::string_view text);
    void number(const Spec& spec, int digits, int64_t value, bool always_sign = false, unsigned colon_mask = 0);
    void yearish(Spec spec, int digits, int64_t value);
    void nanoseconds(const Spec& spec);
    void zone_offset(const Spec& spec, int colons);
    void subformat(const Spec& spec, std::string_view format, char year_pad = 0, int year_width = -1);
    bool convert(char conversion, Spec& spec, int colons);

    const BrokenTime& m_time;
    std::string& m_out;
    char m_year_pad{0};
    int m_year_width{-1};
};

void Formatter::pad_to(const Spec& spec, size_t length) {
    if (spec.pad == '-' || spec.width < 0 || static_cast<size_t>(spec.width) <= length)
        return;
    m_out.append(static_cast<size_t>(spec.width) - length, spec.pad == '0' || spec.pad == '+' ? '0' : ' ');
}

void Formatter::copy(const Spec& spec, std::string_view text) {
    pad_to(spec, text.size());
    for (char c : text) {
        unsigned char byte = static_cast<unsigned char>(c);
        m_out.push_back(spec.lower ? static_cast<char>(std::tolower(byte))
                        : spec.upper ? static_cast<char>(std::toupper(byte))
                                     : c);
    }
}

// nstrftime's do_number: digits (with ':' where colon_mask says), then the sign and padding.
void Formatter::number(const Spec& given, int digits, int64_t value, bool always_sign, unsigned colon_mask) {
    Spec spec = given;
    bool negative = value < 0;
    uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    std::string text;
    do {
        if (colon_mask & 1)
            text.insert(text.begin(), ':');
        colon_mask >>= 1;
        text.insert(text.begin(), static_cast<char>('0' + magnitude % 10));
        magnitude /= 10;
    } while (magnitude != 0 || colon_mask != 0);
    if (spec.pad == 0)
        spec.pad = '0';
    if (spec.width < 0)
        spec.width = digits;
    char sign = negative ? '-' : always_sign ? '+' : 0;
    if (sign) {
        int shortage = spec.width - 1 - static_cast<int>(text.size());
        int padding = spec.pad == '-' || shortage <= 0 ? 0 : shortage;
        if (spec.pad == '_') {
            m_out.append(static_cast<size_t>(padding), ' ');
            spec.width -= padding;
        }
        m_out.push_back(sign);
        --spec.width;
    }
    copy(spec, text);
}

void Formatter::yearish(Spec spec, int digits, int64_t value) {
    if (spec.pad == 0)
        spec.pad = m_year_pad;
    if (spec.width < 0)
        spec.width = m_year_width;
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    bool always_sign = spec.pad == '+' && ((digits == 2 ? 99u : 9999u) < magnitude || digits < spec.width);
    number(spec, digits, value, always_sign);
}

// %N: the width is the precision (truncating); padding goes on the right.
void Formatter::nanoseconds(const Spec& given) {
    Spec spec = given;
    long value = m_time.nanoseconds;
    int width = spec.width <= 0 ? 9 : spec.width;
    int digits = 9;
    while (width < digits || (digits > 1 && value % 10 == 0)) {
        --digits;
        value /= 10;
    }
    std::string text(static_cast<size_t>(digits), '0');
    for (int i = digits; i > 0; --i) {
        text[static_cast<size_t>(i - 1)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    if (spec.pad == 0)
        spec.pad = '0';
    m_out += text;
    if (spec.pad != '-' && width > digits)
        m_out.append(static_cast<size_t>(width - digits), spec.pad == '0' || spec.pad == '+' ? '0' : ' ');
}

void Formatter::zone_offset(const Spec& spec, int colons) {
    int64_t offset = m_time.offset;
    int64_t magnitude = offset < 0 ? -offset : offset;
    int64_t hours = magnitude / 3600, minutes = magnitude / 60 % 60, seconds = magnitude % 60;
    int64_t sign = offset < 0 ? -1 : 1;
    if (colons == 3) {
        if (seconds != 0)
            colons = 2;
        else if (minutes != 0)
            colons = 1;
        else
            return number(spec, 3, sign * hours, true);
    }
    if (colons == 0)
        return number(spec, 5, sign * (hours * 100 + minutes), true);
    if (colons == 1)
        return number(spec, 6, sign * (hours * 100 + minutes), true, 04);
    number(spec, 9, sign * (hours * 10000 + minutes * 100 + seconds), true, 024);
}

void Formatter::subformat(const Spec& spec, std::string_view format, char year_pad, int year_width) {
    std::string inner;
    Formatter(m_time, inner).run(format, spec.upper, year_pad, year_width);
    Spec outer = spec;
    outer.upper = outer.lower = false;
    copy(outer, inner);
}

// False when the conversion is malformed (then copied as written).
bool Formatter::convert(char conversion, Spec& spec, int colons) {
    const BrokenTime& t = m_time;
    std::string_view e_bad = "aAbBdDeFgGhHIjklmMNSUVwW";
    std::string_view o_bad = "aAcDFqxXY";
    if ((spec.modifier == 'E' && e_bad.find(conversion) != std::string_view::npos) ||
        (spec.modifier == 'O' && o_bad.find(conversion) != std::string_view::npos))
        return false;
    if (colons > 0 && conversion != 'z')
        return false;
    int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    switch (conversion) {
    case '%':
        return false;  // "%%" is handled by the caller; "%-%" and the like are malformed
    case 'a': case 'A':
        if (spec.change_case)
            spec.upper = true;
        copy(spec, conversion == 'a' ? std::string_view(k_weekdays[t.weekday], 3) : k_weekdays[t.weekday]);
        return true;
    case 'b': case 'h': case 'B':
        if (spec.change_case)
            spec.upper = true;
        copy(spec, conversion == 'B' ? std::string_view(k_months[t.month]) : std::string_view(k_months[t.month], 3));
        return true;
    // GNU's %c leaves a year before 1000 unpadded ("Jan  1 00:00:00 1"), unlike %Y.
    case 'c': subformat(spec, "%a %b %e %H:%M:%S %Y", '-'); return true;
    case 'C': yearish(spec, 2, floor_div(t.year, 100)); return true;
    case 'd': number(spec, 2, t.day); return true;
    case 'D': subformat(spec, "%m/%d/%y", spec.pad); return true;
    case 'x': subformat(spec, "%m/%d/%y"); return true;  // the locale's format: flags don't reach %y
    case 'e': case 'k': case 'l': {
        Spec space = spec;
        if (space.pad == 0)
            space.pad = '_';
        number(space, 2, conversion == 'e' ? t.day : conversion == 'k' ? t.hour : hour12);
        return true;
    }
    case 'F':
        if (spec.pad == 0 && spec.width < 0)
            subformat(spec, "%Y-%m-%d", '+', 4);
        else
            subformat(spec, "%Y-%m-%d", spec.pad, spec.width - 6 < 0 ? 0 : spec.width - 6);
        return true;
    case 'g': case 'G': {
        int64_t year = 0;
        int week = 0;
        iso_week(t, year, week);
        yearish(spec, conversion == 'g' ? 2 : 4, conversion == 'g' ? ((year % 100) + 100) % 100 : year);
        return true;
    }
    case 'V': {
        int64_t year = 0;
        int week = 0;
        iso_week(t, year, week);
        number(spec, 2, week);
        return true;
    }
    case 'H': number(spec, 2, t.hour); return true;
    case 'I': number(spec, 2, hour12); return true;
    case 'j': number(spec, 3, t.yearday + 1); return true;
    case 'm': number(spec, 2, t.month + 1); return true;
    case 'M': number(spec, 2, t.minute); return true;
    case 'n': copy(spec, "\n"); return true;
    case 't': copy(spec, "\t"); return true;
    case 'N': nanoseconds(spec); return true;
    case 'P':
        spec.lower = true;
        [[fallthrough]];
    case 'p':
        if (spec.change_case) {
            spec.upper = false;
            spec.lower = true;
        }
        copy(spec, t.hour < 12 ? "AM" : "PM");
        return true;
    case 'q': number(spec, 1, t.month / 3 + 1); return true;
    case 'r': subformat(spec, "%I:%M:%S %p"); return true;
    case 'R': subformat(spec, "%H:%M"); return true;
    case 's': number(spec, 1, t.epoch); return true;
    case 'S': number(spec, 2, t.second); return true;
    case 'T': case 'X': subformat(spec, "%H:%M:%S"); return true;
    case 'u': number(spec, 1, (t.weekday + 6) % 7 + 1); return true;
    case 'U': number(spec, 2, (t.yearday - t.weekday + 7) / 7); return true;
    case 'W': number(spec, 2, (t.yearday - (t.weekday + 6) % 7 + 7) / 7); return true;
    case 'w': number(spec, 1, t.weekday); return true;
    case 'y': yearish(spec, 2, ((t.year % 100) + 100) % 100); return true;
    case 'Y': yearish(spec, 4, t.year); return true;
    case 'z': zone_offset(spec, colons); return true;
    case 'Z':
        if (spec.change_case) {
            spec.upper = false;
            spec.lower = true;
        }
        copy(spec, t.zone);
        return true;
    default: return false;
    }
}

void Formatter::run(std::string_view format, bool upper, char year_pad, int year_width) {
    m_year_pad = year_pad;
    m_year_width = year_width;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            m_out.push_back(format[i]);
            continue;
        }
        size_t start = i++;
        Spec spec;
        spec.upper = upper;
        for (; i < format.size(); ++i) {
            char c = format[i];
            if (c == '_' || c == '-' || c == '0' || c == '+')
                spec.pad = c;
            else if (c == '^')
                spec.upper = true;
            else if (c == '#')
                spec.change_case = true;
            else
                break;
        }
        if (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
            spec.width = 0;
            for (; i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])); ++i)
                spec.width = spec.width > 100000 ? spec.width : spec.width * 10 + (format[i] - '0');
        }
        if (i < format.size() && (format[i] == 'E' || format[i] == 'O'))
            spec.modifier = format[i++];
        int colons = 0;
        while (i < format.size() && format[i] == ':') {
            ++colons;
            ++i;
        }
        if (i >= format.size()) {
            // A '%' sequence cut short by the end of the format is copied as it is.
            copy(spec, format.substr(start));
            break;
        }
        char conversion = format[i];
        if (conversion == '%') {
            if (i == start + 1) {
                m_out.push_back('%');
                continue;
            }
            // As nstrftime: "%5%" copies "%5" (padded) and this '%' starts the next conversion.
            Spec literal = spec;
            literal.upper = literal.lower = false;
            copy(literal, format.substr(start, i - start));
            --i;
            continue;
        }
        if (colons > 3 || !convert(conversion, spec, colons)) {
            Spec literal = spec;
            literal.upper = literal.lower = false;
            copy(literal, format.substr(start, i + 1 - start));
        }
    }
}

// A zone abbreviation: letters, or anything between < and >.
bool parse_zone_name(std::string_view& text, std::string& name) {
    if (!text.empty() && text[0] == '<') {
        size_t close = text.find('>');
        if (close == std::string_view::npos)
            return false;
        name = std::string(text.substr(1, close - 1));
        text.remove_prefix(close + 1);
        return true;
    }
    size_t length = 0;
    while (length < text.size() && std::isalpha(static_cast<unsigned char>(text[length])))
        ++length;
    name = std::string(text.substr(0, length));
    text.remove_prefix(length);
    return length > 0;
}

bool parse_small_number(std::string_view& text, int& value) {
    size_t digits = 0;
    value = 0;
    while (digits < text.size() && digits < 4 && std::isdigit(static_cast<unsigned char>(text[digits])))
        value = value * 10 + (text[digits++] - '0');
    text.remove_prefix(digits);
    return digits > 0;
}

// ",start[/time]" or ",end[/time]".
bool parse_rule(std::string_view& text, ZoneRule& rule) {
    if (text.empty() || text[0] != ',')
        return false;
    text.remove_prefix(1);
    if (!text.empty() && text[0] == 'M') {
        text.remove_prefix(1);
        rule.kind = ZoneRule::Kind::month_week_day;
        if (!parse_small_number(text, rule.month) || text.empty() || text[0] != '.')
            return false;
        text.remove_prefix(1);
        if (!parse_small_number(text, rule.week) || text.empty() || text[0] != '.')
            return false;
        text.remove_prefix(1);
        if (!parse_small_number(text, rule.day) || rule.month < 1 || rule.month > 12 || rule.week < 1 ||
            rule.week > 5 || rule.day > 6)
            return false;
    } else {
        rule.kind = ZoneRule::Kind::julian;
        if (!text.empty() && text[0] == 'J') {
            text.remove_prefix(1);
            rule.kind = ZoneRule::Kind::julian_no_leap;
        }
        if (!parse_small_number(text, rule.day))
            return false;
    }
    rule.time = 7200;
    if (!text.empty() && text[0] == '/') {
        text.remove_prefix(1);
        int64_t west = 0;
        if (!parse_posix_offset(text, west))
            return false;
        rule.time = west;  // a time of day, not an offset: the sign means what it says
    }
    return true;
}

// Seconds from the start of `year` (local time) to the rule's moment.
int64_t rule_moment(const ZoneRule& rule, int64_t year) {
    int64_t day = 0;  // day of the year, from 0
    switch (rule.kind) {
    case ZoneRule::Kind::julian_no_leap:
        day = rule.day - 1 + (leap_year(year) && rule.day >= 60 ? 1 : 0);
        break;
    case ZoneRule::Kind::julian:
        day = rule.day;
        break;
    case ZoneRule::Kind::month_week_day: {
        int64_t first = days_from_civil(year, static_cast<unsigned>(rule.month), 1);
        int64_t weekday = ((first % 7) + 11) % 7;  // of the month's first day; 0 = Sunday
        int64_t date = 1 + (rule.day - weekday + 7) % 7 + (rule.week - 1) * 7;
        static constexpr int k_lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int length = k_lengths[rule.month - 1] + (rule.month == 2 && leap_year(year) ? 1 : 0);
        while (date > length)
            date -= 7;
        day = first + date - 1 - days_from_civil(year, 1, 1);
        break;
    }
    }
    return day * 86400 + rule.time;
}

}  // namespace

bool TimeZone::dst_at(int64_t epoch) const {
    if (!has_dst)
        return false;
    int64_t standard = epoch + offset;
    int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(floor_div(standard, 86400), year, month, day);
    int64_t year_start = days_from_civil(year, 1, 1) * 86400;
    // The transitions in UTC: the start is read in standard time, the end in daylight time.
    int64_t start = year_start + rule_moment(dst_start, year) - offset;
    int64_t end = year_start + rule_moment(dst_end, year) - dst_offset;
    if (start < end)
        return epoch >= start && epoch < end;
    return !(epoch >= end && epoch < start);
}

TimeZone time_zone_from(const char* tz) {
    TimeZone zone;
    if (tz == nullptr || *tz == '\0')
        return zone;
    std::string_view text(tz);
    if (text[0] == ':')
        text.remove_prefix(1);
    if (auto known = well_known_zone(text); !known.empty()) {
        zone.abbreviation = std::string(known);
        return zone;
    }
    std::string name;
    parse_zone_name(text, name);
    zone.abbreviation = name.empty() ? "UTC" : name;
    int64_t west = 0;
    if (!parse_posix_offset(text, west))
        return zone;
    zone.offset = -west;
    std::string dst_name;
    if (!parse_zone_name(text, dst_name))
        return zone;
    TimeZone daylight = zone;
    daylight.has_dst = true;
    daylight.dst_abbreviation = dst_name;
    daylight.dst_offset = zone.offset + 3600;
    if (parse_posix_offset(text, west))
        daylight.dst_offset = -west;
    daylight.dst_start = {ZoneRule::Kind::month_week_day, 0, 2, 3, 7200};
    daylight.dst_end = {ZoneRule::Kind::month_week_day, 0, 1, 11, 7200};
    if (!text.empty() && (!parse_rule(text, daylight.dst_start) || !parse_rule(text, daylight.dst_end)))
        return zone;  // a malformed rule: glibc keeps the standard part
    return daylight;
}

TimeZone local_time_zone() { return time_zone_from(std::getenv("TZ")); }

BrokenTime break_down(const timespec& when, const TimeZone& zone) {
    BrokenTime result;
    result.epoch = when.tv_sec;
    result.nanoseconds = when.tv_nsec;
    bool dst = zone.dst_at(when.tv_sec);
    result.offset = dst ? zone.dst_offset : zone.offset;
    result.zone = dst ? zone.dst_abbreviation : zone.abbreviation;
    int64_t local = static_cast<int64_t>(when.tv_sec) + result.offset;
    int64_t days = floor_div(local, 86400);
    int64_t seconds = local - days * 86400;
    unsigned month = 1, day = 1;
    civil_from_days(days, result.year, month, day);
    result.month = static_cast<int>(month) - 1;
    result.day = static_cast<int>(day);
    result.hour = static_cast<int>(seconds / 3600);
    result.minute = static_cast<int>(seconds / 60 % 60);
    result.second = static_cast<int>(seconds % 60);
    result.weekday = static_cast<int>(((days % 7) + 11) % 7);
    result.yearday = static_cast<int>(days - days_from_civil(result.year, 1, 1));
    return result;
}

std::string format_time(std::string_view format, const BrokenTime& time) {
    std::string out;
    Formatter(time, out).run(format, false, 0, -1);
    return out;
}

}  // namespace toolbox
