/* Signal dispositions for a guest that cannot be interrupted: caught signals wait, pending, until
 * the program takes them (sx_take_signal) at a point of its choosing. */
#include <sx/posix.h>

#include "sx_call.h"

int sx_signal(int signal, int disposition) {
    uint32_t old = 0;
    return sx_result(secure_exec_signal((uint32_t)signal, (uint32_t)disposition, &old), (int)old);
}

int sx_sigprocmask(int how, uint64_t set, uint64_t* old) {
    uint64_t previous = 0;
    uint32_t error = secure_exec_sigprocmask((uint32_t)how, set, &previous);
    if (error == 0 && old)
        *old = previous;
    return sx_result(error, 0);
}

int sx_take_signal(void) {
    uint32_t signal = 0;
    return sx_result(secure_exec_take_signal(&signal), (int)signal);
}
