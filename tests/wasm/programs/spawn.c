/* The secure_exec import module through toolbox/sys: spawning (itself, in a child role chosen by
 * argv[1]), waiting, pipes between wasm processes, dup/dup2/fcntl, process groups, kill, caught
 * signals, umask, modes and owners, the working directory and terminal calls on non-terminals. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sx/posix.h>

#include "check.h"

static const char* self;

/* ^Child roles */

static int child_role(int argc, char** argv) {
    const char* role = argv[1];
    if (strcmp(role, "exit") == 0)
        return atoi(argv[2]);
    if (strcmp(role, "parent-is") == 0)
        return getppid() == atoi(argv[2]) ? 0 : 1;
    if (strcmp(role, "produce") == 0) { /* writes N bytes of a pattern to stdout */
        long total = atol(argv[2]);
        char block[4096];
        for (size_t i = 0; i < sizeof block; ++i)
            block[i] = (char)('a' + i % 26);
        for (long sent = 0; sent < total;) {
            long chunk = total - sent < (long)sizeof block ? total - sent : (long)sizeof block;
            ssize_t written = write(1, block, (size_t)chunk);
            if (written <= 0)
                return 2;
            sent += written;
        }
        return 0;
    }
    if (strcmp(role, "count") == 0) { /* prints the number of bytes and their sum from stdin */
        char buffer[8192];
        long count = 0, sum = 0;
        ssize_t got;
        while ((got = read(0, buffer, sizeof buffer)) > 0)
            for (ssize_t i = 0; i < got; ++i, ++count)
                sum += (unsigned char)buffer[i];
        printf("%ld %ld\n", count, sum);
        return got == 0 ? 0 : 3;
    }
    if (strcmp(role, "spin") == 0)
        for (volatile unsigned long i = 0;; ++i) {
        }
    if (strcmp(role, "block") == 0) { /* reads stdin, which never gets data */
        char c;
        return (int)read(0, &c, 1);
    }
    if (strcmp(role, "fd-closed") == 0)
        return sx_fcntl(atoi(argv[2]), F_GETFD, 0) == -1 && errno == EBADF ? 0 : 1;
    if (strcmp(role, "write-fd") == 0)
        return write(atoi(argv[2]), argv[3], strlen(argv[3])) == (ssize_t)strlen(argv[3]) ? 0 : 1;
    if (strcmp(role, "where") == 0) { /* prints cwd and $X */
        char cwd[256];
        const char* x = getenv("X");
        printf("%s %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?", x ? x : "-");
        return 0;
    }
    if (strcmp(role, "stat-root") == 0) { /* with fd 3 inherited, "/" is still found */
        struct stat st;
        return stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) && write(3, "3", 1) == 1 ? 0 : 1;
    }
    if (strcmp(role, "group") == 0)
        return getpgid(0) == getpid() ? 0 : 1;
    if (strcmp(role, "signal-parent") == 0) {
        struct timespec nap = {0, 50 * 1000000L};
        nanosleep(&nap, NULL);
        return kill(getppid(), SIGUSR1) == 0 ? 0 : 1;
    }
    (void)argc;
    return 99;
}

/* ^Helpers for the parent */

static pid_t start(const char* role, const char* arg, const sx_spawn_options* options) {
    char* argv[] = {(char*)self, (char*)role, (char*)arg, NULL};
    return sx_spawn(self, argv, NULL, options);
}

static int finish(pid_t pid) {
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    return status;
}

static int read_all(int fd, char* buffer, size_t size) {
    size_t used = 0;
    ssize_t got;
    while (used < size - 1 && (got = read(fd, buffer + used, size - 1 - used)) > 0)
        used += (size_t)got;
    buffer[used] = '\0';
    return (int)used;
}

/* ^Checks */

