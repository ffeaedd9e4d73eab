/* wasm_abi.h — the `secure_exec` import module: what WASI preview1 lacks, declared once for both
 * sides. The host (the WasmVM driver, C++) takes the module and function names and the struct
 * layouts from here; guests (the toolbox, C or C++ compiled to wasm32-wasi) get the declarations.
 * toolbox/sys wraps these in POSIX-looking functions (pipe, dup2, waitpid, tcsetpgrp, ...).
 *
 * Conventions: every function returns 0 or a WASI errno (wasi_errno.h's numbering, as wasi-libc's
 * errno values). Pointers are guest linear-memory offsets (uint32_t in structs, so host and guest
 * agree on the layout). Numbers that POSIX defines — signals, wait statuses, termios flags, open
 * and fcntl values — are Linux's, as the kernel uses them. Descriptors are the process's kernel
 * descriptors, the same numbers WASI's fd_* calls take. Plain C so either side can include it. */
#ifndef SECURE_EXEC_WASM_ABI_H
#define SECURE_EXEC_WASM_ABI_H

#include <stdint.h>

#define SECURE_EXEC_ABI_MODULE "secure_exec"

/* A child process (posix_spawn + POSIX_SPAWN_SETPGROUP + file actions). */
typedef struct secure_exec_spawn_request {
    uint32_t command;        /* const char*: a registered name, a name looked up in PATH, or a path */
    uint32_t argv;           /* const char* const*: argv[0..argc); argv[0] is not passed on */
    uint32_t argc;
    uint32_t envp;           /* const char* const*: "NAME=value", the child's whole environment */
    uint32_t envc;
    uint32_t cwd;            /* const char*, or 0 for the caller's */
    int32_t stdin_fd;        /* caller's fds for the child's 0, 1, 2; -1 inherits */
    int32_t stdout_fd;
    int32_t stderr_fd;
    uint32_t fd_actions;     /* secure_exec_fd_action[fd_action_count], applied in order */
    uint32_t fd_action_count;
    int32_t process_group;   /* -1: the caller's; 0: a new group led by the child; N: group N */
    int32_t foreground_fd;   /* with a group: make it the foreground of the terminal at this fd; -1 not */
} secure_exec_spawn_request;

typedef struct secure_exec_fd_action {
    int32_t child_fd;
    int32_t parent_fd;  /* -1 closes child_fd in the child */
} secure_exec_fd_action;

/* Linux's struct termios without c_line and speeds. */
typedef struct secure_exec_termios {
    uint32_t iflag;
    uint32_t oflag;
    uint32_t cflag;
    uint32_t lflag;
    uint8_t cc[32];
} secure_exec_termios;

typedef struct secure_exec_winsize {
    uint16_t rows;
    uint16_t columns;
    uint16_t x_pixels;
    uint16_t y_pixels;
} secure_exec_winsize;

typedef struct secure_exec_identity {
    uint32_t uid;
    uint32_t gid;
    uint32_t euid;
    uint32_t egid;
} secure_exec_identity;

/* st_mode, uid and gid, which WASI's filestat lacks; Linux's struct stat in fixed-width fields. */
typedef struct secure_exec_stat {
    uint64_t dev;
    uint64_t ino;
    uint64_t rdev;
    int64_t size;
    int64_t blocks; /* 512-byte units */
    uint32_t blksize;
    uint32_t nlink;
    uint32_t mode; /* type bits | permission bits */
    uint32_t uid;
    uint32_t gid;
    uint32_t reserved;
    int64_t atime_sec, atime_nsec;
    int64_t mtime_sec, mtime_nsec;
    int64_t ctime_sec, ctime_nsec;
} secure_exec_stat;

/* Path calls take a directory fd, or SECURE_EXEC_AT_FDCWD (wasi-libc's AT_FDCWD) for the working
 * directory, and SECURE_EXEC_FOLLOW to follow a final symlink. */
#define SECURE_EXEC_AT_FDCWD (-2)
#define SECURE_EXEC_FOLLOW 1u
#define SECURE_EXEC_ID_UNCHANGED 0xffffffffu

/* Signal dispositions for secure_exec_signal. A caught signal interrupts blocking calls (EINTR)
 * and waits until the guest takes it with secure_exec_take_signal. */
#define SECURE_EXEC_SIG_DEFAULT 0
#define SECURE_EXEC_SIG_IGNORE 1
#define SECURE_EXEC_SIG_CATCH 2

#define SECURE_EXEC_PIPE_CLOEXEC 1
#define SECURE_EXEC_UMASK_QUERY 0xffffffffu

