/* poll_oneoff with clock and descriptor subscriptions, and poll() from wasi-libc. The test harness
 * feeds stdin, a kernel pipe: it writes "hello\n" some time after "ok stdin_empty" and closes
 * stdin some time after "ok stdin_data", so the blocking checks really wait for it. Pipes and
 * caught signals come from toolbox/sys (sx/posix.h). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include <sx/posix.h>

#include "check.h"

#define MS 1000000ull

static uint64_t now(__wasi_clockid_t clock) {
    __wasi_timestamp_t time = 0;
    CHECK(__wasi_clock_time_get(clock, 1, &time) == 0);
    return time;
}

static __wasi_subscription_t clock_subscription(uint64_t userdata, __wasi_clockid_t clock, uint64_t timeout,
                                                __wasi_subclockflags_t flags) {
    __wasi_subscription_t subscription;
    memset(&subscription, 0, sizeof subscription);
    subscription.userdata = userdata;
    subscription.u.tag = __WASI_EVENTTYPE_CLOCK;
    subscription.u.u.clock.id = clock;
    subscription.u.u.clock.timeout = timeout;
    subscription.u.u.clock.flags = flags;
    return subscription;
}

static __wasi_subscription_t fd_subscription(uint64_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t subscription;
    memset(&subscription, 0, sizeof subscription);
    subscription.userdata = userdata;
    subscription.u.tag = type;
    subscription.u.u.fd_read.file_descriptor = fd; /* fd_write has the same layout */
    return subscription;
}

