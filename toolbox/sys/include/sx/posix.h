/* sx/posix.h — the POSIX process, descriptor, terminal and signal functions that wasi-libc leaves
 * out, implemented over the host's `secure_exec` import module (include/secure_exec/wasm_abi.h).
 * They set errno and return -1 on failure, as libc does. Also here: sx_* calls with no POSIX
 * spelling (spawning, keeping wasi-libc's working directory in step with the kernel's, taking
 * caught signals).
 *
 * Linking this library also starts the program in its kernel process's working directory
 * (wasi-libc's own starts at "/"). */
#ifndef SX_POSIX_H
#define SX_POSIX_H

#include <stdint.h>
#include <sys/types.h>

#include <secure_exec/wasm_abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ^Process identity, groups and sessions (unistd.h) */
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
mode_t umask(mode_t mask);
int kill(pid_t pid, int signal);

/* ^Descriptors (unistd.h). pipe2 takes SX_O_CLOEXEC (wasi-libc's O_CLOEXEC is 0). */
#define SX_O_CLOEXEC 02000000
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int dup(int fd);
int dup2(int fd, int new_fd);
/* F_DUPFD (0), F_DUPFD_CLOEXEC, F_GETFD and F_SETFD with FD_CLOEXEC, which wasi-libc's fcntl lacks. */
#define SX_F_DUPFD 0
int sx_fcntl(int fd, int command, int argument);

/* ^Modes and owners (sys/stat.h, unistd.h). stat, lstat, fstat, fstatat, access and faccessat
 * are wasi-libc's, wrapped at link time to ask the kernel (modes, owners, the real access check);
 * so are open/openat with O_CREAT and mkdir/mkdirat, which WASI would create without the mode. */
int chmod(const char* path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char* path, mode_t mode, int flags);
int chown(const char* path, uid_t uid, gid_t gid);
int lchown(const char* path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags);

/* ^Terminals (unistd.h). isatty in wasi-libc guesses from the file type; sx_isatty asks. */
int sx_isatty(int fd);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgid);

/* ^Spawning: posix_spawn with a chdir, stdio, file actions and a process group. */
typedef struct sx_spawn_options {
    const char* cwd;        /* NULL: the caller's */
    int stdin_fd;           /* the caller's fds for the child's 0, 1, 2; -1 inherits */
    int stdout_fd;
    int stderr_fd;
    const secure_exec_fd_action* fd_actions;
    unsigned fd_action_count;
    int process_group;      /* -1: the caller's; 0: a new one led by the child; N: group N */
    int foreground_fd;      /* with a group: give it this terminal's foreground; -1 not */
} sx_spawn_options;

/* Options that change nothing: inherit everything, stay in the caller's group. */
sx_spawn_options sx_spawn_defaults(void);
/* Starts `command` (a name looked up in PATH, or a path) with argv (argv[0] is not passed on:
 * the kernel sets it) and envp (NULL: this process's environ). Returns the child's pid. */
pid_t sx_spawn(const char* command, char* const argv[], char* const envp[], const sx_spawn_options* options);

/* ^Working directory: changes the kernel process's (what children inherit) and wasi-libc's.
 * Plain chdir() changes only wasi-libc's. */
int sx_chdir(const char* path);
/* Sets wasi-libc's working directory to the kernel process's. Runs before main. */
int sx_sync_cwd(void);

/* ^Signals. A caught signal interrupts blocking calls with EINTR and stays pending until taken. */
int sx_signal(int signal, int disposition); /* SECURE_EXEC_SIG_*; returns the previous one */
int sx_sigprocmask(int how, uint64_t set, uint64_t* old);
int sx_take_signal(void);                   /* the lowest pending caught signal, or 0 */

/* ^Window size */
int sx_get_winsize(int fd, secure_exec_winsize* size);
int sx_set_winsize(int fd, const secure_exec_winsize* size);

#ifdef __cplusplus
}
#endif

#endif /* SX_POSIX_H */
