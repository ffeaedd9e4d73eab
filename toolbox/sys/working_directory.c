/* The working directory lives twice: in the kernel process (what children and /proc see) and in
 * wasi-libc (what relative paths resolve against). These keep the two the same. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sx_call.h"

enum { k_erange = 68 };


int sx_sync_cwd(void) {
    char stack[256];
    char* buffer = stack;
    uint32_t capacity = sizeof stack - 1, length = 0;
    uint32_t error = secure_exec_getcwd(buffer, capacity, &length);
    if (error == k_erange) {
        buffer = malloc(length + 1);
        if (!buffer)
            return -1;
        capacity = length;
        error = secure_exec_getcwd(buffer, capacity, &length);
    }
    int result = -1;
    if (error == 0) {
        buffer[length] = '\0';
        result = chdir(buffer);
    } else {
        errno = (int)error;
    }
    if (buffer != stack)
        free(buffer);
    return result;
}

int sx_chdir(const char* path) {
    if (sx_result(secure_exec_chdir(path, (uint32_t)strlen(path)), 0) != 0)
        return -1;
    return sx_sync_cwd();
}
