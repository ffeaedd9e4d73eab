#include "lib/file_info.h"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <map>
#include <vector>

#include "lib/io.h"

namespace toolbox {

namespace {

struct IdEntry {
    std::string name;
    uint32_t id{0};
    uint32_t group{0};  // /etc/passwd's primary group; unused for groups
};

// The entries of /etc/passwd or /etc/group ("name:password:id:..."), read once; empty when the
// file does not exist, as in a sandbox without one.
const std::vector<IdEntry>& database(bool groups) {
    static std::optional<std::vector<IdEntry>> s_users;
    static std::optional<std::vector<IdEntry>> s_groups;
    auto& cache = groups ? s_groups : s_users;
    if (cache)
        return *cache;
    cache.emplace();
    int fd = ::open(groups ? "/etc/group" : "/etc/passwd", O_RDONLY);
    if (fd < 0)
        return *cache;
    int error = 0;
    std::string text = read_all(fd, error);
    ::close(fd);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        std::vector<std::string_view> fields;
        size_t from = 0;
        while (true) {
            size_t colon = line.find(':', from);
            fields.push_back(line.substr(from, colon == std::string_view::npos ? colon : colon - from));
            if (colon == std::string_view::npos)
                break;
            from = colon + 1;
        }
        if (fields.size() < 3 || fields[0].empty())
            continue;
        IdEntry entry{std::string(fields[0])};
        auto parsed = std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), entry.id);
        if (parsed.ec != std::errc() || parsed.ptr != fields[2].data() + fields[2].size())
            continue;
        if (!groups && fields.size() > 3)
            std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), entry.group);
        cache->push_back(std::move(entry));
    }
    return *cache;
}

const IdEntry* by_id(bool groups, uint32_t id) {
    for (const auto& entry : database(groups))
        if (entry.id == id)
            return &entry;
    return nullptr;
}

std::optional<uint32_t> by_name(bool groups, std::string_view name) {
    for (const auto& entry : database(groups))
        if (entry.name == name)
            return entry.id;
    uint32_t id = 0;
    auto parsed = std::from_chars(name.data(), name.data() + name.size(), id);
    if (!name.empty() && parsed.ec == std::errc() && parsed.ptr == name.data() + name.size())
        return id;
    return std::nullopt;
}

}  // namespace

char file_type_letter(mode_t mode) {
    switch (mode & k_type_mask) {
    case S_IFREG: return '-';
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFCHR: return 'c';
    case S_IFBLK: return 'b';
    case k_type_fifo: return 'p';
    case k_type_socket: return 's';
    default: return '?';
    }
}

std::string mode_string(mode_t mode) {
    std::string out(10, '-');
    out[0] = file_type_letter(mode);
    const char* letters = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        if (mode & (0400 >> i))
            out[1 + i] = letters[i];
    if (mode & S_ISUID)
        out[3] = out[3] == 'x' ? 's' : 'S';
    if (mode & S_ISGID)
        out[6] = out[6] == 'x' ? 's' : 'S';
    if (mode & S_ISVTX)
        out[9] = out[9] == 'x' ? 't' : 'T';
    return out;
}

const char* file_type_name(mode_t mode, off_t size) {
    switch (mode & k_type_mask) {
    case S_IFREG: return size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case k_type_fifo: return "fifo";
    case k_type_socket: return "socket";
    default: return "weird file";
    }
}

std::string user_name(uid_t uid) {
    const IdEntry* entry = by_id(false, uid);
    return entry ? entry->name : std::to_string(uid);
}

std::string group_name(gid_t gid) {
    const IdEntry* entry = by_id(true, gid);
    return entry ? entry->name : std::to_string(gid);
}

bool has_user_name(uid_t uid) { return by_id(false, uid) != nullptr; }
bool has_group_name(gid_t gid) { return by_id(true, gid) != nullptr; }

std::optional<uid_t> find_user(std::string_view name) { return by_name(false, name); }
std::optional<gid_t> find_group(std::string_view name) { return by_name(true, name); }

std::optional<gid_t> user_primary_group(uid_t uid) {
    const IdEntry* entry = by_id(false, uid);
    if (!entry)
        return std::nullopt;
    return entry->group;
}

// Mirrors gnulib human.c human_readable() for integer byte counts with human_ceiling and
// human_autoscale: the remainder is carried as tenths plus a rounding flag.
std::string format_size(uint64_t bytes, SizeStyle style) {
    if (style == SizeStyle::bytes)
        return std::to_string(bytes);
    const uint64_t base = style == SizeStyle::si ? 1000 : 1024;
    static constexpr char k_suffixes[] = "KMGTPEZY";
    uint64_t amount = bytes;
    int exponent = 0;
    unsigned tenths = 0;
    unsigned rounding = 0;
    bool decimal = false;
    if (amount >= base) {
        do {
            unsigned r10 = static_cast<unsigned>((amount % base) * 10 + tenths);
            unsigned r2 = static_cast<unsigned>((r10 % base) * 2 + (rounding >> 1));
            amount /= base;
            tenths = static_cast<unsigned>(r10 / base);
            rounding = r2 < base ? (r2 != 0) : 2 + (base < r2);
            ++exponent;
        } while (base <= amount && exponent < 8);
        if (amount < 10) {
            if (0 < tenths + rounding) {
                ++tenths;
                rounding = 0;
                if (tenths == 10) {
                    ++amount;
                    tenths = 0;
                }
            }
            if (amount < 10) {
                decimal = true;
                rounding = 0;
            }
        }
    }
    std::string fraction;
    if (decimal) {
        fraction = "." + std::to_string(tenths);
        tenths = 0;
    }
    if (0 < tenths + rounding) {
        ++amount;
        if (amount == base && exponent < 8) {
            ++exponent;
            amount = 1;
            fraction = ".0";
        }
    }
    std::string out = std::to_string(amount) + fraction;
    if (exponent > 0) {
        char suffix = k_suffixes[exponent - 1];
        if (style == SizeStyle::si && suffix == 'K')
            suffix = 'k';
        out.push_back(suffix);
    }
    return out;
}

uint64_t blocks_of(uint64_t bytes, uint64_t block_size) { return (bytes + block_size - 1) / block_size; }

timespec now_realtime() {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return now;
}

std::string ls_date(const timespec& when, const timespec& now) {
    // Mirrors coreutils ls.c: recent means within half a Gregorian year before now, not after it.
    constexpr int64_t k_six_months = 31556952 / 2;
    auto before = [](const timespec& a, const timespec& b) {
        return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
    };
    timespec six_months_ago{now.tv_sec - k_six_months, now.tv_nsec};
    bool recent = before(six_months_ago, when) && before(when, now);
    time_t seconds = when.tv_sec;
    tm parts{};
    gmtime_r(&seconds, &parts);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, recent ? "%b %e %H:%M" : "%b %e  %Y", &parts);
    return buffer;
}

std::string full_date(const timespec& when) {
    time_t seconds = when.tv_sec;
    tm parts{};
    gmtime_r(&seconds, &parts);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &parts);
    char out[96];
    std::snprintf(out, sizeof out, "%s.%09ld +0000", buffer, static_cast<long>(when.tv_nsec));
    return out;
}

}  // namespace toolbox
