/* pipe, dup and close-on-exec over the secure_exec import module. */
#include <unistd.h>

#include <sx/posix.h>

#include "sx_call.h"

int pipe2(int fds[2], int flags) {
    int32_t ends[2] = {-1, -1};
    uint32_t pipe_flags = (flags & SX_O_CLOEXEC) ? SECURE_EXEC_PIPE_CLOEXEC : 0;
    uint32_t error = secure_exec_pipe(pipe_flags, ends);
    if (error == 0) {
        fds[0] = ends[0];
        fds[1] = ends[1];
    }
    return sx_result(error, 0);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }

int dup(int fd) {
    int32_t copy = -1;
    return sx_result(secure_exec_dup(fd, &copy), copy);
}

int dup2(int fd, int new_fd) { return sx_result(secure_exec_dup2(fd, new_fd), new_fd); }

int sx_fcntl(int fd, int command, int argument) {
    int32_t result = -1;
    return sx_result(secure_exec_fcntl(fd, (uint32_t)command, argument, &result), result);
}
