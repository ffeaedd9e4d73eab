/* proc_raise with WASI's signal numbers: SIGCHLD (WASI 16, Linux 17) is ignored by default;
 * SIGTERM (15) then ends the program, which the test sees in its wait status. */
#include <stdint.h>

#include "check.h"

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t raw_proc_raise(int32_t signal);

int main(void) {
    CHECK(raw_proc_raise(16) == 0);
    CHECK(raw_proc_raise(0) == 0);
    OK("chld_ignored");
    raw_proc_raise(15);
    for (;;) {
    }
}
