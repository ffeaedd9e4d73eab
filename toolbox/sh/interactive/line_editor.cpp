// The line editor: raw-mode key handling and a redraw that knows how the line wraps.
//
// Every change redraws the whole line from the prompt's row: simple, and correct for lines that
// wrap, since the editor always knows on which row (relative to the prompt) the cursor stands.
#include "sh/interactive/line_editor.h"

#include <algorithm>
#include <cerrno>
#include <termios.h>
#include <unistd.h>

#include <sx/posix.h>

#include "lib/io.h"
#include "sh/interactive/prompt.h"

namespace sh {

namespace {

constexpr unsigned char ctrl(char letter) { return static_cast<unsigned char>(letter & 0x1f); }
constexpr unsigned char k_escape = 0x1b;
constexpr unsigned char k_delete = 0x7f;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// Screen columns of text: UTF-8 continuation bytes and \[ \] regions take none.
size_t display_width(std::string_view text) {
    size_t width = 0;
    bool hidden = false;
    for (char c : text) {
        if (c == k_prompt_ignore_start)
            hidden = true;
        else if (c == k_prompt_ignore_end)
            hidden = false;
        else if (!hidden && !is_continuation(c))
            ++width;
    }
    return width;
}

std::string without_markers(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != k_prompt_ignore_start && c != k_prompt_ignore_end)
            out += c;
    return out;
}

// Raw mode for the duration of one read_line; the previous modes come back on every exit path.
class RawMode {
public:
    explicit RawMode(int fd) : m_fd(fd) {
        if (tcgetattr(fd, &m_saved) != 0)
            return;
        termios raw = m_saved;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
        raw.c_iflag &= ~static_cast<tcflag_t>(ICRNL | INLCR | IGNCR | IXON);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        m_active = tcsetattr(fd, TCSADRAIN, &raw) == 0;
    }
    ~RawMode() {
        if (m_active)
            (void)tcsetattr(m_fd, TCSADRAIN, &m_saved);
    }
    RawMode(const RawMode&) = delete;
    RawMode& operator=(const RawMode&) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active{false};
};

std::string common_prefix(const std::vector<CompletionCandidate>& candidates) {
    std::string prefix = candidates.front().word;
    for (const auto& candidate : candidates) {
        size_t length = 0;
        while (length < prefix.size() && length < candidate.word.size() && prefix[length] == candidate.word[length])
            ++length;
        prefix.resize(length);
    }
    while (!prefix.empty() && is_continuation(prefix.back()))
        prefix.pop_back();  // never stop in the middle of a character
    return prefix;
}

// A completed word as it must be typed: characters the shell would split or expand get a backslash.
std::string quote_for_line(std::string_view word) {
    std::string out;
    for (char c : word) {
        if (std::string_view(" \t\n\"'\\|&;()<>$`*?[]#!{}").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

LineEditor::LineEditor(int input_fd, int output_fd, const History& history, EditorHooks hooks)
    : m_input(input_fd), m_output(output_fd), m_history(history), m_hooks(std::move(hooks)) {}

ReadResult LineEditor::read_line(std::string_view prompt, std::string& line) {
    size_t newline = prompt.rfind('\n');
    m_prompt_head = newline == std::string_view::npos ? "" : std::string(prompt.substr(0, newline + 1));
    m_prompt = std::string(newline == std::string_view::npos ? prompt : prompt.substr(newline + 1));
    m_prompt_width = display_width(m_prompt);
    m_buffer.clear();
    m_cursor = 0;
    m_cursor_row = 0;
    m_history_index = m_history.size();
    m_edited.clear();
    m_last_was_tab = false;
    m_abandon = false;
    if (sx_isatty(m_input) != 1) {
        write_out(without_markers(prompt));
        return read_plain(line);
    }
    RawMode raw(m_input);
    show_prompt();
    while (true) {
        int key = read_byte();
        if (key < 0) {
            move_to_end();
            if (m_abandon) {
                write_out("\n");
                return ReadResult::interrupted;
            }
            return ReadResult::end_of_input;
        }
        Action action = handle_key(static_cast<unsigned char>(key));
        if (action == Action::keep_reading)
            continue;
        move_to_end();
        if (action == Action::end_of_input)
            return ReadResult::end_of_input;
        if (action == Action::interrupt) {
            write_out("^C\n");
            return ReadResult::interrupted;
        }
        write_out("\n");
        line = m_buffer;
        return ReadResult::line;
    }
}

ReadResult LineEditor::read_plain(std::string& line) {
    line.clear();
    while (true) {
        int key = read_byte();
        if (key < 0)
            return m_abandon ? ReadResult::interrupted : line.empty() ? ReadResult::end_of_input : ReadResult::line;
        if (key == '\n')
            return ReadResult::line;
        line += static_cast<char>(key);
    }
}

int LineEditor::read_byte() {
    while (true) {
        unsigned char byte = 0;
        ssize_t count = ::read(m_input, &byte, 1);
        if (count == 1)
            return byte;
        if (count == 0 || errno != EINTR)
            return -1;
        bool redraw = false;
        while (int signal = sx_take_signal()) {
            if (signal < 0)
                break;
            if (m_hooks.on_signal && m_hooks.on_signal(signal)) {
                m_abandon = true;
                return -1;
            }
            redraw = true;
        }
        if (redraw && sx_isatty(m_input) == 1)
            refresh();
    }
}

LineEditor::Action LineEditor::handle_key(unsigned char key) {
    bool tab = key == '\t';
    bool second_tab = tab && m_last_was_tab;
    m_last_was_tab = tab;
    switch (key) {
    case '\r':
    case '\n': return Action::accept;
    case ctrl('C'): return Action::interrupt;
    case ctrl('D'):
        if (m_buffer.empty())
            return Action::end_of_input;
        if (m_cursor < m_buffer.size())
            m_buffer.erase(m_cursor, next_char(m_cursor) - m_cursor);
        break;
    case ctrl('A'): m_cursor = 0; break;
    case ctrl('E'): m_cursor = m_buffer.size(); break;
    case ctrl('B'): m_cursor = previous_char(m_cursor); break;
    case ctrl('F'): m_cursor = next_char(m_cursor); break;
    case ctrl('H'):
    case k_delete:
        if (m_cursor > 0) {
            size_t from = previous_char(m_cursor);
            m_buffer.erase(from, m_cursor - from);
            m_cursor = from;
        }
        break;
    case ctrl('U'): kill_text(0, m_cursor); break;
    case ctrl('K'): kill_text(m_cursor, m_buffer.size()); break;
    case ctrl('W'): kill_text(word_start(m_cursor), m_cursor); break;
    case ctrl('Y'): insert(m_killed); break;
    case ctrl('L'):
        write_out("\x1b[H\x1b[2J");
        m_cursor_row = 0;
        show_prompt();
        return Action::keep_reading;
    case ctrl('P'): browse_history(-1); return Action::keep_reading;
    case ctrl('N'): browse_history(1); return Action::keep_reading;
    case ctrl('T'):
        if (m_cursor > 0 && m_buffer.size() > 1) {
            size_t at = m_cursor == m_buffer.size() ? m_cursor - 1 : m_cursor;
            std::swap(m_buffer[at - 1], m_buffer[at]);
            m_cursor = at + 1;
        }
        break;
    case '\t': complete(second_tab); return Action::keep_reading;
    case k_escape: return handle_escape();
    default:
        if (key < 0x20)
            return Action::keep_reading;  // other control keys do nothing (^Z, ^G, ...)
        insert(std::string(1, static_cast<char>(key)));
        return Action::keep_reading;
    }
    refresh();
    return Action::keep_reading;
}

LineEditor::Action LineEditor::handle_escape() {
    int next = read_byte();
    if (next < 0)
        return Action::keep_reading;
    if (next == '[' || next == 'O') {
        std::string parameters;
        int final_byte = read_byte();
        while (final_byte >= 0 && next == '[' && (final_byte < 0x40 || final_byte > 0x7e)) {
            parameters += static_cast<char>(final_byte);
            final_byte = read_byte();
        }
        bool with_ctrl = parameters.find(";5") != std::string::npos;
        switch (final_byte) {
        case 'A': browse_history(-1); return Action::keep_reading;
        case 'B': browse_history(1); return Action::keep_reading;
        case 'C': m_cursor = with_ctrl ? word_end(m_cursor) : next_char(m_cursor); break;
        case 'D': m_cursor = with_ctrl ? word_start(m_cursor) : previous_char(m_cursor); break;
        case 'H': m_cursor = 0; break;
        case 'F': m_cursor = m_buffer.size(); break;
        case '~':
            if (parameters == "1" || parameters == "7")
                m_cursor = 0;
            else if (parameters == "4" || parameters == "8")
                m_cursor = m_buffer.size();
            else if (parameters == "3" && m_cursor < m_buffer.size())
                m_buffer.erase(m_cursor, next_char(m_cursor) - m_cursor);
            break;
        default: return Action::keep_reading;
        }
        refresh();
        return Action::keep_reading;
    }
    switch (next) {  // Alt+key
    case 'b': m_cursor = word_start(m_cursor); break;
    case 'f': m_cursor = word_end(m_cursor); break;
    case 'd': kill_text(m_cursor, word_end(m_cursor)); break;
    case k_delete: kill_text(word_start(m_cursor), m_cursor); break;
    default: return Action::keep_reading;
    }
    refresh();
    return Action::keep_reading;
}

void LineEditor::insert(std::string_view text) {
    bool at_end = m_cursor == m_buffer.size();
    m_buffer.insert(m_cursor, text);
    m_cursor += text.size();
    size_t columns = static_cast<size_t>(std::max(m_hooks.columns ? m_hooks.columns() : 80, 1));
    size_t end = m_prompt_width + display_width(m_buffer);
    if (at_end && end % columns != 0) {
        write_out(text);  // typing at the end: the terminal's own echo is the whole redraw
        m_cursor_row = end / columns;
        return;
    }
    refresh();
}

void LineEditor::kill_text(size_t from, size_t to) {
    if (from >= to)
        return;
    m_killed = m_buffer.substr(from, to - from);
    m_buffer.erase(from, to - from);
    m_cursor = from;
}

size_t LineEditor::previous_char(size_t position) const {
    if (position == 0)
        return 0;
    --position;
    while (position > 0 && is_continuation(m_buffer[position]))
        --position;
    return position;
}

size_t LineEditor::next_char(size_t position) const {
    if (position >= m_buffer.size())
        return m_buffer.size();
    ++position;
    while (position < m_buffer.size() && is_continuation(m_buffer[position]))
        ++position;
    return position;
}

size_t LineEditor::word_start(size_t position) const {
    while (position > 0 && m_buffer[position - 1] == ' ')
        --position;
    while (position > 0 && m_buffer[position - 1] != ' ')
        --position;
    return position;
}

size_t LineEditor::word_end(size_t position) const {
    while (position < m_buffer.size() && m_buffer[position] == ' ')
        ++position;
    while (position < m_buffer.size() && m_buffer[position] != ' ')
        ++position;
    return position;
}

void LineEditor::write_out(std::string_view text) { (void)toolbox::write_all(m_output, text); }

void LineEditor::show_prompt() {
    write_out(without_markers(m_prompt_head));
    m_cursor_row = 0;
    if (m_buffer.empty())
        write_out(without_markers(m_prompt));
    else
        refresh();
}

void LineEditor::refresh() {
    size_t columns = static_cast<size_t>(std::max(m_hooks.columns ? m_hooks.columns() : 80, 1));
    std::string out;
    if (m_cursor_row > 0)
        out += "\x1b[" + std::to_string(m_cursor_row) + "A";
    out += "\r" + without_markers(m_prompt) + m_buffer + "\x1b[J";
    size_t end = m_prompt_width + display_width(m_buffer);
    if (end > 0 && end % columns == 0)
        out += "\n";  // the terminal waits to wrap; go to the next row so positions are exact
    size_t end_row = end / columns;
    size_t position = m_prompt_width + display_width(std::string_view(m_buffer).substr(0, m_cursor));
    size_t row = position / columns, column = position % columns;
    if (end_row > row)
        out += "\x1b[" + std::to_string(end_row - row) + "A";
    out += "\r";
    if (column > 0)
        out += "\x1b[" + std::to_string(column) + "C";
    m_cursor_row = row;
    write_out(out);
}

void LineEditor::move_to_end() {
    if (m_cursor == m_buffer.size())
        return;
    m_cursor = m_buffer.size();
    refresh();
}

void LineEditor::browse_history(int direction) {
    const auto& entries = m_history.entries();
    size_t index = m_history_index;
    if (direction < 0 && index > 0)
        --index;
    else if (direction > 0 && index < entries.size())
        ++index;
    if (index == m_history_index)
        return;
    if (m_history_index == entries.size())
        m_edited = m_buffer;
    m_history_index = index;
    m_buffer = index == entries.size() ? m_edited : entries[index];
    m_cursor = m_buffer.size();
    refresh();
}

void LineEditor::complete(bool listing_allowed) {
    if (!m_hooks.complete)
        return;
    auto result = m_hooks.complete(m_buffer, m_cursor);
    if (result.candidates.empty()) {
        write_out("\a");
        return;
    }
    std::string prefix = common_prefix(result.candidates);
    std::string replacement = quote_for_line(prefix);
    if (result.candidates.size() == 1 && !prefix.ends_with('/'))
        replacement += ' ';
    std::string current = m_buffer.substr(result.start, m_cursor - result.start);
    if (replacement != current && replacement.size() >= current.size()) {
        m_buffer.replace(result.start, m_cursor - result.start, replacement);
        m_cursor = result.start + replacement.size();
        m_last_was_tab = result.candidates.size() > 1;  // still ambiguous: the next Tab lists
        refresh();
        return;
    }
    if (!listing_allowed) {
        write_out("\a");
        return;
    }
    list_candidates(result.candidates);
}

void LineEditor::list_candidates(const std::vector<CompletionCandidate>& candidates) {
    size_t saved_cursor = m_cursor;
    move_to_end();
    m_cursor = saved_cursor;
    size_t columns = static_cast<size_t>(std::max(m_hooks.columns ? m_hooks.columns() : 80, 1));
    size_t widest = 0;
    for (const auto& candidate : candidates)
        widest = std::max(widest, display_width(candidate.display));
    size_t cell = widest + 2;
    size_t per_row = std::max<size_t>(1, (columns + 1) / cell);
    size_t rows = (candidates.size() + per_row - 1) / per_row;
    std::string out = "\n";
    for (size_t row = 0; row < rows; ++row) {
        for (size_t column = 0; column < per_row; ++column) {
            size_t index = column * rows + row;  // down the columns first, as readline
            if (index >= candidates.size())
                break;
            const std::string& text = candidates[index].display;
            out += text;
            bool last_in_row = column + 1 == per_row || (column + 1) * rows + row >= candidates.size();
            if (!last_in_row)
                out += std::string(cell - display_width(text), ' ');
        }
        out += "\n";
    }
    write_out(out);
    m_cursor_row = 0;
    show_prompt();
}

}  // namespace sh
