// pattern_engine.h — runs a compiled pattern over a text as sets of positions: after each node,
// the set of places the match can have reached. Nothing backtracks, so the cost is bounded by
// pattern size × text size (plus, for extglob groups, a memo of where each group can end from each
// start). Internal to pattern*.cpp.
// Thread safety: an Engine is scratch state for one caller.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sh/lang/pattern_program.h"

namespace sh::pattern_detail {

// A set of text positions inside the window [first, last].
class PositionSet {
public:
    PositionSet(size_t first, size_t last);

    size_t first() const { return m_first; }
    size_t last() const { return m_last; }
    bool contains(size_t position) const;
    bool empty() const;
    std::optional<size_t> lowest() const;
    std::optional<size_t> highest() const;
    // The smallest position above `position`, if any.
    std::optional<size_t> next_after(size_t position) const;

    // Positions outside the window are ignored.
    void insert(size_t position);
    void insert_range(size_t from, size_t to);
    void merge(const PositionSet& other);
    // Preconditions: `other` has the same window.
    void subtract(const PositionSet& other);

    // The same positions in the smallest window that holds them.
    PositionSet compacted() const;

    template <class Visit>
    void for_each(Visit&& visit) const {
        for (size_t word = 0; word < m_words.size(); ++word) {
            for (uint64_t bits = m_words[word]; bits != 0; bits &= bits - 1)
                visit(m_first + word * 64 + static_cast<size_t>(std::countr_zero(bits)));
        }
    }
    template <class Visit>
    void for_each_descending(Visit&& visit) const {
        for (size_t word = m_words.size(); word-- > 0;) {
            for (uint64_t bits = m_words[word]; bits != 0;) {
                size_t bit = 63 - static_cast<size_t>(std::countl_zero(bits));
                bits &= ~(uint64_t{1} << bit);
                visit(m_first + word * 64 + bit);
            }
        }
    }

private:
    size_t m_first;
    size_t m_last;
    std::vector<uint64_t> m_words;
};

class Engine {
public:
    // `units` is the text, read backwards (with the reversed sequences) when `reversed`.
    Engine(const Program& program, const std::vector<Unit>& units, bool reversed);

    // Where the whole pattern can end when started at any position of `starts` (ends stay within
    // its window).
    PositionSet run(const PositionSet& starts);
    // The last position a match from `start` can reach.
    size_t window_end(size_t start) const;
    size_t length() const { return m_units.size(); }

private:
    PositionSet run_sequence(uint32_t index, PositionSet current);
    PositionSet step(const Node& node, const PositionSet& current);
    PositionSet alternatives(const Group& group, const PositionSet& starts, size_t last);
    std::shared_ptr<const PositionSet> group_ends(uint32_t index, size_t start);
    std::shared_ptr<const PositionSet> memoized(uint32_t index, size_t start) const;
    PositionSet repeat(uint32_t index, size_t start, size_t last);
    // Pathname matching without dotglob: wildcards never take a leading '.'.
    bool leading_dot_at(size_t position) const;

    const Program& m_program;
    const std::vector<Unit>& m_units;
    const std::vector<Sequence>& m_sequences;
    bool m_leading_dot_rule;
    std::unordered_map<uint64_t, std::shared_ptr<const PositionSet>> m_memo;
    size_t m_memo_words{0};
};

}  // namespace sh::pattern_detail
