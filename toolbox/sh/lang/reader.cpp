// reader.cpp — the parser's input buffer; see reader.h.
#include "sh/lang/reader.h"

#include <algorithm>

namespace sh {

Reader::Reader(std::string text, uint32_t first_line)
    : m_text(std::move(text)), m_line(first_line), m_first_line(first_line) {}

void Reader::skip_continuations() {
    while (m_position + 1 < m_text.size() && m_text[m_position] == '\\' && m_text[m_position + 1] == '\n') {
        m_position += 2;
        ++m_line;
        if (m_position == m_text.size())
            m_continued_at_end = true;
    }
}

int Reader::peek() {
    skip_continuations();
    return peek_raw();
}

int Reader::peek_at(size_t ahead) {
    skip_continuations();
    Cursor cursor(m_text, m_position);
    for (size_t step = 0; step < ahead; ++step)
        cursor.advance();
    return cursor.peek();
}

void Reader::advance() {
    skip_continuations();
    advance_raw();
}

int Reader::peek_raw() const {
    return m_position < m_text.size() ? static_cast<unsigned char>(m_text[m_position]) : end_of_input;
}

void Reader::advance_raw() {
    if (m_position >= m_text.size())
        return;
    if (m_text[m_position] == '\n')
        ++m_line;
    ++m_position;
}

void Reader::reset(Mark mark) {
    m_position = std::min(mark.position, m_text.size());
    m_line = mark.line;
    if (m_position < m_text.size())
        m_implied_newline_taken = false;
}

bool Reader::take_implied_newline() {
    if (m_implied_newline_taken || m_text.empty() || m_text.back() == '\n' || m_position < m_text.size())
        return false;
    m_implied_newline_taken = true;
    return true;
}

std::string_view Reader::slice(size_t begin, size_t end) const {
    begin = std::min(begin, m_text.size());
    end = std::clamp(end, begin, m_text.size());
    return std::string_view(m_text).substr(begin, end - begin);
}

std::string_view Reader::line_containing(size_t offset) const {
    offset = std::min(offset, m_text.size());
    size_t begin = 0;
    if (offset > 0) {
        size_t newline = m_text.rfind('\n', offset - 1);
        begin = newline == std::string::npos ? 0 : newline + 1;
    }
    size_t end = m_text.find('\n', begin);
    if (end == std::string::npos)
        end = m_text.size();
    return std::string_view(m_text).substr(begin, end - begin);
}

uint32_t Reader::end_line() const {
    auto newlines = static_cast<uint32_t>(std::count(m_text.begin(), m_text.end(), '\n'));
    // bash -c and a script without a final newline both read an implied one.
    bool unterminated = !m_text.empty() && m_text.back() != '\n';
    return m_first_line + newlines + (unterminated ? 1 : 0);
}

void Reader::replace(size_t begin, size_t end, std::string_view replacement, uint32_t line_at_begin) {
    m_text.replace(begin, end - begin, replacement);
    m_position = begin;
    m_line = line_at_begin;
}

}  // namespace sh
