#include "lib/date_parse.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

namespace toolbox {

namespace {

struct Token {
    enum Kind { number, signed_number, word, punct, end } kind{end};
    std::string text;  // digits (no sign), a lower-case word, or one punctuation character
    int64_t value{0};  // the number, with its sign for signed_number
    bool negative{false};
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    size_t i = 0;
    auto digit = [&](size_t at) { return at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); };
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (std::isspace(c)) {
            ++i;
            continue;
        }
        Token token;
        if ((c == '+' || c == '-')) {
            size_t j = i + 1;
            while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j])))
                ++j;
            if (digit(j)) {
                token.kind = Token::signed_number;
                size_t start = j;
                while (digit(j))
                    ++j;
                token.text = std::string(text.substr(start, j - start));
                if (token.text.size() > 12)
                    return {};
                token.negative = c == '-';
                token.value = std::stoll(token.text) * (token.negative ? -1 : 1);
                tokens.push_back(token);
                i = j;
                continue;
            }
        }
        if (std::isdigit(c)) {
            size_t start = i;
            while (digit(i))
                ++i;
            token.kind = Token::number;
            token.text = std::string(text.substr(start, i - start));
            token.value = token.text.size() > 12 ? -1 : std::stoll(token.text);
            tokens.push_back(token);
            continue;
        }
        if (std::isalpha(c)) {
            token.kind = Token::word;
            while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
                if (text[i] != '.')
                    token.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
                ++i;
            }
            tokens.push_back(token);
            continue;
        }
        token.kind = Token::punct;
        token.text = std::string(1, static_cast<char>(c));
        tokens.push_back(token);
        ++i;
    }
    tokens.push_back(Token{});
    return tokens;
}

int month_number(const std::string& word) {
    static constexpr const char* k_months[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i) {
        std::string_view name(k_months[i]);
        if (word == name || (word.size() == 3 && name.starts_with(word)) || (i == 8 && word == "sept"))
            return i + 1;
    }
    return 0;
}

int weekday_number(const std::string& word) {
    static constexpr const char* k_days[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    for (int i = 0; i < 7; ++i) {
        std::string_view name(k_days[i]);
        if (word == name || (word.size() == 3 && name.starts_with(word)) || (i == 2 && word == "tues") ||
            (i == 3 && word == "wednes") || (i == 4 && (word == "thur" || word == "thurs")))
            return i;
    }
    return -1;
}

// A relative unit in (months, seconds); false for words that are not units.
bool unit_of(const std::string& word, int64_t& months, int64_t& seconds) {
    std::string unit = word;
    if (unit.size() > 1 && unit.back() == 's' && unit != "s")
        unit.pop_back();
    months = seconds = 0;
    if (unit == "year")
        months = 12;
    else if (unit == "month")
        months = 1;
    else if (unit == "fortnight")
        seconds = 14 * 86400;
    else if (unit == "week")
        seconds = 7 * 86400;
    else if (unit == "day")
        seconds = 86400;
    else if (unit == "hour")
        seconds = 3600;
    else if (unit == "minute" || unit == "min")
        seconds = 60;
    else if (unit == "second" || unit == "sec")
        seconds = 1;
    else
        return false;
    return true;
}

bool leap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int64_t year, unsigned month) {
    static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : k_days[month - 1];
}

// Nanoseconds from the digits after a decimal point.
int64_t fraction_ns(const std::string& digits) {
    std::string padded = digits.substr(0, 9);
    padded.resize(9, '0');
    return std::stoll(padded);
}

int64_t two_digit_year(const Token& token) {
    if (token.text.size() <= 2)
        return token.value + (token.value < 69 ? 2000 : 1900);
    return token.value;
}

struct Parsed {
    bool have_date{false}, have_time{false}, have_zone{false}, have_epoch{false};
    int64_t year{0};
    unsigned month{0}, day{0};
    int64_t hour{0}, minute{0}, second{0}, nanoseconds{0};
    int64_t zone_seconds{0};
    int weekday{-1};
    int64_t relative_months{0}, relative_seconds{0};
    timespec epoch{};
};

class Parser final {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}
    bool parse(Parsed& out);

