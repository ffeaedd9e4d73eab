// clear, as ncurses 6.4's: writes the terminal's clear-screen sequence for $TERM (or -T TERM),
// then the clear-scrollback one (E3) where the terminal has it, unless -x. The sandbox has no
// terminfo database, so the sequences of the common terminal types are built in.
// applet: clear clear_main
#include <cstdlib>
#include <string>

#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: clear [options]\n"
    "\n"
    "Options:\n"
    "  -T TERM     use this instead of $TERM\n"
    "  -V          print curses-version\n"
    "  -x          do not try to clear scrollback\n";

struct Terminal {
    std::string_view name;
    std::string_view clear;        // terminfo "clear"; empty: the terminal cannot clear
    std::string_view scrollback;   // terminfo "E3"
};

constexpr Terminal k_terminals[] = {
    {"xterm", "\033[H\033[2J", "\033[3J"},
    {"xterm-256color", "\033[H\033[2J", "\033[3J"},
    {"xterm-color", "\033[H\033[2J", ""},
    {"xterm-16color", "\033[H\033[2J", "\033[3J"},
    {"xterm-88color", "\033[H\033[2J", "\033[3J"},
    {"xterm-direct", "\033[H\033[2J", "\033[3J"},
    {"xterm-new", "\033[H\033[2J", "\033[3J"},
    {"putty", "\033[H\033[2J", ""},
    {"rxvt", "\033[H\033[2J", ""},
    {"rxvt-unicode", "\033[H\033[2J", ""},
    {"vt100", "\033[H\033[J", ""},
    {"vt102", "\033[H\033[J", ""},
    {"vt220", "\033[H\033[J", ""},
    {"ansi", "\033[H\033[J", ""},
    {"cygwin", "\033[H\033[J", ""},
    {"linux", "\033[H\033[J", "\033[3J"},
    {"screen", "\033[H\033[J", ""},
    {"screen-256color", "\033[H\033[J", ""},
    {"tmux", "\033[H\033[J", "\033[3J"},
    {"tmux-256color", "\033[H\033[J", "\033[3J"},
    {"dumb", "", ""},
};

int usage_error() {
    write_all(2, k_usage);
    return 1;
}

}  // namespace

int clear_main(int argc, char** argv) {
    const char* type = nullptr;
    bool scrollback = true;
    // getopt("T:Vx") without long options ("--help" is '-' as an option letter), and ncurses's
    // usage, with no "Try" line, after getopt's complaint.
    bool operands = false, options_done = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (options_done || word.size() < 2 || word[0] != '-') {
            operands = true;
            continue;
        }
        if (word == "--") {
            options_done = true;
            continue;
        }
        for (size_t at = 1; at < word.size(); ++at) {
            char letter = word[at];
            if (letter == 'x') {
                scrollback = false;
            } else if (letter == 'V') {
                return print_version("clear");
            } else if (letter == 'T') {
                if (at + 1 < word.size()) {
                    type = argv[i] + at + 1;
                } else if (i + 1 < argc) {
                    type = argv[++i];
                } else {
                    write_all(2, "clear: option requires an argument -- 'T'\n");
                    return usage_error();
                }
                break;
            } else {
                write_all(2, std::string("clear: invalid option -- '") + letter + "'\n");
                return usage_error();
            }
        }
    }
    if (operands)
        return usage_error();
    if (!type)
        type = std::getenv("TERM");
    if (!type) {
        write_all(2, "TERM environment variable not set.\n");
        return 1;
    }
    for (const auto& terminal : k_terminals) {
        if (terminal.name != type)
            continue;
        if (terminal.clear.empty())
            return 1;
        std::string text(terminal.clear);
        if (scrollback)
            text += terminal.scrollback;
        return write_all(1, text) ? 0 : 1;
    }
    write_all(2, "'" + std::string(type) + "': unknown terminal type.\n");
    return 1;
}

}  // namespace toolbox