static void check_spawn_and_wait(void) {
    int status = finish(start("exit", "7", NULL));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
    char me[16];
    snprintf(me, sizeof me, "%d", getpid());
    status = finish(start("parent-is", me, NULL));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD);
    char* argv[] = {"nope", NULL};
    CHECK(sx_spawn("/no/such/program", argv, NULL, NULL) == -1 && errno == ENOENT);
    OK("spawn_wait");
}

/* produce | count, 300000 bytes: more than a pipe holds, so both sides must stream. */
static void check_pipeline(void) {
    int first[2], second[2];
    CHECK(pipe2(first, SX_O_CLOEXEC) == 0 && pipe2(second, SX_O_CLOEXEC) == 0);
    sx_spawn_options producer = sx_spawn_defaults();
    producer.stdout_fd = first[1];
    sx_spawn_options counter = sx_spawn_defaults();
    counter.stdin_fd = first[0];
    counter.stdout_fd = second[1];
    pid_t a = start("produce", "300000", &producer);
    pid_t b = start("count", NULL, &counter);
    CHECK(a > 0 && b > 0);
    close(first[0]);
    close(first[1]);
    close(second[1]);
    char text[64];
    read_all(second[0], text, sizeof text);
    close(second[0]);
    long expected_sum = 0;
    for (long i = 0; i < 300000; ++i)
        expected_sum += 'a' + (i % 4096) % 26;
    char expected[64];
    snprintf(expected, sizeof expected, "300000 %ld\n", expected_sum);
    CHECK(strcmp(text, expected) == 0);
    CHECK(finish(a) == 0 && finish(b) == 0);
    OK("pipeline");
}

static void check_descriptors(void) {
    int ends[2];
    CHECK(pipe(ends) == 0);
    CHECK(dup2(ends[1], 9) == 9);
    CHECK(write(9, "x", 1) == 1);
    int copy = dup(ends[0]);
    CHECK(copy > ends[1]);
    char c = 0;
    CHECK(read(copy, &c, 1) == 1 && c == 'x');
    int high = sx_fcntl(ends[0], SX_F_DUPFD, 20);
    CHECK(high >= 20);
    CHECK(sx_fcntl(high, F_GETFD, 0) == 0);
    CHECK(sx_fcntl(high, F_SETFD, FD_CLOEXEC) == 0 && sx_fcntl(high, F_GETFD, 0) == FD_CLOEXEC);
    char number[16];
    snprintf(number, sizeof number, "%d", high);
    CHECK(finish(start("fd-closed", number, NULL)) == 0); /* close-on-exec: not inherited */
    /* A file action gives the child fd 5 = our write end. */
    secure_exec_fd_action action = {5, ends[1]};
    sx_spawn_options options = sx_spawn_defaults();
    options.fd_actions = &action;
    options.fd_action_count = 1;
    char* argv[] = {(char*)self, "write-fd", "5", "via5", NULL};
    CHECK(finish(sx_spawn(self, argv, NULL, &options)) == 0);
    char got[8] = {0};
    CHECK(read(ends[0], got, 4) == 4 && strcmp(got, "via5") == 0);
    CHECK(dup2(77, 78) == -1 && errno == EBADF);
    /* An inherited fd 3 does not hide the preopened "/" (libc's scan starts at 3). */
    secure_exec_fd_action at3 = {3, ends[1]};
    options.fd_actions = &at3;
    CHECK(finish(start("stat-root", NULL, &options)) == 0);
    CHECK(read(ends[0], got, 1) == 1 && got[0] == '3');
    close(9), close(copy), close(high), close(ends[0]), close(ends[1]);
    OK("descriptors");
}

