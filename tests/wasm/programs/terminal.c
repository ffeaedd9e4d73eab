/* The terminal calls of the secure_exec module on a real pseudo-terminal: the harness runs this
 * as a session leader on a PTY (Kernel::open_shell), 100 columns by 30 rows. A job spawned in a
 * new foreground group (the program itself, with argv[1] "job"), raw mode, window size. */
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <sx/posix.h>

#include "check.h"

int main(int argc, char** argv) {
    if (argc > 1) /* the job: in its own group, and that group has the terminal */
        return getpgid(0) == getpid() && tcgetpgrp(0) == getpid() ? 0 : 1;

    CHECK(sx_isatty(0) == 1 && sx_isatty(1) == 1);
    OK("isatty");

    struct termios saved, raw, now;
    CHECK(tcgetattr(0, &saved) == 0);
    CHECK((saved.c_lflag & ICANON) && (saved.c_lflag & ECHO) && (saved.c_lflag & ISIG));
    CHECK(saved.c_cc[VINTR] == 3 && saved.c_cc[VEOF] == 4 && saved.c_cc[VMIN] == 1);
    raw = saved;
    cfmakeraw(&raw);
    CHECK(tcsetattr(0, TCSANOW, &raw) == 0);
    CHECK(tcgetattr(0, &now) == 0 && !(now.c_lflag & (ICANON | ECHO | ISIG)) && !(now.c_oflag & OPOST));
    CHECK(tcsetattr(0, TCSAFLUSH, &saved) == 0);
    CHECK(tcgetattr(0, &now) == 0 && (now.c_lflag & ICANON));
    OK("termios");

    secure_exec_winsize size;
    CHECK(sx_get_winsize(0, &size) == 0 && size.columns == 100 && size.rows == 30);
    secure_exec_winsize wider = {40, 120, 0, 0};
    CHECK(sx_set_winsize(1, &wider) == 0 && sx_get_winsize(0, &size) == 0 && size.columns == 120 && size.rows == 40);
    OK("winsize");

    CHECK(getsid(0) == getpid() && tcgetpgrp(0) == getpgrp());
    CHECK(sx_signal(SIGTTOU, SECURE_EXEC_SIG_IGNORE) == SECURE_EXEC_SIG_DEFAULT); /* as job-control shells */
    sx_spawn_options options = sx_spawn_defaults();
    options.process_group = 0;
    options.foreground_fd = 0;
    char* job_argv[] = {argv[0], "job", NULL};
    pid_t job = sx_spawn(argv[0], job_argv, NULL, &options);
    CHECK(job > 0);
    int status = 0;
    CHECK(waitpid(job, &status, 0) == job && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(tcgetpgrp(0) == job); /* the terminal stays with the job's group until the shell takes it */
    CHECK(tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp());
    OK("job_control");
    return 0;
}
