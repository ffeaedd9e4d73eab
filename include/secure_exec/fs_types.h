// fs_types.h — what the VFS says about files: types, stat, directory entries, statfs.
// Plain data, no behaviour. Mode bits and file-type numbers are Linux's (<sys/stat.h>).
#pragma once

#include <cstdint>
#include <string>

namespace secure_exec {

using Pid = int32_t;

// Who is asking. The kernel checks modes against these, as Linux generic_permission() does.
struct Credentials {
    uint32_t uid{1000};
    uint32_t gid{1000};
    bool is_root() const { return uid == 0; }
};

struct Timespec {
    int64_t seconds{0};
    int64_t nanoseconds{0};
    friend bool operator==(const Timespec&, const Timespec&) = default;

    // utimensat(2)'s UTIME_NOW: "set to the current time", which only needs write access.
    static constexpr int64_t k_now_nanoseconds = (int64_t{1} << 30) - 1;
    static constexpr Timespec now() { return {0, k_now_nanoseconds}; }
    constexpr bool is_now() const { return nanoseconds == k_now_nanoseconds; }
};

// The S_IFMT part of st_mode, as an enum. Values are the S_IF* bits shifted right by 12.
enum class FileType : uint8_t {
    unknown = 0,
    fifo = 1,
    char_device = 2,
    directory = 4,
    block_device = 6,
    regular = 8,
    symlink = 10,
    socket = 12,
};

constexpr uint32_t mode_type_bits(FileType type) { return static_cast<uint32_t>(type) << 12; }
constexpr FileType file_type_from_mode(uint32_t mode) { return static_cast<FileType>((mode >> 12) & 0xf); }

// Permission bits (07777: setuid, setgid, sticky, rwx for owner, group and others).
constexpr uint32_t k_permission_mask = 07777;
constexpr uint32_t k_sticky_bit = 01000;

struct Stat {
    uint64_t device{0};
    uint64_t inode{0};
    FileType type{FileType::unknown};
    uint32_t permissions{0};  // mode & 07777
    uint32_t link_count{1};
    uint32_t uid{0};
    uint32_t gid{0};
    uint64_t rdev{0};
    uint64_t size{0};
    uint64_t block_size{4096};
    uint64_t blocks{0};  // 512-byte units
    Timespec access_time;
    Timespec modify_time;
    Timespec change_time;
    Timespec birth_time;

    // st_mode as Linux reports it: type bits | permission bits.
    uint32_t mode() const { return mode_type_bits(type) | permissions; }
    bool is_directory() const { return type == FileType::directory; }
    bool is_regular() const { return type == FileType::regular; }
    bool is_symlink() const { return type == FileType::symlink; }
};

struct DirEntry {
    std::string name;
    FileType type{FileType::unknown};
    uint64_t inode{0};
    friend bool operator==(const DirEntry&, const DirEntry&) = default;
};

struct StatFs {
    uint64_t type{0};  // f_type magic, e.g. 0x01021994 for tmpfs
    uint64_t block_size{4096};
    uint64_t blocks{0};
    uint64_t blocks_free{0};
    uint64_t blocks_available{0};
    uint64_t files{0};
    uint64_t files_free{0};
    uint64_t name_max{255};
    uint64_t flags{0};  // ST_RDONLY = 1
};

// Access kinds for access(2) and internal permission checks (R_OK, W_OK, X_OK).
enum class Access : uint8_t { exists = 0, execute = 1, write = 2, read = 4 };
constexpr uint8_t operator|(Access a, Access b) { return static_cast<uint8_t>(a) | static_cast<uint8_t>(b); }

}  // namespace secure_exec
