// date_parse.h — the dates `touch -d` (and later `date -d`) accept, a practical subset of gnulib
// parse_datetime's grammar, in UTC (the sandbox has no time zones):
//   absolute   2020-01-02, 2020-01-02 03:04[:05[.123]], 2020-01-02T03:04:05Z, 20200102,
//              12/25/2020, Jan 2 2020, 2 January 2020 10:00, January 2, 2020, @1600000000[.5]
//   time       10:30, 3pm, 10:30:15 UTC, 03:04 +0100 (a zone offset after a time)
//   relative   now, today, yesterday, tomorrow, 2 days ago, +1 hour, -3 weeks, next week,
//              last year, 1 month, and weekday names (the next such day, at midnight)
// Items combine ("tomorrow 10:00", "2020-01-02 +1 day"). Invalid dates (2020-02-30, 25:00) and
// unknown words are rejected, as GNU rejects them.
// Thread safety: stateless.
#pragma once

#include <ctime>
#include <optional>
#include <string_view>

namespace toolbox {

std::optional<timespec> parse_date(std::string_view text, const timespec& now);
// The same, with dates and times that name no zone read as local times in a zone
// `zone_offset` seconds east of UTC (date(1) under TZ=EST5 and the like).
std::optional<timespec> parse_date_in_zone(std::string_view text, const timespec& now, int64_t zone_offset);
// -t's [[CC]YY]MMDDhhmm[.ss], as touch(1) reads it; nullopt when malformed.
std::optional<timespec> parse_touch_stamp(std::string_view text, const timespec& now);
// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12); and the reverse.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
void civil_from_days(int64_t days, int64_t& year, unsigned& month, unsigned& day);

}  // namespace toolbox
