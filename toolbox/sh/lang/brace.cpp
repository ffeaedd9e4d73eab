// brace.cpp — bash 5.2's braces.c over segments. The word is flattened to one cell per byte
// (quoted bytes, and opaque and empty segments, marked inert) and scanned as brace_gobbler()
// scans text; result words are lists of cell ranges until the end, so that large expansions copy
// ranges rather than bytes.
#include "sh/lang/brace.h"

#include <cstdint>
#include <string_view>

#include "sh/lang/brace_sequence.h"

namespace sh {
namespace {

enum class CellKind : uint8_t {
    text,
    quoted,
    opaque,        // the segment `segment` of the word, whole (an expansion, or an empty segment)
    empty_quoted,  // generated: a quoted nothing (what bash leaves of a generated `\`)
};

struct Cell {
    char c{0};
    CellKind kind{CellKind::text};
    uint32_t segment{0};
};

// A stretch of a result word: cells [begin, end) of the pool (the word's own cells, then the
// generated ones).
struct Piece {
    uint32_t begin{0};
    uint32_t end{0};
};

// A result word under construction, with its cost kept for the limits.
struct PieceWord {
    std::vector<Piece> pieces;
    size_t bytes{0};

    // Text bytes plus the pieces' own memory: what the limits bound.
    size_t cost() const { return bytes + pieces.size() * sizeof(Piece); }
    // Appends, extending the last piece when the new one continues it.
    void add(Piece piece) {
        bytes += piece.end - piece.begin;
        if (!pieces.empty() && pieces.back().end == piece.begin)
            pieces.back().end = piece.end;
        else
            pieces.push_back(piece);
    }
};

// Where brace_gobbler() stopped: at `index` on `found`, or at the end with found == 0.
struct Stop {
    size_t index{0};
    char found{0};
};

struct Braces {
    size_t open{0};
    size_t close{0};
};

class Expander {
public:
    Expander(const BraceWord& word, const BraceLimits& limits);
    std::optional<std::vector<PieceWord>> expand();
    BraceWord to_word(const PieceWord& pieces) const;

private:
    std::vector<PieceWord> expand_range(size_t begin, size_t end, int depth);
    std::vector<PieceWord> alternatives(size_t begin, size_t end, int depth);
    std::optional<std::vector<PieceWord>> sequence(size_t begin, size_t end);
    std::optional<Braces> find_braces(size_t from, size_t end, size_t level_begin) const;
    Stop gobble(size_t i, size_t end, char satisfy, size_t level_begin) const;
    bool has_comma(size_t begin, size_t end) const;
    bool text_is(size_t i, size_t end, char c) const {
        return i < end && m_cells[i].kind == CellKind::text && m_cells[i].c == c;
    }
    bool blank_or_edge(size_t i, size_t end) const;
    void append(std::vector<PieceWord>& words, size_t begin, size_t end) const;
    void product(std::vector<PieceWord>& words, const std::vector<PieceWord>& tack);

