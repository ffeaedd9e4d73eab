/* Compiled into every program that links the guest library (an INTERFACE source of sx_sys), so
 * the constructor is linked even though nothing calls it. At start it
 *  - moves the preopened "/" from fd 3 (where the host puts it, as WASI expects) up to fd 999,
 *    re-registering it with wasi-libc, so fds 3-9 are free for the program's own use (a shell's
 *    `exec 3>file` would otherwise replace the directory every path is resolved against);
 *  - starts the program in its kernel process's working directory.
 * Hosts without the secure_exec module answer ENOSYS; the program then keeps wasi-libc's view. */
#include <unistd.h>
#include <wasi/api.h>

#include <sx/posix.h>

int __wasilibc_register_preopened_fd(int fd, const char* prefix);

enum { k_root_fd = 999, k_dupfd_cloexec = 1030 };

static void move_root_preopen(void) {
    for (int fd = 3; fd < 64; ++fd) {
        __wasi_prestat_t prestat;
        __wasi_errno_t error = __wasi_fd_prestat_get((__wasi_fd_t)fd, &prestat);
        if (error == __WASI_ERRNO_BADF)
            return;
        if (error != 0 || prestat.tag != __WASI_PREOPENTYPE_DIR || prestat.u.dir.pr_name_len != 1)
            continue;
        char name[2] = {0, 0};
        if (__wasi_fd_prestat_dir_name((__wasi_fd_t)fd, (uint8_t*)name, 1) != 0 || name[0] != '/')
            continue;
        int high = sx_fcntl(fd, k_dupfd_cloexec, k_root_fd);
        if (high < 0)
            return;  /* no secure_exec module: leave it */
        if (__wasilibc_register_preopened_fd(high, "/") == 0)
            close(fd);
        else
            close(high);
        return;
    }
}

__attribute__((constructor)) static void sx_start(void) {
    move_root_preopen();
    (void)sx_sync_cwd();
}
