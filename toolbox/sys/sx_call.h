/* sx_call.h — private to the guest library: turning an import's WASI errno into libc's -1/errno.
 * wasi-libc's errno values are WASI's, so the number passes through unchanged. */
#ifndef SX_CALL_H
#define SX_CALL_H

#include <errno.h>
#include <stdint.h>

static inline int sx_result(uint32_t error, int value) {
    if (error == 0)
        return value;
    errno = (int)error;
    return -1;
}

#define SX_PTR(p) ((uint32_t)(uintptr_t)(p))

#endif /* SX_CALL_H */