    const BraceWord& m_word;
    const BraceLimits& m_limits;
    std::vector<Cell> m_cells;  // the word's cells, then generated text
    size_t m_word_cells{0};     // how many are the word's
    bool m_too_big{false};
};

Expander::Expander(const BraceWord& word, const BraceLimits& limits) : m_word(word), m_limits(limits) {
    for (size_t s = 0; s < word.size(); ++s) {
        const BraceSegment& segment = word[s];
        auto index = static_cast<uint32_t>(s);
        // An empty quoted segment ("") has no bytes, but it makes its word quoted: keep it whole.
        if (segment.opaque || segment.text.empty()) {
            m_cells.push_back(Cell{0, CellKind::opaque, index});
            continue;
        }
        for (char c : segment.text)
            m_cells.push_back(Cell{c, segment.quoted ? CellKind::quoted : CellKind::text, index});
    }
    m_word_cells = m_cells.size();
}

std::optional<std::vector<PieceWord>> Expander::expand() {
    std::vector<PieceWord> words = expand_range(0, m_word_cells, 0);
    if (m_too_big)
        return std::nullopt;
    return words;
}

// brace_whitespace(): a blank, or the edge of the text being scanned.
bool Expander::blank_or_edge(size_t i, size_t end) const {
    if (i >= end)
        return true;
    const Cell& cell = m_cells[i];
    return cell.kind != CellKind::opaque && (cell.c == ' ' || cell.c == '\t' || cell.c == '\n');
}

// brace_gobbler(): from `i`, the first unquoted `satisfy` outside nested braces. For `}` it also
// requires a comma or `..` at the top level first (what makes {a,b} an expansion and {a} not); a
// `{` that starts the text and is followed by a blank or `}` is skipped; `${` is a parameter
// expansion's, so it and its `}` are not counted.
Stop Expander::gobble(size_t i, size_t end, char satisfy, size_t level_begin) const {
    int level = 0;
    int separators = satisfy == '}' ? 0 : 1;
    bool skip_next = false;
    for (; i < end; ++i) {
        if (skip_next) {
            skip_next = false;
            continue;
        }
        const Cell& cell = m_cells[i];
        if (cell.kind != CellKind::text)
            continue;
        char c = cell.c;
        if (c == '\\') {
            skip_next = true;
            continue;
        }
        if (c == '$' && text_is(i + 1, end, '{')) {
            skip_next = true;
            ++level;
            continue;
        }
        if (c == satisfy && level == 0 && separators > 0) {
            bool lone_open = c == '{' && (i == level_begin || blank_or_edge(i - 1, end)) &&
                             (blank_or_edge(i + 1, end) || text_is(i + 1, end, '}'));
            if (!lone_open)
                return Stop{i, c};
            continue;
        }
        if (c == '{')
            ++level;
        else if (c == '}' && level > 0)
            --level;
        else if (satisfy == '}' && level == 0 && c == ',')
            ++separators;
        else if (satisfy == '}' && level == 0 && c == '.' && text_is(i + 1, end, '.') && !text_is(i + 2, end, '}'))
            ++separators;
    }
    return Stop{end, 0};
}

// The first `{` from `from` that has its `}`: brace_expand()'s search for a valid expansion.
std::optional<Braces> Expander::find_braces(size_t from, size_t end, size_t level_begin) const {
    for (;;) {
        Stop open = gobble(from, end, '{', level_begin);
        if (!open.found)
            return std::nullopt;
        Stop close = gobble(open.index + 1, end, '}', level_begin);
        if (close.found)
            return Braces{open.index, close.index};
        from = open.index + 1;
    }
}

// Whether the text between braces has an unescaped comma at any depth; without one, bash tries it
// as a sequence.
bool Expander::has_comma(size_t begin, size_t end) const {
    for (size_t i = begin; i < end; ++i) {
        if (m_cells[i].kind != CellKind::text)
            continue;
        if (m_cells[i].c == '\\')
            ++i;
        else if (m_cells[i].c == ',')
            return true;
    }
    return false;
}

// brace_expand(): the words of cells [begin, end). The text after each expansion is handled by
// the same loop (bash recurses on it), so a word of many brace groups costs no stack.
std::vector<PieceWord> Expander::expand_range(size_t begin, size_t end, int depth) {
    std::vector<PieceWord> words(1);
    size_t i = begin;
    while (!m_too_big) {
        std::optional<Braces> braces = depth <= m_limits.max_depth ? find_braces(i, end, i) : std::nullopt;
        if (!braces) {
            append(words, i, end);
            break;
        }
        append(words, i, braces->open);
        std::vector<PieceWord> tack;
        if (has_comma(braces->open + 1, braces->close)) {
            tack = alternatives(braces->open + 1, braces->close, depth);
        } else if (std::optional<std::vector<PieceWord>> generated = sequence(braces->open + 1, braces->close)) {
            tack = std::move(*generated);
        } else if (braces->close + 1 < end) {
            // Not a sequence: the braces stay as text, and the rest is still expanded.
            tack.emplace_back().add(Piece{static_cast<uint32_t>(braces->open), static_cast<uint32_t>(braces->close + 1)});
        } else {
            append(words, braces->open, end);
            break;
        }
        product(words, tack);
        i = braces->close + 1;
        if (i >= end)
            break;
    }
    return words;
}

// expand_amble(): split at top-level commas, each part expanded in turn.
std::vector<PieceWord> Expander::alternatives(size_t begin, size_t end, int depth) {
    std::vector<PieceWord> words;
    for (size_t start = begin;;) {
        Stop comma = gobble(start, end, ',', start);
        std::vector<PieceWord> part = expand_range(start, comma.index, depth + 1);
        if (m_too_big || words.size() + part.size() > m_limits.max_words) {
            m_too_big = true;
            return {};
        }
        words.insert(words.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        if (!comma.found)
            return words;
        start = comma.index + 1;
    }
}

// {x..y[..step]} between cells [begin, end); nullopt when it is none (quoted text never is).
std::optional<std::vector<PieceWord>> Expander::sequence(size_t begin, size_t end) {
    std::string text;
    for (size_t i = begin; i < end; ++i) {
        if (m_cells[i].kind != CellKind::text)
            return std::nullopt;
        text += m_cells[i].c;
    }
    brace_detail::Sequence generated = brace_detail::expand_sequence(text, m_limits.max_words);
    if (generated.outcome == brace_detail::Sequence::Outcome::too_many)
        m_too_big = true;
    if (generated.outcome != brace_detail::Sequence::Outcome::words)
        return std::nullopt;
    std::vector<PieceWord> words(generated.words.size());
    for (size_t k = 0; k < words.size(); ++k) {
        auto first = static_cast<uint32_t>(m_cells.size());
        if (generated.words[k] == "\\") {
            // bash re-reads generated text for quoting, so the `\` of {Z..a} escapes nothing: an
            // empty word, but a quoted one that stays an argument.
            m_cells.push_back(Cell{0, CellKind::empty_quoted, 0});
        } else {
            for (char c : generated.words[k])
                m_cells.push_back(Cell{c, CellKind::text, 0});
        }
        words[k].add(Piece{first, static_cast<uint32_t>(m_cells.size())});
    }
    return words;
}

void Expander::append(std::vector<PieceWord>& words, size_t begin, size_t end) const {
    if (begin >= end)
        return;
    for (PieceWord& word : words)
        word.add(Piece{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

// Every word followed by every alternative, in bash's order; refuses past the limits. A single
// alternative is appended in place, so a word of many groups is built without copies.
void Expander::product(std::vector<PieceWord>& words, const std::vector<PieceWord>& tack) {
    if (tack.empty() || words.size() > m_limits.max_words / tack.size()) {
        m_too_big = m_too_big || !tack.empty();
        return;
    }
    size_t word_cost = 0;
    size_t tack_cost = 0;
    for (const PieceWord& word : words)
        word_cost += word.cost();
    for (const PieceWord& alternative : tack)
        tack_cost += alternative.cost();
    if (word_cost * tack.size() + tack_cost * words.size() > m_limits.max_bytes) {
        m_too_big = true;
        return;
    }
    if (tack.size() == 1) {
        for (PieceWord& word : words) {
            for (const Piece& piece : tack[0].pieces)
                word.add(piece);
        }
        return;
    }
    std::vector<PieceWord> combined;
    combined.reserve(words.size() * tack.size());
    for (const PieceWord& word : words) {
        for (const PieceWord& alternative : tack) {
            PieceWord& joined = combined.emplace_back(word);
            for (const Piece& piece : alternative.pieces)
                joined.add(piece);
        }
    }
    words = std::move(combined);
}

// Back to segments: runs of cells from the same kind of segment merge; opaque ones stay whole.
BraceWord Expander::to_word(const PieceWord& pieces) const {
    BraceWord word;
    auto add_text = [&](std::string_view text, bool quoted) {
        if (!word.empty() && !word.back().opaque && word.back().quoted == quoted)
            word.back().text += text;
        else
            word.push_back(BraceSegment{std::string(text), quoted, std::nullopt});
    };
    for (const Piece& piece : pieces.pieces) {
        for (uint32_t i = piece.begin; i < piece.end; ++i) {
            const Cell& cell = m_cells[i];
            if (cell.kind == CellKind::opaque)
                word.push_back(m_word[cell.segment]);
            else if (cell.kind == CellKind::empty_quoted)
                add_text({}, true);
            else
                add_text(std::string_view(&cell.c, 1), cell.kind == CellKind::quoted);
        }
    }
    return word;
}

}  // namespace

bool may_have_braces(const BraceWord& word) {
    for (const BraceSegment& segment : word) {
        if (!segment.opaque && !segment.quoted && segment.text.find('{') != std::string::npos)
            return true;
    }
    return false;
}

std::optional<std::vector<BraceWord>> expand_braces(const BraceWord& word, const BraceLimits& limits) {
    if (!may_have_braces(word))
        return std::vector<BraceWord>{word};
    Expander expander(word, limits);
    std::optional<std::vector<PieceWord>> pieces = expander.expand();
    if (!pieces)
        return std::nullopt;
    std::vector<BraceWord> words;
    words.reserve(pieces->size());
    for (const PieceWord& piece : *pieces)
        words.push_back(expander.to_word(piece));
    return words;
}

}  // namespace sh
