// lexer_heredoc.cpp — here-documents (XCU 2.7.4): bodies read after the newline that ends their
// line, in the order of their operators, with <<- stripping leading tabs and a quoted delimiter
// keeping the body as it is.
#include <algorithm>

#include "sh/lang/lexer.h"

namespace sh {

namespace {

bool ends_in_odd_backslashes(std::string_view text) {
    size_t count = 0;
    while (count < text.size() && text[text.size() - 1 - count] == '\\')
        ++count;
    return count % 2 == 1;
}

}  // namespace

// The line of the character before `offset` (the reader is at `offset`).
uint32_t Lexer::line_before(size_t offset) const {
    bool after_newline = offset > 0 && m_reader.text()[offset - 1] == '\n';
    return after_newline ? m_reader.line() - 1 : m_reader.line();
}

size_t Lexer::queue_heredoc(std::string delimiter, bool strip_tabs, bool quoted, uint32_t line) {
    PendingHeredoc heredoc;
    heredoc.id = m_next_heredoc_id++;
    heredoc.delimiter = std::move(delimiter);
    heredoc.strip_tabs = strip_tabs;
    heredoc.quoted = quoted;
    heredoc.line = line;
    m_pending.push_back(std::move(heredoc));
    return m_pending.back().id;
}

void Lexer::attach_heredoc(size_t id, Redirect* redirect) {
    auto found = std::find_if(m_pending.begin(), m_pending.end(), [&](const auto& h) { return h.id == id; });
    if (found == m_pending.end())
        return;
    found->redirect = redirect;
    if (!found->read)
        return;
    // Read before its command was complete (a newline inside the command): store it now.
    store_heredoc(*found);
    m_pending.erase(found);
}

// The body becomes the redirect's word, spanning the body's lines in the buffer.
void Lexer::store_heredoc(PendingHeredoc& heredoc) {
    Word& target = heredoc.redirect->target;
    target = std::move(*heredoc.body);
    target.span = {static_cast<uint32_t>(heredoc.body_begin), static_cast<uint32_t>(heredoc.content_end),
                   heredoc.body_line};
    m_heredoc_ranges.push_back({heredoc.redirect, heredoc.body_begin, heredoc.body_end});
}

void Lexer::read_heredocs() {
    for (auto& heredoc : m_pending) {
        if (heredoc.read)
            continue;
        if (!read_heredoc(heredoc))
            return;
        heredoc.read = true;
        if (heredoc.redirect)
            store_heredoc(heredoc);
    }
    std::erase_if(m_pending, [](const PendingHeredoc& heredoc) { return heredoc.read && heredoc.redirect; });
}

std::vector<Lexer::PendingHeredoc> Lexer::take_pending_heredocs() {
    std::vector<PendingHeredoc> outer = std::move(m_pending);
    m_pending.clear();
    return outer;
}

void Lexer::restore_pending_heredocs(std::vector<PendingHeredoc> outer) {
    // Here-documents begun inside a $( ) whose line ended there (`$(cat <<EOF)`) wait for the
    // outer line's newline, after the outer ones.
    for (auto& inner : m_pending)
        outer.push_back(std::move(inner));
    m_pending = std::move(outer);
}

void Lexer::clear_heredocs() {
    m_pending.clear();
    m_heredoc_ranges.clear();
}

// Reads one body from the reader's position: lines up to the delimiter line. In an unquoted
// here-document a backslash-newline joins lines (before the delimiter check, as in bash).
bool Lexer::read_heredoc(PendingHeredoc& heredoc) {
    heredoc.body_begin = m_reader.position();
    heredoc.body_line = m_reader.line();
    // bash numbers lines by the last one read: the line before the body (for its message).
    uint32_t start_line = line_before(heredoc.body_begin);
    std::string body;
    for (;;) {
        if (m_reader.peek_raw() == Reader::end_of_input) {
            std::string message = "here-document at line " + std::to_string(start_line) +
                                  " delimited by end-of-file (wanted `" + heredoc.delimiter + "')";
            uint32_t last_line = line_before(m_reader.position());
            if (m_state.options.interactive && !m_state.nested_text) {
                fail_at(std::move(message), last_line, true);
                return false;
            }
            m_state.warnings.push_back({"warning: " + message, last_line});
            heredoc.content_end = heredoc.body_end = m_reader.position();
            break;
        }
        size_t line_begin = m_reader.position();
        std::string line;
        bool newline = false;
        for (;;) {
            int c = m_reader.peek_raw();
            if (c == Reader::end_of_input)
                break;
            m_reader.advance_raw();
            if (c == '\n') {
                if (!heredoc.quoted && ends_in_odd_backslashes(line)) {
                    line.pop_back();
                    continue;
                }
                newline = true;
                break;
            }
            line.push_back(static_cast<char>(c));
        }
        std::string_view content = line;
        if (heredoc.strip_tabs)
            content.remove_prefix(std::min(content.find_first_not_of('\t'), content.size()));
        if (content == heredoc.delimiter) {
            heredoc.content_end = line_begin;
            heredoc.body_end = newline ? m_reader.position() - 1 : m_reader.position();
            break;
        }
        body.append(content);
        if (newline)
            body.push_back('\n');
    }
    if (heredoc.quoted) {
        Word word;
        word.parts.emplace_back(Literal{std::move(body), true});
        heredoc.body = std::move(word);
        return true;
    }
    DepthGuard guard(m_state, heredoc.body_line, m_reader.position());
    if (!guard.ok())
        return false;
    heredoc.body = m_nested.parse_heredoc_body(std::move(body), heredoc.body_line);
    return heredoc.body.has_value();
}

std::optional<Word> Lexer::lex_heredoc_text() {
    static constexpr TextRules rules{true, false, false, "$`\\", false};
    WordBuilder word;
    uint32_t line = m_reader.line();
    for (;;) {
        int c = m_reader.peek();
        if (c == Reader::end_of_input)
            break;
        if (lex_quoting(word, c, rules, true)) {
            if (m_state.failed())
                return std::nullopt;
            continue;
        }
        word.add_char(static_cast<char>(c), true);
        m_reader.advance();
    }
    return word.finish({0, static_cast<uint32_t>(m_reader.position()), line});
}

}  // namespace sh
