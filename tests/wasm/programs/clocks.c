/* Clocks: REALTIME, MONOTONIC and CPUTIME move forward; nanosleep/poll sleep at least as asked. */
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    struct timespec real, mono, cpu, res;
    CHECK(clock_gettime(CLOCK_REALTIME, &real) == 0);
    CHECK(real.tv_sec > 1600000000);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &mono) == 0);
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0);
    CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0);
    OK("gettime");

    volatile unsigned long spin = 0;
    for (unsigned long i = 0; i < 20000000UL; ++i)
        spin += i;
    struct timespec cpu2;
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu2) == 0);
    CHECK(ns(cpu2) > ns(cpu));
    OK("cputime");

    struct timespec before, after, real2;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &before) == 0);
    struct timespec nap = {0, 50 * 1000000L};
    CHECK(nanosleep(&nap, NULL) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &after) == 0);
    CHECK(ns(after) - ns(before) >= 50 * 1000000LL);
    CHECK(ns(after) - ns(before) < 5000 * 1000000LL);
    CHECK(ns(before) >= ns(mono));
    CHECK(clock_gettime(CLOCK_REALTIME, &real2) == 0 && ns(real2) >= ns(real) + 50 * 1000000LL);
    OK("nanosleep");

    /* an absolute deadline: clock_nanosleep(TIMER_ABSTIME) */
    CHECK(clock_gettime(CLOCK_MONOTONIC, &before) == 0);
    struct timespec deadline = before;
    deadline.tv_nsec += 30 * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_nsec -= 1000000000L;
        deadline.tv_sec += 1;
    }
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &after) == 0);
    CHECK(ns(after) >= ns(deadline));
    OK("abstime");

    /* usleep and poll() with only a timeout */
    CHECK(clock_gettime(CLOCK_MONOTONIC, &before) == 0);
    CHECK(usleep(20000) == 0);
    CHECK(poll(NULL, 0, 20) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &after) == 0);
    CHECK(ns(after) - ns(before) >= 40 * 1000000LL);
    OK("poll_timeout");

    /* a descriptor subscription is reported at once: stdout is writable */
    struct pollfd fds[1] = {{1, POLLOUT, 0}};
    CHECK(poll(fds, 1, 1000) == 1 && (fds[0].revents & POLLOUT));
    OK("poll_fd");
    return 0;
}
