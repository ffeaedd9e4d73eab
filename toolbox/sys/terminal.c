/* Terminal attributes, foreground groups and window sizes over the secure_exec import module. */
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sx_call.h"

int sx_isatty(int fd) {
    uint32_t result = 0;
    return sx_result(secure_exec_isatty(fd, &result), (int)result);
}

pid_t tcgetpgrp(int fd) {
    int32_t pgid = 0;
    return sx_result(secure_exec_tcgetpgrp(fd, &pgid), pgid);
}

int tcsetpgrp(int fd, pid_t pgid) { return sx_result(secure_exec_tcsetpgrp(fd, pgid), 0); }

int tcgetattr(int fd, struct termios* termios) {
    secure_exec_termios raw;
    uint32_t error = secure_exec_tcgetattr(fd, &raw);
    if (error == 0) {
        memset(termios, 0, sizeof *termios);
        termios->c_iflag = raw.iflag;
        termios->c_oflag = raw.oflag;
        termios->c_cflag = raw.cflag;
        termios->c_lflag = raw.lflag;
        memcpy(termios->c_cc, raw.cc, sizeof raw.cc);
        termios->c_ispeed = termios->c_ospeed = raw.cflag & CBAUD;
    }
    return sx_result(error, 0);
}

int tcsetattr(int fd, int action, const struct termios* termios) {
    secure_exec_termios raw = {termios->c_iflag, termios->c_oflag, termios->c_cflag, termios->c_lflag, {0}};
    memcpy(raw.cc, termios->c_cc, sizeof raw.cc);
    return sx_result(secure_exec_tcsetattr(fd, (uint32_t)action, &raw), 0);
}

void cfmakeraw(struct termios* t) {
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios* termios) { return termios->c_ispeed; }
speed_t cfgetospeed(const struct termios* termios) { return termios->c_ospeed; }

int sx_get_winsize(int fd, secure_exec_winsize* size) { return sx_result(secure_exec_get_winsize(fd, size), 0); }
int sx_set_winsize(int fd, const secure_exec_winsize* size) { return sx_result(secure_exec_set_winsize(fd, size), 0); }
