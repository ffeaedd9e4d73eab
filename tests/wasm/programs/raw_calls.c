/* preview1 calls made directly (wasi/api.h): exact errnos, bad pointers (EFAULT), fd_readdir's
 * cut-off last entry and cookies, poll_oneoff's events, sock_* (ENOTSUP). */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "check.h"

/* wasi/api.h declares proc_raise only for _WASI_EMULATED_SIGNAL builds */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t raw_proc_raise(int32_t signal);

#define BAD_POINTER ((void*)0xfffffff0u)

int main(void) {
    CHECK(mkdir("/tmp/raw", 0755) == 0);
    int file = open("/tmp/raw/file", O_RDWR | O_CREAT, 0644);
    CHECK(file >= 0);
    int dir = open("/tmp/raw", O_RDONLY | O_DIRECTORY);
    CHECK(dir >= 0);

    __wasi_size_t size = 0;
    __wasi_filesize_t position = 0;
    __wasi_ciovec_t bad_iov = {BAD_POINTER, 64};
    CHECK(__wasi_fd_pwrite(file, &bad_iov, 1, 0, &size) == __WASI_ERRNO_FAULT);
    CHECK(__wasi_fd_tell(file, BAD_POINTER) == __WASI_ERRNO_FAULT);
    CHECK(__wasi_fd_readdir(dir, BAD_POINTER, 100, 0, &size) == __WASI_ERRNO_FAULT);
    CHECK(__wasi_poll_oneoff(BAD_POINTER, BAD_POINTER, 1, &size) == __WASI_ERRNO_FAULT);
    OK("fault");

    CHECK(__wasi_fd_tell(99, &position) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_sync(99) == __WASI_ERRNO_BADF && __wasi_fd_datasync(99) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_advise(99, 0, 0, __WASI_ADVICE_NORMAL) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_advise(file, 0, 0, 9) == __WASI_ERRNO_INVAL);
    CHECK(__wasi_fd_allocate(99, 0, 1) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_filestat_set_size(99, 1) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_renumber(99, file) == __WASI_ERRNO_BADF);
    CHECK(__wasi_fd_readdir(file, (uint8_t*)&position, 8, 0, &size) == __WASI_ERRNO_NOTDIR);
    CHECK(__wasi_path_remove_directory(dir, "file") == __WASI_ERRNO_NOTDIR);
    CHECK(__wasi_path_unlink_file(dir, "missing") == __WASI_ERRNO_NOENT);
    CHECK(__wasi_path_create_directory(dir, "file") == __WASI_ERRNO_EXIST);
    CHECK(raw_proc_raise(31) == __WASI_ERRNO_INVAL);
    OK("errnos");

    /* fd_pwrite/fd_pread with iovecs; fd_tell does not move */
    __wasi_ciovec_t out[2] = {{(const uint8_t*)"abc", 3}, {(const uint8_t*)"defg", 4}};
    CHECK(__wasi_fd_pwrite(file, out, 2, 10, &size) == 0 && size == 7);
    CHECK(__wasi_fd_tell(file, &position) == 0 && position == 0);
    uint8_t first[5], second[8];
    __wasi_iovec_t in[2] = {{first, 5}, {second, 8}};
    CHECK(__wasi_fd_pread(file, in, 2, 8, &size) == 0 && size == 9);
    CHECK(first[0] == 0 && first[1] == 0 && memcmp(first + 2, "abc", 3) == 0 && memcmp(second, "defg", 4) == 0);
    CHECK(__wasi_fd_pread(file, in, 2, 1000, &size) == 0 && size == 0);
    OK("pread_pwrite");

    /* fd_readdir: ".", "..", "file", "sub"; the header is 24 bytes */
    CHECK(__wasi_path_create_directory(dir, "sub") == 0);
    uint8_t buffer[256];
    CHECK(__wasi_fd_readdir(dir, buffer, sizeof buffer, 0, &size) == 0);
    CHECK(size == 4 * 24 + 1 + 2 + 4 + 3);
    __wasi_dirent_t entry;
    memcpy(&entry, buffer, sizeof entry);
    CHECK(entry.d_next == 1 && entry.d_namlen == 1 && entry.d_type == __WASI_FILETYPE_DIRECTORY && buffer[24] == '.');
    /* from cookie 2, cut inside the second entry's header: bufused == buf_len */
    CHECK(__wasi_fd_readdir(dir, buffer, 24 + 4 + 10, 2, &size) == 0 && size == 24 + 4 + 10);
    memcpy(&entry, buffer, sizeof entry);
    CHECK(entry.d_next == 3 && entry.d_namlen == 4);
    CHECK(memcmp(buffer + 24, "file", 4) == 0 || memcmp(buffer + 24, "sub", 3) == 0);
    memcpy(&entry, buffer + 28, 8);
    CHECK(entry.d_next == 4);
    /* cut inside a name */
    CHECK(__wasi_fd_readdir(dir, buffer, 26, 2, &size) == 0 && size == 26);
    /* past the end */
    CHECK(__wasi_fd_readdir(dir, buffer, sizeof buffer, 4, &size) == 0 && size == 0);
    CHECK(__wasi_fd_readdir(dir, buffer, sizeof buffer, 100, &size) == 0 && size == 0);
    OK("readdir_raw");

    /* poll_oneoff: two relative timers, the earlier fires alone; a bad clock id is an event error */
    __wasi_subscription_t subscriptions[2];
    memset(subscriptions, 0, sizeof subscriptions);
    subscriptions[0].userdata = 11;
    subscriptions[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subscriptions[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subscriptions[0].u.u.clock.timeout = 500000000ull;
    subscriptions[1] = subscriptions[0];
    subscriptions[1].userdata = 22;
    subscriptions[1].u.u.clock.timeout = 10000000ull;
    __wasi_event_t events[2];
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &size) == 0);
    CHECK(size == 1 && events[0].userdata == 22 && events[0].error == 0 && events[0].type == __WASI_EVENTTYPE_CLOCK);
    subscriptions[0].u.u.clock.id = 77;
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &size) == 0);
    CHECK(size == 1 && events[0].userdata == 11 && events[0].error == __WASI_ERRNO_INVAL);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 0, &size) == __WASI_ERRNO_INVAL);
    /* an fd subscription is reported at once, a bad fd as an event error */
    subscriptions[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    subscriptions[0].u.u.fd_write.file_descriptor = 1;
    subscriptions[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subscriptions[1].u.u.fd_read.file_descriptor = 99;
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &size) == 0 && size == 2);
    CHECK(events[0].userdata == 11 && events[0].error == 0 && events[0].type == __WASI_EVENTTYPE_FD_WRITE);
    CHECK(events[1].userdata == 22 && events[1].error == __WASI_ERRNO_BADF);
    OK("poll_oneoff");

    CHECK(__wasi_sock_shutdown(1, __WASI_SDFLAGS_WR) == __WASI_ERRNO_NOTSUP);
    __wasi_fd_t accepted;
    CHECK(__wasi_sock_accept(1, 0, &accepted) == __WASI_ERRNO_NOTSUP);
    OK("sock");

    CHECK(close(file) == 0 && close(dir) == 0);
    CHECK(unlink("/tmp/raw/file") == 0 && rmdir("/tmp/raw/sub") == 0 && rmdir("/tmp/raw") == 0);
    OK("cleanup");
    return 0;
}
