// session.h — the interactive shell's read-eval loop: prompt, line editor, history, job notices,
// ^C and ^D at the prompt, and `exit` with stopped jobs.
// Thread safety: single-threaded.
#pragma once

namespace sh {

class Shell;

struct InteractiveOptions {
    bool read_rc{true};  // ~/.bashrc (bash's --norc turns it off)
};

// Runs commands read from the terminal until end of input or `exit`; returns the exit status.
int run_interactive(Shell& shell, InteractiveOptions options);

}  // namespace sh
