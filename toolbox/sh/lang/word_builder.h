// word_builder.h — collects the parts of a Word as the lexer reads them.
//
// Adjacent literal text of the same quotedness is merged into one Literal, so `a"b"c` is three
// parts (a, quoted b, c) and `abc` one; quoted and unquoted text never merge, which is what
// splitting, globbing and reserved-word checks need.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "sh/lang/ast.h"

namespace sh {

class WordBuilder final {
public:
    void add_char(char c, bool quoted) { literal_for(quoted).push_back(c); }
    void add_text(std::string_view text, bool quoted) {
        if (!text.empty())
            literal_for(quoted).append(text);
    }
    void add(WordPart part) { m_parts.push_back(std::move(part)); }

    // Quotes that held nothing still make a word: "" is an empty argument, not no argument.
    void ensure_quoted_empty() { literal_for(true); }

    size_t part_count() const { return m_parts.size(); }
    bool empty() const { return m_parts.empty(); }
    std::vector<WordPart>& parts() { return m_parts; }

    Word finish(SourceSpan span) {
        Word word{std::move(m_parts), span};
        m_parts.clear();
        return word;
    }

private:
    std::string& literal_for(bool quoted) {
        if (!m_parts.empty()) {
            if (auto* last = std::get_if<Literal>(&m_parts.back()); last && last->quoted == quoted)
                return last->text;
        }
        m_parts.emplace_back(Literal{{}, quoted});
        return std::get<Literal>(m_parts.back()).text;
    }

    std::vector<WordPart> m_parts;
};

}  // namespace sh
