#include "lib/file_times.h"

#include <sys/stat.h>
#include <wasi/api.h>
#include <wasi/libc-find-relpath.h>

#include <cerrno>
#include <string>

#include "lib/paths.h"

namespace toolbox {

namespace {

// WASI's timestamp and flag for one timespec; false for an invalid one (EINVAL, as Linux).
bool convert(const timespec& time, __wasi_timestamp_t& stamp, __wasi_fstflags_t& flags, __wasi_fstflags_t set,
             __wasi_fstflags_t now) {
    stamp = 0;
    if (time.tv_nsec == UTIME_OMIT)
        return true;
    if (time.tv_nsec == UTIME_NOW) {
        flags |= now;
        return true;
    }
    if (time.tv_nsec < 0 || time.tv_nsec > 999999999 || time.tv_sec < 0)
        return false;
    stamp = static_cast<__wasi_timestamp_t>(time.tv_sec) * 1000000000u + static_cast<__wasi_timestamp_t>(time.tv_nsec);
    flags |= set;
    return true;
}

bool convert_both(const timespec times[2], __wasi_timestamp_t& access, __wasi_timestamp_t& modify,
                  __wasi_fstflags_t& flags) {
    flags = 0;
    if (!times) {
        access = modify = 0;
        flags = __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW;
        return true;
    }
    return convert(times[0], access, flags, __WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_ATIM_NOW) &&
           convert(times[1], modify, flags, __WASI_FSTFLAGS_MTIM, __WASI_FSTFLAGS_MTIM_NOW);
}

}  // namespace

int set_fd_times(int fd, const timespec times[2]) {
    __wasi_timestamp_t access = 0, modify = 0;
    __wasi_fstflags_t flags = 0;
    if (!convert_both(times, access, modify, flags)) {
        errno = EINVAL;
        return -1;
    }
    __wasi_errno_t error = __wasi_fd_filestat_set_times(fd, access, modify, flags);
    if (error != 0) {
        errno = error;
        return -1;
    }
    return 0;
}

int set_file_times(const char* path, const timespec times[2], bool follow_symlinks) {
    __wasi_timestamp_t access = 0, modify = 0;
    __wasi_fstflags_t flags = 0;
    if (!convert_both(times, access, modify, flags)) {
        errno = EINVAL;
        return -1;
    }
    std::string absolute = path[0] == '/' ? std::string(path) : join_path(current_directory(), path);
    const char* prefix = nullptr;
    const char* relative = nullptr;
    int directory = __wasilibc_find_abspath(absolute.c_str(), &prefix, &relative);
    if (directory < 0)
        return -1;
    if (*relative == '\0')
        relative = ".";
    __wasi_errno_t error = __wasi_path_filestat_set_times(directory, follow_symlinks ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0,
                                                          relative, access, modify, flags);
    if (error != 0) {
        errno = error;
        return -1;
    }
    return 0;
}

}  // namespace toolbox
