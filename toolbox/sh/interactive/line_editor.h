// line_editor.h — reads one command line from a terminal with emacs-style editing (readline's
// default keys), history browsing and tab completion. The terminal is in raw mode (no echo, no
// canonical editing, no ISIG: ^C and ^Z arrive as keys) only while a line is being read; the
// caller's modes are restored before the line is returned, so commands run in cooked mode.
// On a descriptor that is not a terminal it reads a plain line.
// Thread safety: single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sh/interactive/history.h"

namespace sh {

struct CompletionCandidate {
    std::string word;     // what replaces the word being completed (unquoted); a directory ends in /
    std::string display;  // what a listing shows (a file's base name)
};

struct CompletionResult {
    size_t start{0};  // where the completed word begins in the line
    std::vector<CompletionCandidate> candidates;
};

struct EditorHooks {
    // Candidates for the word that ends at `cursor` in `line`.
    std::function<CompletionResult(std::string_view line, size_t cursor)> complete;
    // A caught signal arrived while reading. Returns true to abandon the line (SIGINT).
    std::function<bool(int signal)> on_signal;
    // The terminal's width.
    std::function<int()> columns;
};

enum class ReadResult : uint8_t { line, end_of_input, interrupted };

class LineEditor {
public:
    LineEditor(int input_fd, int output_fd, const History& history, EditorHooks hooks);

    // Shows `prompt` (k_prompt_ignore_* mark what takes no room) and reads a line into `line`,
    // without its newline.
    ReadResult read_line(std::string_view prompt, std::string& line);

private:
    enum class Action : uint8_t { keep_reading, accept, end_of_input, interrupt };

    ReadResult read_plain(std::string& line);
    Action handle_key(unsigned char key);
    Action handle_escape();
    int read_byte();
    void insert(std::string_view text);
    void refresh();
    void write_out(std::string_view text);
    void show_prompt();
    void move_to_end();
    void complete(bool listing_allowed);
    void list_candidates(const std::vector<CompletionCandidate>& candidates);
    void browse_history(int direction);
    void kill_text(size_t from, size_t to);
    size_t previous_char(size_t position) const;
    size_t next_char(size_t position) const;
    size_t word_start(size_t position) const;  // ^W / Alt-b: back over spaces, then a word
    size_t word_end(size_t position) const;    // Alt-f

    int m_input;
    int m_output;
    const History& m_history;
    EditorHooks m_hooks;

    std::string m_prompt;       // the prompt's last line (what a redraw repeats)
    std::string m_prompt_head;  // the lines before it, shown once
    size_t m_prompt_width{0};
    std::string m_buffer;
    size_t m_cursor{0};         // byte offset in m_buffer
    size_t m_cursor_row{0};     // the screen row of the cursor, counted from the prompt's row
    std::string m_killed;       // for ^Y
    size_t m_history_index{0};  // == history size: the line being edited
    std::string m_edited;       // the line being edited while browsing history
    bool m_last_was_tab{false};
    bool m_abandon{false};
};

}  // namespace sh