static void check_groups_and_kill(void) {
    sx_spawn_options options = sx_spawn_defaults();
    options.process_group = 0;
    pid_t child = start("group", NULL, &options);
    CHECK(child > 0 && getpgid(child) == child);
    CHECK(finish(child) == 0);
    CHECK(getsid(0) > 0 && getpgrp() == getpgid(0));

    pid_t spinner = start("spin", NULL, NULL); /* CPU-bound: the signal must stop it anyway */
    struct timespec nap = {0, 20 * 1000000L};
    nanosleep(&nap, NULL);
    CHECK(kill(spinner, SIGTERM) == 0);
    int status = finish(spinner);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

    int ends[2];
    CHECK(pipe2(ends, SX_O_CLOEXEC) == 0);
    options = sx_spawn_defaults();
    options.stdin_fd = ends[0];
    pid_t blocked = start("block", NULL, &options); /* blocked in read */
    CHECK(waitpid(blocked, &status, WNOHANG) == 0);
    CHECK(kill(blocked, SIGINT) == 0);
    status = finish(blocked);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    close(ends[0]), close(ends[1]);
    CHECK(kill(99999, SIGTERM) == -1 && errno == ESRCH);
    OK("groups_kill");
}

static void check_signals(void) {
    CHECK(sx_signal(SIGUSR1, SECURE_EXEC_SIG_CATCH) == SECURE_EXEC_SIG_DEFAULT);
    CHECK(kill(getpid(), SIGUSR1) == 0);
    CHECK(sx_take_signal() == SIGUSR1);
    CHECK(sx_take_signal() == 0);
    /* A caught signal interrupts a blocking read. */
    int ends[2];
    CHECK(pipe2(ends, SX_O_CLOEXEC) == 0);
    pid_t child = start("signal-parent", NULL, NULL);
    char c;
    CHECK(read(ends[0], &c, 1) == -1 && errno == EINTR);
    CHECK(sx_take_signal() == SIGUSR1);
    CHECK(finish(child) == 0);
    /* Blocked: stays pending. */
    uint64_t old = 0;
    CHECK(sx_sigprocmask(0 /* SIG_BLOCK */, 1ull << (SIGUSR1 - 1), &old) == 0 && old == 0);
    CHECK(kill(getpid(), SIGUSR1) == 0);
    CHECK(sx_take_signal() == 0);
    CHECK(sx_sigprocmask(1 /* SIG_UNBLOCK */, 1ull << (SIGUSR1 - 1), NULL) == 0);
    CHECK(sx_take_signal() == SIGUSR1);
    CHECK(sx_signal(SIGUSR1, SECURE_EXEC_SIG_IGNORE) == SECURE_EXEC_SIG_CATCH);
    CHECK(kill(getpid(), SIGUSR1) == 0 && sx_take_signal() == 0);
    close(ends[0]), close(ends[1]);
    OK("signals");
}