private:
    const Token& peek(size_t ahead = 0) const {
        size_t at = m_at + ahead;
        return at < m_tokens.size() ? m_tokens[at] : m_tokens.back();
    }
    bool is_punct(size_t ahead, char c) const { return peek(ahead).kind == Token::punct && peek(ahead).text[0] == c; }
    bool parse_time(Parsed& out);
    bool parse_zone(Parsed& out);
    bool relative(Parsed& out, int64_t count, const std::string& unit);

    std::vector<Token> m_tokens;
    size_t m_at{0};
    // The last relative item, which a following "ago" negates.
    int64_t m_last_months{0}, m_last_seconds{0};
};

bool Parser::relative(Parsed& out, int64_t count, const std::string& unit) {
    int64_t months = 0, seconds = 0;
    if (!unit_of(unit, months, seconds))
        return false;
    m_last_months = months * count;
    m_last_seconds = seconds * count;
    out.relative_months += m_last_months;
    out.relative_seconds += m_last_seconds;
    return true;
}

bool Parser::parse_zone(Parsed& out) {
    const Token& token = peek();
    if (token.kind == Token::word && (token.text == "utc" || token.text == "gmt" || token.text == "z" || token.text == "ut")) {
        ++m_at;
        out.have_zone = true;
        out.zone_seconds = 0;
        return true;
    }
    if (token.kind != Token::signed_number)
        return false;
    int64_t sign = token.negative ? -1 : 1;
    int64_t hours = 0, minutes = 0;
    int64_t magnitude = token.value < 0 ? -token.value : token.value;
    if (token.text.size() <= 2) {
        hours = magnitude;
        ++m_at;
        if (is_punct(0, ':') && peek(1).kind == Token::number) {
            minutes = peek(1).value;
            m_at += 2;
        }
    } else if (token.text.size() == 4) {
        hours = magnitude / 100;
        minutes = magnitude % 100;
        ++m_at;
    } else {
        return false;
    }
    if (hours > 24 || minutes > 59)
        return false;
    out.have_zone = true;
    out.zone_seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

// HH:MM[:SS[.frac]] [am|pm] [zone], with the hour already at the current token.
bool Parser::parse_time(Parsed& out) {
    if (out.have_time)
        return false;
    out.hour = peek().value;
    ++m_at;
    if (is_punct(0, ':')) {
        if (peek(1).kind != Token::number)
            return false;
        out.minute = peek(1).value;
        m_at += 2;
        if (is_punct(0, ':')) {
            if (peek(1).kind != Token::number)
                return false;
            out.second = peek(1).value;
            m_at += 2;
            if ((is_punct(0, '.') || is_punct(0, ',')) && peek(1).kind == Token::number) {
                out.nanoseconds = fraction_ns(peek(1).text);
                m_at += 2;
            }
        }
    }
    if (peek().kind == Token::word && (peek().text == "am" || peek().text == "pm")) {
        if (out.hour < 1 || out.hour > 12)
            return false;
        out.hour = out.hour % 12 + (peek().text == "pm" ? 12 : 0);
        ++m_at;
    }
    out.have_time = true;
    if (peek().kind == Token::signed_number) {
        // "+1 hour" after a time is relative, "+0100" a zone.
        int64_t months = 0, seconds = 0;
        if (!(peek(1).kind == Token::word && unit_of(peek(1).text, months, seconds)))
            return parse_zone(out);
    }
    return true;
}

bool Parser::parse(Parsed& out) {
    if (is_punct(0, '@')) {
        const Token& number = peek(1);
        if (number.kind != Token::number && number.kind != Token::signed_number)
            return false;
        out.have_epoch = true;
        out.epoch.tv_sec = static_cast<time_t>(number.value);
        m_at += 2;
        if ((is_punct(0, '.') || is_punct(0, ',')) && peek(1).kind == Token::number) {
            out.epoch.tv_nsec = static_cast<long>(fraction_ns(peek(1).text));
            if (number.negative)
                out.epoch.tv_nsec = -out.epoch.tv_nsec;
            m_at += 2;
        }
        if (out.epoch.tv_nsec < 0) {
            out.epoch.tv_sec -= 1;
            out.epoch.tv_nsec += 1000000000;
        }
        return peek().kind == Token::end;
    }
    while (peek().kind != Token::end) {
        const Token token = peek();
        if (token.kind == Token::number) {
            const Token& next = peek(1);
            if (next.kind == Token::signed_number && next.negative && peek(2).kind == Token::signed_number &&
                peek(2).negative && next.text.size() <= 2 && peek(2).text.size() <= 2) {
                if (out.have_date)
                    return false;
                out.have_date = true;
                out.year = token.value;
                out.month = static_cast<unsigned>(-next.value);
                out.day = static_cast<unsigned>(-peek(2).value);
                m_at += 3;
                if (peek().kind == Token::word && peek().text == "t" && peek(1).kind == Token::number) {
                    ++m_at;
                    if (!parse_time(out))
                        return false;
                }
                continue;
            }
            if (is_punct(1, ':')) {
                if (!parse_time(out))
                    return false;
                continue;
            }
            if (is_punct(1, '/') && peek(2).kind == Token::number) {
                if (out.have_date)
                    return false;
                out.have_date = true;
                out.month = static_cast<unsigned>(token.value);
                out.day = static_cast<unsigned>(peek(2).value);
                m_at += 3;
                out.year = -1;
                if (is_punct(0, '/') && peek(1).kind == Token::number) {
                    out.year = two_digit_year(peek(1));
                    m_at += 2;
                }
                continue;
            }
            if (next.kind == Token::word && (next.text == "am" || next.text == "pm")) {
                if (!parse_time(out))
                    return false;
                continue;
            }
            if (next.kind == Token::word && month_number(next.text)) {
                if (out.have_date)
                    return false;
                out.have_date = true;
                out.day = static_cast<unsigned>(token.value);
                out.month = static_cast<unsigned>(month_number(next.text));
                out.year = -1;
                m_at += 2;
                if (peek().kind == Token::number && !is_punct(1, ':')) {
                    out.year = two_digit_year(peek());
                    ++m_at;
                }
                continue;
            }
            if (next.kind == Token::word) {
                int64_t months = 0, seconds = 0;
                if (unit_of(next.text, months, seconds)) {
                    relative(out, token.value, next.text);
                    m_at += 2;
                    continue;
                }
            }
            if (token.text.size() == 8 && !out.have_date) {
                out.have_date = true;
                out.year = token.value / 10000;
                out.month = static_cast<unsigned>(token.value / 100 % 100);
                out.day = static_cast<unsigned>(token.value % 100);
                ++m_at;
                continue;
            }
            return false;
        }
        if (token.kind == Token::signed_number) {
            if (peek(1).kind == Token::word && relative(out, token.value, peek(1).text)) {
                m_at += 2;
                continue;
            }
            if (out.have_time && !out.have_zone && parse_zone(out))
                continue;
            return false;
        }
        if (token.kind == Token::punct) {
            if (token.text == ",") {
                ++m_at;
                continue;
            }
            return false;
        }
        // Words.
        const std::string& word = token.text;
        ++m_at;
        if (int month = month_number(word)) {
            if (out.have_date)
                return false;
            out.have_date = true;
            out.month = static_cast<unsigned>(month);
            out.year = -1;
            if (peek().kind != Token::number || is_punct(1, ':'))
                return false;
            out.day = static_cast<unsigned>(peek().value);
            ++m_at;
            if (is_punct(0, ','))
                ++m_at;
            if (peek().kind == Token::number && !is_punct(1, ':')) {
                out.year = two_digit_year(peek());
                ++m_at;
            }
            continue;
        }
        int weekday = weekday_number(word);
        if (weekday >= 0) {
            if (out.weekday >= 0)
                return false;
            out.weekday = weekday;
            if (is_punct(0, ','))
                ++m_at;
            continue;
        }
        if (word == "now" || word == "today")
            continue;
        if (word == "yesterday" || word == "tomorrow") {
            relative(out, word == "yesterday" ? -1 : 1, "day");
            continue;
        }
        if (word == "next" || word == "last" || word == "this") {
            if (peek().kind != Token::word || !relative(out, word == "next" ? 1 : word == "last" ? -1 : 0, peek().text))
                return false;
            ++m_at;
            continue;
        }
        if (word == "ago") {
            if (m_last_months == 0 && m_last_seconds == 0)
                return false;
            out.relative_months -= 2 * m_last_months;
            out.relative_seconds -= 2 * m_last_seconds;
            m_last_months = m_last_seconds = 0;
            continue;
        }
        if (relative(out, 1, word))
            continue;
        --m_at;
        if (parse_zone(out))
            continue;
        return false;
    }
    return true;
}

}  // namespace

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

