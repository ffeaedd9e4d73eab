/* Process identity, groups, sessions, waiting and spawning over the secure_exec import module. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sx/posix.h>
#include <sys/wait.h>

#include "sx_call.h"

extern char** environ;

pid_t getpid(void) {
    int32_t pid = 0;
    return sx_result(secure_exec_getpid(&pid), pid);
}

pid_t getppid(void) {
    int32_t pid = 0;
    return sx_result(secure_exec_getppid(&pid), pid);
}

pid_t getpgid(pid_t pid) {
    int32_t pgid = 0;
    return sx_result(secure_exec_getpgid(pid, &pgid), pgid);
}

pid_t getpgrp(void) { return getpgid(0); }

int setpgid(pid_t pid, pid_t pgid) { return sx_result(secure_exec_setpgid(pid, pgid), 0); }

pid_t setsid(void) {
    int32_t sid = 0;
    return sx_result(secure_exec_setsid(&sid), sid);
}

pid_t getsid(pid_t pid) {
    int32_t sid = 0;
    return sx_result(secure_exec_getsid(pid, &sid), sid);
}

static secure_exec_identity identity(void) {
    secure_exec_identity who = {0, 0, 0, 0};
    (void)secure_exec_credentials(&who);
    return who;
}

uid_t getuid(void) { return identity().uid; }
uid_t geteuid(void) { return identity().euid; }
gid_t getgid(void) { return identity().gid; }
gid_t getegid(void) { return identity().egid; }

mode_t umask(mode_t mask) {
    uint32_t old = 0;
    (void)secure_exec_umask(mask & 0777, &old);
    return (mode_t)old;
}

int kill(pid_t pid, int signal) { return sx_result(secure_exec_kill(pid, (uint32_t)signal), 0); }

pid_t waitpid(pid_t pid, int* status, int options) {
    int32_t raw = 0, changed = 0;
    uint32_t error = secure_exec_waitpid(pid, (uint32_t)options, &raw, &changed);
    if (error == 0 && status)
        *status = raw;
    return sx_result(error, changed);
}

pid_t wait(int* status) { return waitpid(-1, status, 0); }

sx_spawn_options sx_spawn_defaults(void) {
    sx_spawn_options options = {NULL, -1, -1, -1, NULL, 0, -1, -1};
    return options;
}

static uint32_t count_strings(char* const strings[]) {
    uint32_t count = 0;
    while (strings && strings[count])
        ++count;
    return count;
}

pid_t sx_spawn(const char* command, char* const argv[], char* const envp[], const sx_spawn_options* options) {
    sx_spawn_options defaults = sx_spawn_defaults();
    if (!options)
        options = &defaults;
    if (!envp)
        envp = environ;
    secure_exec_spawn_request request = {
        .command = SX_PTR(command),
        .argv = SX_PTR(argv),
        .argc = count_strings(argv),
        .envp = SX_PTR(envp),
        .envc = count_strings(envp),
        .cwd = SX_PTR(options->cwd),
        .stdin_fd = options->stdin_fd,
        .stdout_fd = options->stdout_fd,
        .stderr_fd = options->stderr_fd,
        .fd_actions = SX_PTR(options->fd_actions),
        .fd_action_count = options->fd_action_count,
        .process_group = options->process_group,
        .foreground_fd = options->foreground_fd,
    };
    int32_t pid = 0;
    return sx_result(secure_exec_spawn(&request, &pid), pid);
}
