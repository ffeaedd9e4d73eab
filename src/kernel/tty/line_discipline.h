// line_discipline.h — the terminal line discipline (Linux drivers/tty/n_tty.c), as data.
//
// It owns the termios settings and the two queues between a PTY's master and replica:
//
//   master write ─► receive_input() ─► [ISTRIP, ISIG, IGNCR/ICRNL/INLCR, ICANON editing, ECHO*]
//                                          │ signals for the foreground group (returned)
//                                          │ echo ───────────────────────┐
//                                          ▼                             ▼
//   replica read ◄── read_input() ◄── input queue          output queue ──► read_output() ◄── master read
//   replica write ─► write_output() ─► [OPOST: ONLCR, OCRNL, ONLRET] ──┘
//
// In canonical mode input is delivered a line at a time: VERASE, VWERASE and VKILL edit the line
// being typed; VEOF at the start of a line makes the next read return 0; a line longer than
// k_max_canonical_line - 1 bytes keeps its first bytes and drops the rest until the terminator
// (Linux's policy: the terminator always fits). ISIG characters are not delivered; they are
// returned as signals and, unless NOFLSH, discard the pending input, as Linux does.
//
// Thread safety: none. The PTY that owns it holds its lock around every call; this class only
// transforms bytes, so it can be unit-tested without threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include <secure_exec/termios.h>

namespace secure_exec::kernel {

class LineDiscipline {
public:
    static constexpr size_t k_max_canonical_line = 4096;  // N_TTY_BUF_SIZE

    explicit LineDiscipline(size_t input_capacity = 4096, size_t output_capacity = 65536);

    const Termios& termios() const { return m_termios; }
    // Switching out of canonical mode makes the partial line readable, as Linux does.
    void set_termios(const Termios& termios);
    bool canonical() const;

    // ^Input (master → replica)
    struct InputResult {
        size_t consumed{0};        // bytes of `data` taken; the rest did not fit (input queue full)
        std::vector<int> signals;  // to send to the foreground process group, in order
    };
    InputResult receive_input(std::span<const std::byte> data);
    // Bytes a read could return now (canonical: up to the end of the first complete line).
    size_t readable() const;
    // Whether a read would return now: data is readable or an EOF mark is at the head.
    bool read_ready() const;
    // Canonical: at most one line (an EOF mark yields 0 and is consumed). Raw: what is queued.
    size_t read_input(std::span<std::byte> buffer);
    // Free room in the input queue (master writers block when it is 0).
    size_t input_space() const;

    // ^Output (replica → master)
    // Returns how many bytes of `data` were taken; output processing may queue more than that.
    size_t write_output(std::span<const std::byte> data);
    size_t output_space() const;
    size_t output_available() const { return m_output.size(); }
    size_t read_output(std::span<std::byte> buffer);

    void flush_input();
    void flush_output();

private:
    void process_input_byte(uint8_t byte, InputResult& result);
    void echo(uint8_t byte);
    void echo_erase(uint8_t erased);
    void erase_character();
    void erase_word();
    void kill_line();
    void finish_line(uint8_t terminator, bool eof);
    void push_output(uint8_t byte);
    bool is_control(uint8_t byte, int index) const;
    void receive_ordinary(uint8_t byte);
    bool receive_canonical(uint8_t byte);
    void receive_signal(uint8_t byte, int signal, InputResult& result);
    void reprint_line();
    void echo_erase_tab();
    size_t last_character_start() const;
    bool is_continuation(uint8_t byte) const;
    int signal_for(uint8_t byte) const;
    bool has_input_room() const;
    size_t input_used() const { return m_input.size() + m_line.size() + m_eof_marks; }
    size_t output_length(uint8_t byte) const;
    bool lflag(uint32_t flag) const { return (m_termios.lflag & flag) != 0; }
    bool iflag(uint32_t flag) const { return (m_termios.iflag & flag) != 0; }
    bool oflag(uint32_t flag) const { return (m_termios.oflag & flag) != 0; }

    Termios m_termios;
    const size_t m_input_capacity;
    const size_t m_output_capacity;
    // Completed input, ready for the replica. In canonical mode m_line_ends holds the length of
    // each complete line in order (0 for an EOF mark) so reads stop at line boundaries.
    std::deque<uint8_t> m_input;
    std::deque<size_t> m_line_ends;
    // The line being edited (canonical mode only).
    std::string m_line;
    std::deque<uint8_t> m_output;
    size_t m_column{0};  // output column, for erasing tabs and ONOCR
    // Column where the echo of the current line began (n_tty's canon_column), for erasing tabs.
    size_t m_canon_column{0};
    // EOF marks are queued lines of length 0; each counts one byte against the capacity, like the
    // __DISABLED_CHAR n_tty stores for them, so repeated ^D cannot grow the queue without bound.
    size_t m_eof_marks{0};
    bool m_literal_next{false};  // VLNEXT seen: the next byte has no special meaning
};

}  // namespace secure_exec::kernel
