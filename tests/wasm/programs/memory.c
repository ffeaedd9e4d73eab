/* The per-process memory limit: allocation fails cleanly (malloc returns NULL, memory.grow -1)
 * near the limit, instead of the process or the host dying. argv[1]: the limit in MiB. */
#include "check.h"

static char* blocks[4096]; /* kept, so the compiler cannot drop the allocations */

int main(int argc, char** argv) {
    CHECK(argc == 2);
    long limit_mib = atol(argv[1]);
    long got_mib = 0;
    CHECK(limit_mib > 0 && 4 * limit_mib <= 4096);
    while (got_mib < 4 * limit_mib) {
        char* block = malloc(1 << 20);
        if (!block)
            break;
        memset(block, (int)got_mib, 1 << 20); /* touch it: the pages are really used */
        blocks[got_mib++] = block;
    }
    long sum = 0;
    for (long i = 0; i < got_mib; ++i)
        sum += blocks[i][i % (1 << 20)];
    printf("allocated %ld MiB (%ld)\n", got_mib, sum);
    CHECK(got_mib < limit_mib);
    CHECK(got_mib > limit_mib / 2);
    OK("limited");
    return 0;
}
