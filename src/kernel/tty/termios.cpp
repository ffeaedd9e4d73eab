// termios.cpp — the settings a new terminal starts with.
#include <secure_exec/termios.h>

namespace secure_exec {

namespace {
// VDISCARD has no constant in termios.h because n_tty ignores it, but Linux still reports ^O
// there, so `stty -a` in a guest prints what it prints on Linux.
constexpr int k_vdiscard = 13;
}  // namespace

// Mirrors Linux drivers/tty/tty_io.c tty_std_termios and INIT_C_CC (<linux/tty.h>). IUTF8 is
// added, as terminal emulators and sshd set it on Linux, so erase removes whole UTF-8 characters.
// FIXME: IXON is reported but ^S/^Q flow control is not implemented; they arrive as data.
Termios Termios::defaults() {
    using namespace termios_flags;
    Termios termios;
    termios.iflag = icrnl | ixon | iutf8;
    termios.oflag = opost | onlcr;
    termios.cflag = b38400 | cs8 | cread | hupcl;
    termios.lflag = isig | icanon | echo | echoe | echok | echoctl | echoke | iexten;
    termios.cc[cc::vintr] = 0x03;     // ^C
    termios.cc[cc::vquit] = 0x1c;     // ^backslash
    termios.cc[cc::verase] = 0x7f;    // DEL
    termios.cc[cc::vkill] = 0x15;     // ^U
    termios.cc[cc::veof] = 0x04;      // ^D
    termios.cc[cc::vtime] = 0;
    termios.cc[cc::vmin] = 1;
    termios.cc[cc::vstart] = 0x11;    // ^Q
    termios.cc[cc::vstop] = 0x13;     // ^S
    termios.cc[cc::vsusp] = 0x1a;     // ^Z
    termios.cc[cc::veol] = 0;         // _POSIX_VDISABLE
    termios.cc[cc::vreprint] = 0x12;  // ^R
    termios.cc[k_vdiscard] = 0x0f;    // ^O
    termios.cc[cc::vwerase] = 0x17;   // ^W
    termios.cc[cc::vlnext] = 0x16;    // ^V
    termios.cc[cc::veol2] = 0;        // _POSIX_VDISABLE
    return termios;
}

}  // namespace secure_exec
