// file_info.h — how coreutils shows what stat() returns: "drwxr-xr-x" mode strings, file type
// names (stat %F), owner and group names from /etc/passwd and /etc/group (numbers when a file or
// an entry is missing, as GNU falls back when getpwuid fails), human-readable sizes (-h, --si)
// and ls's dates. Also the reverse lookups chown needs.
// Thread safety: confined to one applet (the name caches are per process).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace toolbox {

// File types as Linux (and so the kernel) numbers them. wasi-libc's <sys/stat.h> gives S_IFIFO
// the value of S_IFSOCK (WASI has no FIFOs), so applets test FIFOs with these.
inline constexpr mode_t k_type_mask = 0170000;
inline constexpr mode_t k_type_fifo = 0010000;
inline constexpr mode_t k_type_socket = 0140000;
inline bool is_fifo(mode_t mode) { return (mode & k_type_mask) == k_type_fifo; }
inline bool is_socket(mode_t mode) { return (mode & k_type_mask) == k_type_socket; }

// "-rwxr-xr-x", "drwxrwxrwt", "lrwxrwxrwx", with s/S/t/T for the set-id and sticky bits.
std::string mode_string(mode_t mode);
// The type letter ls -l puts first: - d l c b p s (? for anything else).
char file_type_letter(mode_t mode);
// What stat %F says: "regular file", "regular empty file", "directory", "symbolic link"...
const char* file_type_name(mode_t mode, off_t size);

// The name of a user or group, or its number as text when there is none.
std::string user_name(uid_t uid);
std::string group_name(gid_t gid);
// Whether `uid` has a name (for stat %U, which prints UNKNOWN when it has not).
bool has_user_name(uid_t uid);
bool has_group_name(gid_t gid);
// A name (or a number) → an id; nullopt when neither.
std::optional<uid_t> find_user(std::string_view name);
std::optional<gid_t> find_group(std::string_view name);
// The primary group of a user from /etc/passwd.
std::optional<gid_t> user_primary_group(uid_t uid);

// Sizes as GNU's human_readable() prints them with -h (powers of 1024, rounded up, one decimal
// below 10: "1.5K", "15K") or --si (powers of 1000, lower-case "k").
enum class SizeStyle { bytes, human, si };
std::string format_size(uint64_t bytes, SizeStyle style);
// A size in units of `block_size` bytes, rounded up (what du and df print without -h).
uint64_t blocks_of(uint64_t bytes, uint64_t block_size);

// ls -l's date: "Jan  2 15:04" within the last six months, "Jan  2  2006" otherwise (UTC, as the
// sandbox has no time zones).
std::string ls_date(const timespec& when, const timespec& now);
// "2006-01-02 15:04:05.000000000 +0000" (stat, ls --full-time).
std::string full_date(const timespec& when);
timespec now_realtime();

}  // namespace toolbox
