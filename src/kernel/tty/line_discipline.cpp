// line_discipline.cpp — canonical editing, echo and output processing, after Linux
// drivers/tty/n_tty.c (v6.x). The echo bytes were checked against a Linux 6.18 pty; where this
// file differs from n_tty on purpose, a FIXME says so.
#include "tty/line_discipline.h"

#include <algorithm>

#include <secure_exec/signals.h>

namespace secure_exec::kernel {

// `echo` alone names the member function, so that flag is written termios_flags::echo.
using namespace termios_flags;

namespace {

constexpr size_t k_tab_width = 8;
constexpr size_t k_no_character = std::string::npos;

// What n_tty's echo_char() shows as "^X" under ECHOCTL. Bytes 0x80-0x9f are not included: on
// Linux a UTF-8 "…" (e2 80 a6) echoes unchanged.
bool is_ascii_control(uint8_t byte) {
    return byte < 0x20 || byte == 0x7f;
}

// The letter of the "^X" spelling: ^C for 0x03, ^? for DEL, ^@ for NUL.
uint8_t caret_letter(uint8_t byte) {
    return byte ^ 0x40;
}

// VWERASE word characters. n_tty's eraser() uses BSD's ALTWERASE rule (letters, digits, '_'),
// not POSIX's "non-blank", so "foo bar-baz" ^W leaves "foo bar-". Bytes >= 0x80 count as
// letters because the kernel's Latin-1 ctype calls nearly every UTF-8 lead byte alphabetic.
bool is_word_byte(uint8_t byte) {
    bool digit = byte >= '0' && byte <= '9';
    bool letter = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z');
    return digit || letter || byte == '_' || byte >= 0x80;
}

}  // namespace

LineDiscipline::LineDiscipline(size_t input_capacity, size_t output_capacity)
    : m_termios(Termios::defaults()), m_input_capacity(input_capacity), m_output_capacity(output_capacity) {}

bool LineDiscipline::canonical() const {
    return lflag(icanon);
}

// Mirrors n_tty_set_termios(): toggling ICANON re-splits the queue. Leaving canonical mode makes
// the partial line readable; entering it turns the raw bytes already queued into one line.
void LineDiscipline::set_termios(const Termios& termios) {
    bool was_canonical = canonical();
    m_termios = termios;
    if (was_canonical == canonical())
        return;
    m_literal_next = false;
    if (was_canonical) {
        // FIXME: Linux hands each queued VEOF to a raw reader as a NUL byte; we drop them.
        m_input.insert(m_input.end(), m_line.begin(), m_line.end());
        m_line.clear();
        m_line_ends.clear();
        m_eof_marks = 0;
    } else if (!m_input.empty()) {
        m_line_ends.push_back(m_input.size());
    }
}

// ^Input

LineDiscipline::InputResult LineDiscipline::receive_input(std::span<const std::byte> data) {
    InputResult result;
    for (std::byte byte : data) {
        if (!has_input_room())
            break;
        process_input_byte(static_cast<uint8_t>(byte), result);
        ++result.consumed;
    }
    return result;
}

// Mirrors the room check of n_tty_receive_buf_common(): a full queue stops the writer, except
// in canonical mode with no complete line queued. No read could make room then, so bytes are
// still taken: terminators and editing keys work, other bytes are echoed but dropped.
bool LineDiscipline::has_input_room() const {
    if (input_used() < m_input_capacity)
        return true;
    return canonical() && m_line_ends.empty();
}

// At least 1 whenever receive_input() would take a byte, so the PTY's writer never waits for
// room that only a terminator it is holding back could create.
size_t LineDiscipline::input_space() const {
    if (!has_input_room())
        return 0;
    return std::max<size_t>(m_input_capacity - std::min(input_used(), m_input_capacity), 1);
}

// Mirrors n_tty_receive_buf_standard() and n_tty_receive_char_special(), in their order: ISTRIP,
// a pending VLNEXT, ISIG, then CR/NL mapping, canonical editing and finally an ordinary byte.
// Linux tests ISIG before the CR/NL mapping, so a VINTR of ^M interrupts even under ICRNL.
void LineDiscipline::process_input_byte(uint8_t byte, InputResult& result) {
    if (iflag(istrip))
        byte &= 0x7f;
    if (m_literal_next) {
        // n_tty_receive_char_lnext(): no signal, no mapping, no editing.
        m_literal_next = false;
        receive_ordinary(byte);
        return;
    }
    if (int signal = signal_for(byte); signal != 0) {
        receive_signal(byte, signal, result);
        return;
    }
    if (byte == '\r') {
        if (iflag(igncr))
            return;
        if (iflag(icrnl))
            byte = '\n';
    } else if (byte == '\n' && iflag(inlcr)) {
        byte = '\r';
    }
    if (canonical() && receive_canonical(byte))
        return;
    receive_ordinary(byte);
}

// Mirrors n_tty_receive_signal_char() and isig(): unless NOFLSH the pending input and the line
// being edited are discarded; then the character is echoed. Linux echoes just "^C" (the shell
// prints its own newline).
// FIXME: isig() also flushes output not yet read by the master; we leave the output queue alone.
void LineDiscipline::receive_signal(uint8_t byte, int signal, InputResult& result) {
    result.signals.push_back(signal);
    if (!lflag(noflsh))
        flush_input();
    if (lflag(termios_flags::echo))
        echo(byte);
}

// Mirrors n_tty_receive_char_canon(). Returns false for a byte with no editing meaning. The
// order of the erase tests follows eraser(): VERASE wins over VWERASE, which wins over VKILL.
bool LineDiscipline::receive_canonical(uint8_t byte) {
    if (is_control(byte, cc::verase)) {
        erase_character();
    } else if (is_control(byte, cc::vwerase) && lflag(iexten)) {
        erase_word();
    } else if (is_control(byte, cc::vkill)) {
        kill_line();
    } else if (is_control(byte, cc::vlnext) && lflag(iexten)) {
        m_literal_next = true;
        // "^" and a backspace, so the echo of the literal character overwrites the caret.
        if (lflag(termios_flags::echo) && lflag(echoctl)) {
            push_output('^');
            push_output('\b');
        }
    } else if (is_control(byte, cc::vreprint) && lflag(termios_flags::echo) && lflag(iexten)) {
        reprint_line();
    } else if (byte == '\n') {
        if (lflag(termios_flags::echo) || lflag(echonl))
            push_output('\n');
        finish_line(byte, false);
    } else if (is_control(byte, cc::veof)) {
        finish_line(byte, true);  // never echoed
    } else if (is_control(byte, cc::veol) || (is_control(byte, cc::veol2) && lflag(iexten))) {
        if (lflag(termios_flags::echo)) {
            if (m_line.empty())
                m_canon_column = m_column;
            echo(byte);
        }
        finish_line(byte, false);
    } else {
        return false;
    }
    return true;
}

// Mirrors n_tty_receive_char(): echo, then queue. A canonical line keeps its first
// k_max_canonical_line - 1 bytes and drops the rest; Linux still echoes the dropped bytes, and
// so do we. Under ECHOCTL Linux echoes an ordinary "\n" (raw mode, or after VLNEXT) as "^J".
void LineDiscipline::receive_ordinary(uint8_t byte) {
    if (lflag(termios_flags::echo)) {
        if (canonical() && m_line.empty())
            m_canon_column = m_column;
        echo(byte);
    }
    if (!canonical()) {
        m_input.push_back(byte);
        return;
    }
    if (m_line.size() < k_max_canonical_line - 1 && input_used() < m_input_capacity)
        m_line.push_back(static_cast<char>(byte));
}

// The terminator (none for VEOF) ends the line, and the line moves to the input queue whole. An
// empty line ended by VEOF is the EOF mark: a read returns 0 for it once.
void LineDiscipline::finish_line(uint8_t terminator, bool eof) {
    if (!eof)
        m_line.push_back(static_cast<char>(terminator));
    m_input.insert(m_input.end(), m_line.begin(), m_line.end());
    m_line_ends.push_back(m_line.size());
    if (m_line.empty())
        ++m_eof_marks;
    m_line.clear();
}

// Index of the first byte of the line's last character, or k_no_character when there is
// nothing to erase. Mirrors eraser(): under IUTF8 a character is a lead byte with its
// continuation bytes, and a run of continuation bytes with no lead byte is never erased.
size_t LineDiscipline::last_character_start() const {
    size_t start = m_line.size();
    while (start > 0) {
        --start;
        if (!is_continuation(static_cast<uint8_t>(m_line[start])))
            return start;
    }
    return k_no_character;
}

// VERASE. Without ECHOE, Linux echoes the erase character itself ("^?" under ECHOCTL).
void LineDiscipline::erase_character() {
    size_t start = last_character_start();
    if (start == k_no_character)
        return;
    auto erased = static_cast<uint8_t>(m_line[start]);
    m_line.resize(start);
    if (!lflag(termios_flags::echo))
        return;
    if (lflag(echoe))
        echo_erase(erased);
    else
        echo(m_termios.cc[cc::verase]);
}

// VWERASE: trailing non-word characters, then the word before them (see is_word_byte). Linux
// echoes "\b \b" erases here even without ECHOE.
void LineDiscipline::erase_word() {
    bool seen_word = false;
    for (size_t start = last_character_start(); start != k_no_character; start = last_character_start()) {
        auto erased = static_cast<uint8_t>(m_line[start]);
        if (is_word_byte(erased))
            seen_word = true;
        else if (seen_word)
            break;
        m_line.resize(start);
        if (lflag(termios_flags::echo))
            echo_erase(erased);
    }
}

// VKILL. Mirrors eraser(): the echo is erased character by character only when ECHOK, ECHOKE
// and ECHOE are all set; otherwise the kill character is echoed, plus a newline under ECHOK.
void LineDiscipline::kill_line() {
    if (m_line.empty())
        return;
    if (!lflag(termios_flags::echo) || !lflag(echok) || !lflag(echoke) || !lflag(echoe)) {
        m_line.clear();
        if (lflag(termios_flags::echo)) {
            echo(m_termios.cc[cc::vkill]);
            if (lflag(echok))
                push_output('\n');
        }
        return;
    }
    for (size_t start = last_character_start(); start != k_no_character; start = last_character_start()) {
        auto erased = static_cast<uint8_t>(m_line[start]);
        m_line.resize(start);
        echo_erase(erased);
    }
}

// VREPRINT: the character, a newline, then the line so far, each echoed as typing would.
void LineDiscipline::reprint_line() {
    echo(m_termios.cc[cc::vreprint]);
    push_output('\n');
    for (char byte : m_line)
        echo(static_cast<uint8_t>(byte));
}

// Mirrors echo_char(): under ECHOCTL a control character other than tab shows as "^X".
void LineDiscipline::echo(uint8_t byte) {
    if (lflag(echoctl) && is_ascii_control(byte) && byte != '\t') {
        push_output('^');
        push_output(caret_letter(byte));
        return;
    }
    push_output(byte);
}

// Rubs out the echo of one erased character: one "\b \b" per column it took. A control
// character took two columns as "^X", or none when echoed raw. Mirrors eraser().
void LineDiscipline::echo_erase(uint8_t erased) {
    if (erased == '\t') {
        echo_erase_tab();
        return;
    }
    size_t columns = !is_ascii_control(erased) ? 1 : (lflag(echoctl) ? 2 : 0);
    for (size_t i = 0; i < columns; ++i) {
        push_output('\b');
        push_output(' ');
        push_output('\b');
    }
}

// Mirrors echo_erase_tab() and ECHO_OP_ERASE_TAB: a tab is rubbed out with backspaces alone,
// as many as it advanced, found from the width of the text since the previous tab (or since
// the column where the line began). Call after the tab has left m_line.
void LineDiscipline::echo_erase_tab() {
    size_t columns = 0;
    bool after_tab = false;
    for (auto it = m_line.rbegin(); it != m_line.rend(); ++it) {
        auto byte = static_cast<uint8_t>(*it);
        if (byte == '\t') {
            after_tab = true;
            break;
        }
        if (is_ascii_control(byte))
            columns += lflag(echoctl) ? 2 : 0;
        else if (!is_continuation(byte))
            ++columns;
    }
    if (!after_tab)
        columns += m_canon_column;
    for (size_t i = k_tab_width - columns % k_tab_width; i > 0; --i)
        push_output('\b');
}

size_t LineDiscipline::readable() const {
    if (!canonical())
        return m_input.size();
    return m_line_ends.empty() ? 0 : m_line_ends.front();
}

bool LineDiscipline::read_ready() const {
    return canonical() ? !m_line_ends.empty() : !m_input.empty();
}

// Mirrors canon_copy_from_read_buf(): a canonical read stops at the end of the first line and
// leaves the rest of a line that did not fit for the next read.
size_t LineDiscipline::read_input(std::span<std::byte> buffer) {
    if (buffer.empty())
        return 0;
    size_t count = std::min(readable(), buffer.size());
    for (size_t i = 0; i < count; ++i)
        buffer[i] = static_cast<std::byte>(m_input[i]);
    m_input.erase(m_input.begin(), m_input.begin() + static_cast<std::ptrdiff_t>(count));
    if (!canonical() || m_line_ends.empty())
        return count;
    if (m_line_ends.front() == 0)
        --m_eof_marks;  // the EOF mark: this read returns 0
    m_line_ends.front() -= count;
    if (m_line_ends.front() == 0)
        m_line_ends.pop_front();
    return count;
}

// ^Output

// Mirrors process_output_block(): a byte is taken only when all of its processed form fits, so
// a "\n" that ONLCR turns into "\r\n" needs two free bytes.
size_t LineDiscipline::write_output(std::span<const std::byte> data) {
    size_t taken = 0;
    for (std::byte raw : data) {
        auto byte = static_cast<uint8_t>(raw);
        if (m_output.size() + output_length(byte) > m_output_capacity)
            break;
        push_output(byte);
        ++taken;
    }
    return taken;
}

// How many bytes push_output() queues for `byte`: the cases of do_output_char() that resize.
size_t LineDiscipline::output_length(uint8_t byte) const {
    if (!oflag(opost))
        return 1;
    if (byte == '\n' && oflag(onlcr))
        return 2;
    if (byte == '\r' && oflag(onocr) && m_column == 0)
        return 0;
    return 1;
}

// Queues one byte of output or echo, after OPOST processing, and tracks the column. Mirrors
// do_output_char(), including its quirk that a plain "\n" (no ONLCR, no ONLRET) keeps the column.
// Echo comes here too and ignores m_output_capacity: like Linux we never drop echo for a full
// queue, so the echo of one receive_input() call can push the queue slightly past capacity.
void LineDiscipline::push_output(uint8_t byte) {
    if (!oflag(opost)) {
        m_output.push_back(byte);
        return;
    }
    switch (byte) {
    case '\n':
        if (oflag(onlret))
            m_column = 0;
        if (oflag(onlcr)) {
            m_column = m_canon_column = 0;
            m_output.push_back('\r');
        } else {
            m_canon_column = m_column;
        }
        break;
    case '\r':
        if (oflag(onocr) && m_column == 0)
            return;
        if (oflag(ocrnl)) {
            byte = '\n';
            if (oflag(onlret))
                m_column = m_canon_column = 0;
        } else {
            m_column = m_canon_column = 0;
        }
        break;
    case '\t':
        m_column += k_tab_width - m_column % k_tab_width;
        break;
    case '\b':
        if (m_column > 0)
            --m_column;
        break;
    default:
        if (!is_ascii_control(byte) && !is_continuation(byte))
            ++m_column;
    }
    m_output.push_back(byte);
}

size_t LineDiscipline::output_space() const {
    return m_output_capacity - std::min(m_output.size(), m_output_capacity);
}

size_t LineDiscipline::read_output(std::span<std::byte> buffer) {
    size_t count = std::min(buffer.size(), m_output.size());
    for (size_t i = 0; i < count; ++i)
        buffer[i] = static_cast<std::byte>(m_output[i]);
    m_output.erase(m_output.begin(), m_output.begin() + static_cast<std::ptrdiff_t>(count));
    return count;
}

// Mirrors reset_buffer_flags(): the queue, the line being edited and a pending VLNEXT go.
void LineDiscipline::flush_input() {
    m_input.clear();
    m_line_ends.clear();
    m_line.clear();
    m_eof_marks = 0;
    m_literal_next = false;
}

void LineDiscipline::flush_output() {
    m_output.clear();
}

// Predicates

// A c_cc slot holding 0 (_POSIX_VDISABLE) is disabled: n_tty_set_termios() clears NUL from its
// char_map, so a NUL byte never matches one.
bool LineDiscipline::is_control(uint8_t byte, int index) const {
    uint8_t value = m_termios.cc[static_cast<size_t>(index)];
    return value != 0 && byte == value;
}

// The signal an ISIG character raises, or 0.
int LineDiscipline::signal_for(uint8_t byte) const {
    if (!lflag(isig))
        return 0;
    if (is_control(byte, cc::vintr))
        return signals::sigint;
    if (is_control(byte, cc::vquit))
        return signals::sigquit;
    if (is_control(byte, cc::vsusp))
        return signals::sigtstp;
    return 0;
}

bool LineDiscipline::is_continuation(uint8_t byte) const {
    return iflag(iutf8) && (byte & 0xc0) == 0x80;
}

}  // namespace secure_exec::kernel
