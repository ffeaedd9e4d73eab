// time_format.h — calendar times the way GNU tools print them: a broken-down time in the zone TZ
// names (the sandbox has no zone files, so TZ is read as a POSIX string, "EST5EDT,M3.2.0,M11.1.0"
// and the like, daylight saving time included; unknown names mean UTC under that name, as glibc
// does when a zone file is missing), and
// gnulib's nstrftime in the C locale: every conversion GNU date documents, the flags - _ 0 + ^ #,
// field widths, the E and O modifiers, %N's precision and %z's colon forms. Malformed
// conversions are copied to the output as written, as GNU does.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace toolbox {

// One end of daylight saving time in a POSIX TZ rule: Jn (1-365, February 29 never counted),
// n (0-365), or Mm.w.d (weekday d of week w, 5 meaning the last, of month m); at `time` seconds
// after local midnight.
struct ZoneRule {
    enum class Kind { julian_no_leap, julian, month_week_day } kind{Kind::month_week_day};
    int day{0}, week{0}, month{0};
    int64_t time{7200};
};

struct TimeZone {
    std::string abbreviation{"UTC"};
    int64_t offset{0};  // seconds east of UTC
    bool has_dst{false};
    std::string dst_abbreviation;
    int64_t dst_offset{0};
    ZoneRule dst_start, dst_end;  // glibc's default: M3.2.0 and M11.1.0

    // Whether daylight saving time is in effect at `epoch`.
    bool dst_at(int64_t epoch) const;
    int64_t offset_at(int64_t epoch) const { return dst_at(epoch) ? dst_offset : offset; }
};

// The zone a TZ value names; nullptr (unset) and "" are UTC.
TimeZone time_zone_from(const char* tz);
// The zone of the TZ environment variable.
TimeZone local_time_zone();

struct BrokenTime {
    int64_t year{1970};
    int month{0};   // 0-11
    int day{1};     // 1-31
    int hour{0}, minute{0}, second{0};
    int weekday{4};  // 0 = Sunday
    int yearday{0};  // 0-365
    long nanoseconds{0};
    int64_t epoch{0};  // seconds since 1970-01-01 UTC
    int64_t offset{0};
    std::string zone{"UTC"};
};

BrokenTime break_down(const timespec& when, const TimeZone& zone);

// nstrftime: `format` applied to `time`.
std::string format_time(std::string_view format, const BrokenTime& time);

}  // namespace toolbox
