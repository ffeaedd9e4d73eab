/* random_get (getentropy, arc4random) and exit codes: proc_exit with argv[1] after the checks,
 * with stdio flushed by exit(). */
#include <stdint.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char** argv) {
    unsigned char a[256], b[256];
    CHECK(getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0);
    CHECK(memcmp(a, b, sizeof a) != 0);
    int zeros = 0, histogram[256] = {0};
    for (size_t i = 0; i < sizeof a; ++i)
        zeros += a[i] == 0, histogram[a[i]]++;
    CHECK(zeros < 16); /* 256 random bytes: about one zero expected */
    OK("getentropy");
    uint32_t x = arc4random(), y = arc4random();
    CHECK(x != y || arc4random() != x);
    CHECK(arc4random_uniform(10) < 10);
    OK("arc4random");
    printf("unflushed line, exit() flushes it\n");
    exit(argc > 1 ? atoi(argv[1]) : 0);
}
