// termios.h — terminal attributes with Linux's values (<asm-generic/termbits.h>), the window
// size, and tcsetattr/tcflush actions. Guests and drivers pass these numbers unchanged.
#pragma once

#include <array>
#include <cstdint>

namespace secure_exec {

namespace termios_flags {
// c_iflag
constexpr uint32_t ignbrk = 0000001;
constexpr uint32_t brkint = 0000002;
constexpr uint32_t istrip = 0000040;
constexpr uint32_t inlcr = 0000100;
constexpr uint32_t igncr = 0000200;
constexpr uint32_t icrnl = 0000400;
constexpr uint32_t ixon = 0002000;
constexpr uint32_t ixany = 0004000;
constexpr uint32_t ixoff = 0010000;
constexpr uint32_t imaxbel = 0020000;
constexpr uint32_t iutf8 = 0040000;
// c_oflag
constexpr uint32_t opost = 0000001;
constexpr uint32_t onlcr = 0000004;
constexpr uint32_t ocrnl = 0000010;
constexpr uint32_t onocr = 0000020;
constexpr uint32_t onlret = 0000040;
// c_cflag
constexpr uint32_t cs8 = 0000060;
constexpr uint32_t cread = 0000200;
constexpr uint32_t hupcl = 0002000;
constexpr uint32_t b38400 = 0000017;
// c_lflag
constexpr uint32_t isig = 0000001;
constexpr uint32_t icanon = 0000002;
constexpr uint32_t echo = 0000010;
constexpr uint32_t echoe = 0000020;
constexpr uint32_t echok = 0000040;
constexpr uint32_t echonl = 0000100;
constexpr uint32_t noflsh = 0000200;
constexpr uint32_t tostop = 0000400;
constexpr uint32_t echoctl = 0001000;
constexpr uint32_t echoke = 0004000;
constexpr uint32_t iexten = 0100000;
}  // namespace termios_flags

// c_cc indices.
namespace cc {
constexpr int vintr = 0;
constexpr int vquit = 1;
constexpr int verase = 2;
constexpr int vkill = 3;
constexpr int veof = 4;
constexpr int vtime = 5;
constexpr int vmin = 6;
constexpr int vstart = 8;
constexpr int vstop = 9;
constexpr int vsusp = 10;
constexpr int veol = 11;
constexpr int vreprint = 12;
constexpr int vwerase = 14;
constexpr int vlnext = 15;
constexpr int veol2 = 16;
constexpr int k_count = 32;  // NCCS in glibc
}  // namespace cc

// tcsetattr(3) optional actions and tcflush(3) queue selectors.
namespace tcsa {
constexpr int now = 0;
constexpr int drain = 1;
constexpr int flush = 2;
}  // namespace tcsa
namespace tcflush_queue {
constexpr int input = 0;   // TCIFLUSH
constexpr int output = 1;  // TCOFLUSH
constexpr int both = 2;    // TCIOFLUSH
}  // namespace tcflush_queue

struct Termios {
    uint32_t iflag{0};
    uint32_t oflag{0};
    uint32_t cflag{0};
    uint32_t lflag{0};
    std::array<uint8_t, cc::k_count> cc{};

    // What a new terminal starts with: Linux's tty_std_termios (cooked mode, echo, signals,
    // ^C ^\ DEL ^U ^D ^Z ^W, VMIN 1, VTIME 0).
    static Termios defaults();
    friend bool operator==(const Termios&, const Termios&) = default;
};

struct WindowSize {
    uint16_t rows{24};
    uint16_t columns{80};
    uint16_t x_pixels{0};
    uint16_t y_pixels{0};
    friend bool operator==(const WindowSize&, const WindowSize&) = default;
};

}  // namespace secure_exec