#if defined(__wasm__)
#define SECURE_EXEC_IMPORT(name) __attribute__((import_module(SECURE_EXEC_ABI_MODULE), import_name(#name)))
#ifdef __cplusplus
extern "C" {
#endif

/* ^Working directory. getcwd writes the path (no NUL) and its length; ERANGE (68) when it does
 * not fit, *length then says how much room is needed. */
SECURE_EXEC_IMPORT(getcwd) uint32_t secure_exec_getcwd(char* buffer, uint32_t capacity, uint32_t* length);
SECURE_EXEC_IMPORT(chdir) uint32_t secure_exec_chdir(const char* path, uint32_t length);
/* Sets the mask unless mask is SECURE_EXEC_UMASK_QUERY; *old gets the previous one. */
SECURE_EXEC_IMPORT(umask) uint32_t secure_exec_umask(uint32_t mask, uint32_t* old);
SECURE_EXEC_IMPORT(credentials) uint32_t secure_exec_credentials(secure_exec_identity* out);

/* ^File status and permissions (chown ids: SECURE_EXEC_ID_UNCHANGED keeps one; access: R_OK 4,
 * W_OK 2, X_OK 1, F_OK 0, checked for the process's user as access(2)). */
SECURE_EXEC_IMPORT(stat) uint32_t secure_exec_stat_path(int32_t dirfd, const char* path, uint32_t length, uint32_t flags, secure_exec_stat* out);
/* open with Linux's O_* flags and a creation mode (WASI's path_open has none); mkdir likewise. */
SECURE_EXEC_IMPORT(open) uint32_t secure_exec_open(int32_t dirfd, const char* path, uint32_t length, uint32_t flags, uint32_t mode, int32_t* fd);
SECURE_EXEC_IMPORT(mkdir) uint32_t secure_exec_mkdir(int32_t dirfd, const char* path, uint32_t length, uint32_t mode);
SECURE_EXEC_IMPORT(fstat) uint32_t secure_exec_fstat(int32_t fd, secure_exec_stat* out);
SECURE_EXEC_IMPORT(chmod) uint32_t secure_exec_chmod(int32_t dirfd, const char* path, uint32_t length, uint32_t mode, uint32_t flags);
SECURE_EXEC_IMPORT(fchmod) uint32_t secure_exec_fchmod(int32_t fd, uint32_t mode);
SECURE_EXEC_IMPORT(chown) uint32_t secure_exec_chown(int32_t dirfd, const char* path, uint32_t length, uint32_t uid, uint32_t gid, uint32_t flags);
SECURE_EXEC_IMPORT(access) uint32_t secure_exec_access(int32_t dirfd, const char* path, uint32_t length, uint32_t mode);

/* ^Processes. waitpid takes Linux's WNOHANG/WUNTRACED/WCONTINUED and gives a Linux status word;
 * *pid is 0 with WNOHANG when nothing changed. A target of 0 means the caller. */
SECURE_EXEC_IMPORT(spawn) uint32_t secure_exec_spawn(const secure_exec_spawn_request* request, int32_t* pid);
SECURE_EXEC_IMPORT(waitpid) uint32_t secure_exec_waitpid(int32_t target, uint32_t options, int32_t* status, int32_t* pid);
SECURE_EXEC_IMPORT(kill) uint32_t secure_exec_kill(int32_t target, uint32_t signal);
SECURE_EXEC_IMPORT(getpid) uint32_t secure_exec_getpid(int32_t* pid);
SECURE_EXEC_IMPORT(getppid) uint32_t secure_exec_getppid(int32_t* pid);
SECURE_EXEC_IMPORT(setpgid) uint32_t secure_exec_setpgid(int32_t target, int32_t pgid);
SECURE_EXEC_IMPORT(getpgid) uint32_t secure_exec_getpgid(int32_t target, int32_t* pgid);
SECURE_EXEC_IMPORT(setsid) uint32_t secure_exec_setsid(int32_t* sid);
SECURE_EXEC_IMPORT(getsid) uint32_t secure_exec_getsid(int32_t target, int32_t* sid);

/* ^Descriptors. fcntl takes F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD and F_SETFD (Linux values). */
SECURE_EXEC_IMPORT(pipe) uint32_t secure_exec_pipe(uint32_t flags, int32_t* fds);
SECURE_EXEC_IMPORT(dup) uint32_t secure_exec_dup(int32_t fd, int32_t* new_fd);
SECURE_EXEC_IMPORT(dup2) uint32_t secure_exec_dup2(int32_t fd, int32_t new_fd);
SECURE_EXEC_IMPORT(fcntl) uint32_t secure_exec_fcntl(int32_t fd, uint32_t command, int32_t argument, int32_t* result);

/* ^Terminals: ENOTTY for anything but a pseudo-terminal end. */
SECURE_EXEC_IMPORT(isatty) uint32_t secure_exec_isatty(int32_t fd, uint32_t* result);
SECURE_EXEC_IMPORT(tcgetattr) uint32_t secure_exec_tcgetattr(int32_t fd, secure_exec_termios* termios);
SECURE_EXEC_IMPORT(tcsetattr) uint32_t secure_exec_tcsetattr(int32_t fd, uint32_t action, const secure_exec_termios* termios);
SECURE_EXEC_IMPORT(tcgetpgrp) uint32_t secure_exec_tcgetpgrp(int32_t fd, int32_t* pgid);
SECURE_EXEC_IMPORT(tcsetpgrp) uint32_t secure_exec_tcsetpgrp(int32_t fd, int32_t pgid);
SECURE_EXEC_IMPORT(get_winsize) uint32_t secure_exec_get_winsize(int32_t fd, secure_exec_winsize* size);
SECURE_EXEC_IMPORT(set_winsize) uint32_t secure_exec_set_winsize(int32_t fd, const secure_exec_winsize* size);

/* ^Signals. signal sets a disposition (SECURE_EXEC_SIG_*) and gives the previous one;
 * sigprocmask takes SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK (0/1/2) and 64-bit sets (bit n-1 for
 * signal n); take_signal gives the lowest pending caught signal, or 0. */
SECURE_EXEC_IMPORT(signal) uint32_t secure_exec_signal(uint32_t signal, uint32_t disposition, uint32_t* old);
SECURE_EXEC_IMPORT(sigprocmask) uint32_t secure_exec_sigprocmask(uint32_t how, uint64_t set, uint64_t* old);
SECURE_EXEC_IMPORT(sigpending) uint32_t secure_exec_sigpending(uint64_t* set);
SECURE_EXEC_IMPORT(take_signal) uint32_t secure_exec_take_signal(uint32_t* signal);

#ifdef __cplusplus
}
#endif
#endif /* __wasm__ */

#endif /* SECURE_EXEC_WASM_ABI_H */
