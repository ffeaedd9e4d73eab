/* Creating files and directories with the mode the caller asked for: WASI's path_open and
 * path_create_directory take none, so open/openat with O_CREAT and mkdir/mkdirat go to the
 * kernel through the secure_exec module instead (wrapped with --wrap; ENOSYS falls back). */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <sx/posix.h>

#include "sx_call.h"

enum { k_enosys = 52 };

/* wasi-libc's own. Its *at functions hand AT_FDCWD and absolute paths to the plain ones (which are
 * wrapped too), so each fallback calls the plain one itself in that case, or it would loop. */
int __real_open(const char* path, int flags, ...);
int __real_openat(int dirfd, const char* path, int flags, ...);
int __real_mkdir(const char* path, mode_t mode);
int __real_mkdirat(int dirfd, const char* path, mode_t mode);

static int at_cwd(int dirfd, const char* path) { return dirfd == AT_FDCWD || path[0] == '/'; }

static int real_openat(int dirfd, const char* path, int flags) {
    return at_cwd(dirfd, path) ? __real_open(path, flags) : __real_openat(dirfd, path, flags);
}

/* wasi-libc's O_* flags → Linux's. */
static uint32_t linux_flags(int flags) {
    uint32_t out = 0;
    int access = flags & O_ACCMODE;
    if (access == O_RDWR)
        out |= 02;
    else if (access == O_WRONLY)
        out |= 01;
    static const struct { int wasi; uint32_t linux_value; } k_map[] = {
        {O_CREAT, 0100},        {O_EXCL, 0200},        {O_TRUNC, 01000},       {O_APPEND, 02000},
        {O_NONBLOCK, 04000},    {O_DIRECTORY, 0200000}, {O_NOFOLLOW, 0400000}, {O_SYNC, 04010000},
        {O_DSYNC, 010000},
    };
    for (size_t i = 0; i < sizeof k_map / sizeof k_map[0]; ++i)
        if ((flags & k_map[i].wasi) == k_map[i].wasi)
            out |= k_map[i].linux_value;
    return out;
}

static int create_at(int dirfd, const char* path, int flags, mode_t mode) {
    int32_t fd = -1;
    uint32_t error = secure_exec_open(dirfd, path, (uint32_t)strlen(path), linux_flags(flags), mode, &fd);
    if (error == k_enosys)
        return real_openat(dirfd, path, flags);
    return sx_result(error, fd);
}

int __wrap_openat(int dirfd, const char* path, int flags, ...) {
    if (!(flags & O_CREAT))
        return real_openat(dirfd, path, flags);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = va_arg(arguments, mode_t);
    va_end(arguments);
    return create_at(dirfd, path, flags, mode);
}

int __wrap_open(const char* path, int flags, ...) {
    if (!(flags & O_CREAT))
        return __real_open(path, flags);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = va_arg(arguments, mode_t);
    va_end(arguments);
    return create_at(AT_FDCWD, path, flags, mode);
}

int __wrap_mkdirat(int dirfd, const char* path, mode_t mode) {
    uint32_t error = secure_exec_mkdir(dirfd, path, (uint32_t)strlen(path), mode);
    if (error == k_enosys)
        return at_cwd(dirfd, path) ? __real_mkdir(path, mode) : __real_mkdirat(dirfd, path, mode);
    return sx_result(error, 0);
}

int __wrap_mkdir(const char* path, mode_t mode) { return __wrap_mkdirat(AT_FDCWD, path, mode); }