static void check_identity_and_cwd(void) {
    CHECK(getuid() == 1000 && getgid() == 1000 && geteuid() == getuid());
    mode_t old = umask(077);
    CHECK(old == 022);
    int fd = open("/tmp/spawn-umask", O_CREAT | O_WRONLY | O_TRUNC, 0666);
    CHECK(fd >= 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
    close(fd);
    unlink("/tmp/spawn-umask");
    umask(old);

    CHECK(mkdir("/tmp/spawn-dir", 0755) == 0 || errno == EEXIST);
    CHECK(sx_chdir("/tmp/spawn-dir") == 0);
    char cwd[256];
    CHECK(getcwd(cwd, sizeof cwd) && strcmp(cwd, "/tmp/spawn-dir") == 0);
    CHECK(sx_chdir("/no/such/dir") == -1 && errno == ENOENT);
    CHECK(getcwd(cwd, sizeof cwd) && strcmp(cwd, "/tmp/spawn-dir") == 0);
    int out[2];
    CHECK(pipe2(out, SX_O_CLOEXEC) == 0);
    sx_spawn_options options = sx_spawn_defaults();
    options.stdout_fd = out[1];
    char* argv[] = {(char*)self, "where", NULL};
    char* env[] = {"X=inherited-cwd", NULL};
    CHECK(finish(sx_spawn(self, argv, env, &options)) == 0); /* one at a time: output in order */
    options.cwd = "/tmp";
    char* env2[] = {"X=given-cwd", NULL};
    CHECK(finish(sx_spawn(self, argv, env2, &options)) == 0);
    close(out[1]);
    char text[256];
    read_all(out[0], text, sizeof text);
    CHECK(strcmp(text, "/tmp/spawn-dir inherited-cwd\n/tmp given-cwd\n") == 0);
    close(out[0]);
    CHECK(sx_chdir("/") == 0);
    OK("identity_cwd");
}

static void check_modes(void) {
    int fd = open("/tmp/spawn-mode", O_CREAT | O_WRONLY | O_TRUNC, 0666);
    CHECK(fd >= 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644 && st.st_uid == 1000);
    CHECK(fchmod(fd, 0600) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0600);
    close(fd);
    CHECK(chmod("/tmp/spawn-mode", 04755) == 0 && stat("/tmp/spawn-mode", &st) == 0 && (st.st_mode & 07777) == 04755);
    CHECK(access("/tmp/spawn-mode", X_OK) == 0);
    CHECK(chmod("/tmp/spawn-mode", 0644) == 0);
    CHECK(access("/tmp/spawn-mode", X_OK) == -1 && errno == EACCES);
    CHECK(access("/tmp/spawn-mode", R_OK | W_OK) == 0);
    CHECK(access("/tmp/no-such", F_OK) == -1 && errno == ENOENT);
    CHECK(symlink("spawn-mode", "/tmp/spawn-link") == 0);
    CHECK(lstat("/tmp/spawn-link", &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(stat("/tmp/spawn-link", &st) == 0 && S_ISREG(st.st_mode));
    CHECK(fstatat(AT_FDCWD, "/tmp/spawn-link", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
    CHECK(chown("/tmp/spawn-mode", 0, (gid_t)-1) == -1 && errno == EPERM); /* not root */
    CHECK(chown("/tmp/spawn-mode", (uid_t)-1, 1000) == 0);
    CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode));
    unlink("/tmp/spawn-link");
    unlink("/tmp/spawn-mode");
    /* sx_chdir moves both working directories: a relative mkdir and a child see it. */
    CHECK(sx_chdir("/tmp") == 0);
    CHECK(mkdir("rel-dir", 0700) == 0 || errno == EEXIST);
    CHECK(stat("/tmp/rel-dir", &st) == 0 && (st.st_mode & 0777) == 0700);
    CHECK(sx_chdir("rel-dir") == 0);
    int out[2];
    CHECK(pipe2(out, SX_O_CLOEXEC) == 0);
    sx_spawn_options options = sx_spawn_defaults();
    options.stdout_fd = out[1];
    char* argv[] = {(char*)self, "where", NULL};
    pid_t child = sx_spawn(self, argv, NULL, &options);
    close(out[1]);
    CHECK(finish(child) == 0);
    char text[256];
    read_all(out[0], text, sizeof text);
    CHECK(strncmp(text, "/tmp/rel-dir ", 13) == 0);
    close(out[0]);
    CHECK(sx_chdir("/") == 0 && rmdir("/tmp/rel-dir") == 0);
    OK("modes");
}

static void check_terminal_calls(void) {
    int ends[2];
    CHECK(pipe2(ends, SX_O_CLOEXEC) == 0);
    CHECK(sx_isatty(ends[0]) == 0);
    struct termios t;
    CHECK(tcgetattr(ends[0], &t) == -1 && errno == ENOTTY);
    CHECK(tcgetpgrp(ends[0]) == -1 && errno == ENOTTY);
    secure_exec_winsize size;
    CHECK(sx_get_winsize(ends[0], &size) == -1 && errno == ENOTTY);
    CHECK(sx_isatty(55) == -1 && errno == EBADF);
    close(ends[0]), close(ends[1]);
    OK("terminal_calls");
}

int main(int argc, char** argv) {
    self = argv[0];
    if (argc > 1)
        return child_role(argc, argv);
    check_spawn_and_wait();
    check_pipeline();
    check_descriptors();
    check_groups_and_kill();
    check_signals();
    check_identity_and_cwd();
    check_modes();
    check_terminal_calls();
    return 0;
}
