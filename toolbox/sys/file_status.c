/* File modes, owners and access checks, which WASI's filestat lacks: stat and access are wrapped
 * (--wrap) to ask the kernel, chmod and chown are added. On a host without the secure_exec module
 * (ENOSYS) the wrappers fall back to wasi-libc. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sx_call.h"

enum { k_enosys = 52 };

int __real_stat(const char* path, struct stat* out);
int __real_lstat(const char* path, struct stat* out);
int __real_fstat(int fd, struct stat* out);
int __real_fstatat(int dirfd, const char* path, struct stat* out, int flags);
int __real_access(const char* path, int mode);
int __real_faccessat(int dirfd, const char* path, int mode, int flags);

static void to_stat(const secure_exec_stat* in, struct stat* out) {
    memset(out, 0, sizeof *out);
    out->st_dev = in->dev;
    out->st_ino = in->ino;
    out->st_nlink = in->nlink;
    out->st_mode = in->mode;
    out->st_uid = in->uid;
    out->st_gid = in->gid;
    out->st_rdev = in->rdev;
    out->st_size = in->size;
    out->st_blksize = in->blksize;
    out->st_blocks = in->blocks;
    out->st_atim.tv_sec = in->atime_sec;
    out->st_atim.tv_nsec = in->atime_nsec;
    out->st_mtim.tv_sec = in->mtime_sec;
    out->st_mtim.tv_nsec = in->mtime_nsec;
    out->st_ctim.tv_sec = in->ctime_sec;
    out->st_ctim.tv_nsec = in->ctime_nsec;
}

static int stat_at(int dirfd, const char* path, struct stat* out, uint32_t follow) {
    secure_exec_stat raw;
    uint32_t error = secure_exec_stat_path(dirfd, path, (uint32_t)strlen(path), follow, &raw);
    if (error == 0)
        to_stat(&raw, out);
    return sx_result(error, 0);
}

int __wrap_fstatat(int dirfd, const char* path, struct stat* out, int flags) {
    uint32_t follow = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : SECURE_EXEC_FOLLOW;
    int result = stat_at(dirfd, path, out, follow);
    if (result != 0 && errno == k_enosys) {
        /* wasi-libc's fstatat hands these to (wrapped) stat/lstat: call the real ones directly. */
        if (dirfd == AT_FDCWD || path[0] == '/')
            return follow ? __real_stat(path, out) : __real_lstat(path, out);
        return __real_fstatat(dirfd, path, out, flags);
    }
    return result;
}

int __wrap_stat(const char* path, struct stat* out) {
    int result = stat_at(AT_FDCWD, path, out, SECURE_EXEC_FOLLOW);
    return result != 0 && errno == k_enosys ? __real_stat(path, out) : result;
}

int __wrap_lstat(const char* path, struct stat* out) {
    int result = stat_at(AT_FDCWD, path, out, 0);
    return result != 0 && errno == k_enosys ? __real_lstat(path, out) : result;
}

int __wrap_fstat(int fd, struct stat* out) {
    secure_exec_stat raw;
    uint32_t error = secure_exec_fstat(fd, &raw);
    if (error == k_enosys)
        return __real_fstat(fd, out);
    if (error == 0)
        to_stat(&raw, out);
    return sx_result(error, 0);
}

int __wrap_faccessat(int dirfd, const char* path, int mode, int flags) {
    uint32_t error = secure_exec_access(dirfd, path, (uint32_t)strlen(path), (uint32_t)mode);
    if (error == k_enosys)
        return dirfd == AT_FDCWD || path[0] == '/' ? __real_access(path, mode) : __real_faccessat(dirfd, path, mode, flags);
    return sx_result(error, 0);
}

int __wrap_access(const char* path, int mode) { return __wrap_faccessat(AT_FDCWD, path, mode, 0); }

int fchmodat(int dirfd, const char* path, mode_t mode, int flags) {
    uint32_t follow = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : SECURE_EXEC_FOLLOW;
    return sx_result(secure_exec_chmod(dirfd, path, (uint32_t)strlen(path), mode & 07777, follow), 0);
}

int chmod(const char* path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }

int fchmod(int fd, mode_t mode) { return sx_result(secure_exec_fchmod(fd, mode & 07777), 0); }

int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags) {
    uint32_t follow = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : SECURE_EXEC_FOLLOW;
    return sx_result(secure_exec_chown(dirfd, path, (uint32_t)strlen(path), uid, gid, follow), 0);
}

int chown(const char* path, uid_t uid, gid_t gid) { return fchownat(AT_FDCWD, path, uid, gid, 0); }
int lchown(const char* path, uid_t uid, gid_t gid) { return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW); }
