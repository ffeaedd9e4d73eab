// reader.h — the parser's input: a text buffer, a position in it and the line there.
//
// The lexer reads characters through peek()/advance(), which skip line continuations
// (backslash-newline) as bash's shell_getc does; single quotes, $'…', comments and here-document
// bodies read through the *_raw calls instead, which keep them. Aliases are substituted by
// replacing the alias word in the buffer with its text (replace()), so every offset a node keeps
// is an offset into this buffer and the source text of a node is a slice of it.
//
// Ownership: the reader owns its copy of the text. Thread safety: confined to one parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sh {

class Reader final {
public:
    static constexpr int end_of_input = -1;

    // Looks ahead without moving the reader, skipping line continuations as peek() does.
    class Cursor final {
    public:
        Cursor(std::string_view text, size_t position) : m_text(text), m_position(position) { skip(); }
        int peek() const {
            return m_position < m_text.size() ? static_cast<unsigned char>(m_text[m_position]) : end_of_input;
        }
        void advance() {
            if (m_position < m_text.size())
                ++m_position;
            skip();
        }
        // Past the current character and the one after it, which is taken as it is (an escape).
        void advance_escaped() {
            if (m_position < m_text.size())
                ++m_position;
            if (m_position < m_text.size())
                ++m_position;
            skip();
        }
        size_t position() const { return m_position; }

    private:
        void skip() {
            while (m_position + 1 < m_text.size() && m_text[m_position] == '\\' && m_text[m_position + 1] == '\n')
                m_position += 2;
        }
        std::string_view m_text;
        size_t m_position;
    };

    Cursor cursor() const { return Cursor(m_text, m_position); }
    Cursor cursor_at(size_t position) const { return Cursor(m_text, position); }

    // A position to come back to (the lexer backtracks after a failed `((` guess).
    struct Mark {
        size_t position{0};
        uint32_t line{1};
    };

    Reader(std::string text, uint32_t first_line);

    // The current character, after any line continuations before it (which are consumed).
    int peek();
    // The character `ahead` characters after the current one, continuations skipped; no effect.
    int peek_at(size_t ahead);
    // Consumes the current character (continuations before it first).
    void advance();

    // Without continuation handling.
    int peek_raw() const;
    void advance_raw();

    bool at_end() { return peek() == end_of_input; }

    size_t position() const { return m_position; }
    uint32_t line() const { return m_line; }
    Mark mark() const { return {m_position, m_line}; }
    void reset(Mark mark);

    std::string_view slice(size_t begin, size_t end) const;
    std::string_view text() const { return m_text; }
    size_t size() const { return m_text.size(); }

    // The physical line holding `offset`, without its newline (for bash's "`line'" context).
    std::string_view line_containing(size_t offset) const;

    // The line bash reports for an error at the end of the input: the one after the last line.
    uint32_t end_line() const;

    // Replaces [begin, end) by `replacement` (alias substitution); the position moves to begin.
    // Preconditions: begin <= end <= size(), and begin is at the line `line_at_begin`.
    void replace(size_t begin, size_t end, std::string_view replacement, uint32_t line_at_begin);

    // True when a line continuation was skipped that ended exactly at the end of the input: an
    // interactive shell then reads another line.
    bool continued_at_end() const { return m_continued_at_end; }

    // bash reads a newline at the end of a text that lacks one (so `echo <` at the end of a script
    // reports "unexpected token `newline'"). True the first time it is asked at the end.
    bool take_implied_newline();

private:
    void skip_continuations();

    std::string m_text;
    size_t m_position{0};
    uint32_t m_line{1};
    uint32_t m_first_line{1};
    bool m_continued_at_end{false};
    bool m_implied_newline_taken{false};
};

}  // namespace sh