void civil_from_days(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    day = day_of_year - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2);
}

std::optional<timespec> parse_date(std::string_view text, const timespec& now) {
    return parse_date_in_zone(text, now, 0);
}

std::optional<timespec> parse_date_in_zone(std::string_view text, const timespec& now, int64_t zone_offset) {
    std::vector<Token> tokens = tokenize(text);
    if (tokens.empty())
        return std::nullopt;
    Parsed parsed;
    Parser parser(std::move(tokens));
    if (!parser.parse(parsed))
        return std::nullopt;
    if (parsed.have_epoch)
        return parsed.epoch;
    if (!parsed.have_zone)
        parsed.zone_seconds = zone_offset;
    int64_t now_local = static_cast<int64_t>(now.tv_sec) + zone_offset;
    int64_t now_days = now_local >= 0 ? now_local / 86400 : (now_local - 86399) / 86400;
    int64_t now_seconds_of_day = now_local - now_days * 86400;
    int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(now_days, year, month, day);
    int64_t hour = now_seconds_of_day / 3600, minute = now_seconds_of_day / 60 % 60, second = now_seconds_of_day % 60;
    int64_t nanoseconds = now.tv_nsec;
    if (parsed.have_date) {
        if (parsed.year >= 0)
            year = parsed.year;
        month = parsed.month;
        day = parsed.day;
        if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
            return std::nullopt;
    }
    if (parsed.have_time) {
        if (parsed.hour > 23 || parsed.minute > 59 || parsed.second > 60)
            return std::nullopt;
        hour = parsed.hour;
        minute = parsed.minute;
        second = parsed.second;
        nanoseconds = parsed.nanoseconds;
    } else if (parsed.have_date || parsed.weekday >= 0) {
        hour = minute = second = nanoseconds = 0;
    }
    int64_t months = year * 12 + (month - 1) + parsed.relative_months;
    year = months >= 0 ? months / 12 : (months - 11) / 12;
    month = static_cast<unsigned>(months - year * 12 + 1);
    int64_t days = days_from_civil(year, month, 1) + day - 1;
    if (parsed.weekday >= 0) {
        int64_t current = ((days % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
        days += (parsed.weekday - current + 7) % 7;
    }
    int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - parsed.zone_seconds + parsed.relative_seconds;
    timespec result{};
    result.tv_sec = static_cast<time_t>(seconds);
    result.tv_nsec = static_cast<long>(nanoseconds);
    return result;
}

std::optional<timespec> parse_touch_stamp(std::string_view text, const timespec& now) {
    std::string_view digits = text;
    int64_t second = 0;
    size_t dot = text.find('.');
    if (dot != std::string_view::npos) {
        std::string_view seconds = text.substr(dot + 1);
        if (seconds.size() != 2 || !std::isdigit(static_cast<unsigned char>(seconds[0])) ||
            !std::isdigit(static_cast<unsigned char>(seconds[1])))
            return std::nullopt;
        second = (seconds[0] - '0') * 10 + (seconds[1] - '0');
        digits = text.substr(0, dot);
    }
    for (char c : digits)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    if (digits.size() != 8 && digits.size() != 10 && digits.size() != 12)
        return std::nullopt;
    auto pair = [&](size_t at) { return (digits[at] - '0') * 10 + (digits[at + 1] - '0'); };
    int64_t now_days = now.tv_sec / 86400;
    int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(now_days, year, month, day);
    size_t at = 0;
    if (digits.size() == 12) {
        year = pair(0) * 100 + pair(2);
        at = 4;
    } else if (digits.size() == 10) {
        int64_t yy = pair(0);
        year = yy + (yy < 69 ? 2000 : 1900);
        at = 2;
    }
    month = static_cast<unsigned>(pair(at));
    day = static_cast<unsigned>(pair(at + 2));
    int64_t hour = pair(at + 4), minute = pair(at + 6);
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    timespec result{};
    result.tv_sec = static_cast<time_t>(days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second);
    return result;
}

}  // namespace toolbox