int main(void) {
    __wasi_event_t events[4];
    __wasi_size_t count = 0;

    /* a relative clock alone is a sleep */
    uint64_t before = now(__WASI_CLOCKID_MONOTONIC);
    __wasi_subscription_t subscriptions[4] = {clock_subscription(1, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0)};
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 1 && events[0].type == __WASI_EVENTTYPE_CLOCK && events[0].error == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - before >= 20 * MS);
    OK("clock_relative");

    /* absolute deadlines: monotonic in the future, realtime in the past (due at once) */
    uint64_t deadline = now(__WASI_CLOCKID_MONOTONIC) + 30 * MS;
    subscriptions[0] = clock_subscription(2, __WASI_CLOCKID_MONOTONIC, deadline, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 2 && events[0].error == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) >= deadline);
    subscriptions[0] = clock_subscription(3, __WASI_CLOCKID_REALTIME, now(__WASI_CLOCKID_REALTIME) - 1000 * MS,
                                          __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    subscriptions[1] = clock_subscription(4, __WASI_CLOCKID_MONOTONIC, 5000 * MS, 0);
    before = now(__WASI_CLOCKID_MONOTONIC);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 3);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - before < 2500 * MS);
    OK("clock_absolute");

    /* a regular file is always ready; fd_read reports the bytes past the position */
    int file = open("/tmp/poll-file", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(file >= 0);
    CHECK(write(file, "0123456789", 10) == 10 && lseek(file, 4, SEEK_SET) == 4);
    subscriptions[0] = fd_subscription(5, __WASI_EVENTTYPE_FD_READ, file);
    subscriptions[1] = fd_subscription(6, __WASI_EVENTTYPE_FD_WRITE, file);
    subscriptions[2] = clock_subscription(7, __WASI_CLOCKID_MONOTONIC, 5000 * MS, 0);
    before = now(__WASI_CLOCKID_MONOTONIC);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 3, &count) == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - before < 2500 * MS);
    CHECK(count == 2);
    CHECK(events[0].userdata == 5 && events[0].type == __WASI_EVENTTYPE_FD_READ && events[0].error == 0);
    CHECK(events[0].fd_readwrite.nbytes == 6 && events[0].fd_readwrite.flags == 0);
    CHECK(events[1].userdata == 6 && events[1].type == __WASI_EVENTTYPE_FD_WRITE && events[1].error == 0);
    OK("regular_file");

    /* a descriptor that is not open: an EBADF event at once, next to a clock that is not due */
    subscriptions[0] = fd_subscription(8, __WASI_EVENTTYPE_FD_READ, 99);
    subscriptions[1] = clock_subscription(9, __WASI_CLOCKID_MONOTONIC, 5000 * MS, 0);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 8 && events[0].error == __WASI_ERRNO_BADF);
    struct pollfd bad = {99, POLLIN, 0};
    CHECK(poll(&bad, 1, 5000) == 1 && bad.revents == POLLNVAL);
    OK("bad_fd");

    /* stdin is an empty pipe whose writer (the harness) is waiting: the clock fires first */
    subscriptions[0] = fd_subscription(10, __WASI_EVENTTYPE_FD_READ, 0);
    subscriptions[1] = clock_subscription(11, __WASI_CLOCKID_MONOTONIC, 30 * MS, 0);
    subscriptions[2] = fd_subscription(12, __WASI_EVENTTYPE_FD_WRITE, 1);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 11 && events[0].type == __WASI_EVENTTYPE_CLOCK);
    /* stdout is writable at once */
    CHECK(__wasi_poll_oneoff(subscriptions + 2, events, 1, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 12 && events[0].error == 0);
    OK("stdin_empty");

    /* now the harness writes, later: the poll sleeps until then, and the data beats a long clock */
    before = now(__WASI_CLOCKID_MONOTONIC);
    subscriptions[1] = clock_subscription(11, __WASI_CLOCKID_MONOTONIC, 20000 * MS, 0);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 2, &count) == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - before >= 10 * MS);
    CHECK(count == 1 && events[0].userdata == 10 && events[0].type == __WASI_EVENTTYPE_FD_READ && events[0].error == 0);
    CHECK(events[0].fd_readwrite.nbytes == 6 && events[0].fd_readwrite.flags == 0);
    char buffer[16];
    CHECK(read(0, buffer, sizeof buffer) == 6 && memcmp(buffer, "hello\n", 6) == 0);
    OK("stdin_data");

    /* the harness closes stdin, later: a hangup, through poll() as well */
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &count) == 0);
    CHECK(count == 1 && events[0].userdata == 10 && events[0].error == 0);
    CHECK(events[0].fd_readwrite.flags == __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP && events[0].fd_readwrite.nbytes == 0);
    struct pollfd both[2] = {{0, POLLIN, 0}, {1, POLLOUT, 0}};
    CHECK(poll(both, 2, -1) == 2);
    CHECK((both[0].revents & POLLIN) && (both[0].revents & POLLHUP) && both[1].revents == POLLOUT);
    CHECK(read(0, buffer, sizeof buffer) == 0);
    OK("stdin_hangup");

    /* fd_fdstat_set_rights: dropping rights is accepted (and not enforced), a bad fd is not */
    CHECK(__wasi_fd_fdstat_set_rights(file, __WASI_RIGHTS_FD_READ, 0) == 0);
    CHECK(__wasi_fd_fdstat_set_rights(99, 0, 0) == __WASI_ERRNO_BADF);
    CHECK(pwrite(file, "x", 1, 0) == 1);
    CHECK(close(file) == 0 && unlink("/tmp/poll-file") == 0);
    OK("set_rights");

    /* a pipe between two of our own descriptors (toolbox/sys's pipe()) */
    int ends[2];
    CHECK(pipe2(ends, SX_O_CLOEXEC) == 0);
    struct pollfd pipe_fds[2] = {{ends[0], POLLIN, 0}, {ends[1], POLLOUT, 0}};
    CHECK(poll(pipe_fds, 2, 0) == 1 && pipe_fds[0].revents == 0 && pipe_fds[1].revents == POLLOUT);
    CHECK(write(ends[1], "abc", 3) == 3);
    subscriptions[0] = fd_subscription(13, __WASI_EVENTTYPE_FD_READ, ends[0]);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &count) == 0);
    CHECK(count == 1 && events[0].error == 0 && events[0].fd_readwrite.nbytes == 3);
    CHECK(close(ends[1]) == 0);
    CHECK(poll(pipe_fds, 1, -1) == 1 && (pipe_fds[0].revents & POLLIN) && (pipe_fds[0].revents & POLLHUP));
    OK("pipe");

    /* a caught signal ends a poll that would wait forever: EINTR, and the signal stays to be taken */
    int quiet[2];
    CHECK(pipe2(quiet, SX_O_CLOEXEC) == 0);
    CHECK(sx_signal(SIGUSR1, SECURE_EXEC_SIG_CATCH) == SECURE_EXEC_SIG_DEFAULT);
    CHECK(kill(getpid(), SIGUSR1) == 0);
    subscriptions[0] = fd_subscription(14, __WASI_EVENTTYPE_FD_READ, quiet[0]);
    CHECK(__wasi_poll_oneoff(subscriptions, events, 1, &count) == __WASI_ERRNO_INTR);
    CHECK(sx_take_signal() == SIGUSR1);
    struct pollfd quiet_fd = {quiet[0], POLLIN, 0};
    CHECK(poll(&quiet_fd, 1, 0) == 0);
    OK("eintr");
    return 0;
}
