// pattern_engine.cpp — the position-set simulation of a compiled pattern (see pattern_engine.h).
#include "sh/lang/pattern_engine.h"

#include <algorithm>

namespace sh::pattern_detail {
namespace {

// The group memo holds at most this many 64-bit words (32 MB); past it, it starts over.
constexpr size_t k_memo_budget_words = size_t{1} << 22;

size_t word_count(size_t first, size_t last) {
    return (last - first) / 64 + 1;
}

}  // namespace

PositionSet::PositionSet(size_t first, size_t last)
    : m_first(first), m_last(std::max(first, last)), m_words(word_count(first, m_last), 0) {}

bool PositionSet::contains(size_t position) const {
    if (position < m_first || position > m_last)
        return false;
    size_t offset = position - m_first;
    return (m_words[offset / 64] >> (offset % 64)) & 1;
}

bool PositionSet::empty() const {
    return std::all_of(m_words.begin(), m_words.end(), [](uint64_t word) { return word == 0; });
}

std::optional<size_t> PositionSet::lowest() const {
    for (size_t word = 0; word < m_words.size(); ++word) {
        if (m_words[word] != 0)
            return m_first + word * 64 + static_cast<size_t>(std::countr_zero(m_words[word]));
    }
    return std::nullopt;
}

std::optional<size_t> PositionSet::highest() const {
    for (size_t word = m_words.size(); word-- > 0;) {
        if (m_words[word] != 0)
            return m_first + word * 64 + 63 - static_cast<size_t>(std::countl_zero(m_words[word]));
    }
    return std::nullopt;
}

std::optional<size_t> PositionSet::next_after(size_t position) const {
    if (position >= m_last)
        return std::nullopt;
    size_t offset = position < m_first ? 0 : position - m_first + 1;
    for (size_t word = offset / 64; word < m_words.size(); ++word) {
        uint64_t bits = m_words[word];
        if (word == offset / 64)
            bits &= ~uint64_t{0} << (offset % 64);
        if (bits != 0)
            return m_first + word * 64 + static_cast<size_t>(std::countr_zero(bits));
    }
    return std::nullopt;
}

void PositionSet::insert(size_t position) {
    if (position < m_first || position > m_last)
        return;
    size_t offset = position - m_first;
    m_words[offset / 64] |= uint64_t{1} << (offset % 64);
}

void PositionSet::insert_range(size_t from, size_t to) {
    from = std::max(from, m_first);
    to = std::min(to, m_last);
    if (from > to)
        return;
    size_t begin = from - m_first;
    size_t end = to - m_first;  // inclusive
    for (size_t word = begin / 64; word <= end / 64; ++word) {
        uint64_t bits = ~uint64_t{0};
        if (word == begin / 64)
            bits &= ~uint64_t{0} << (begin % 64);
        if (word == end / 64 && end % 64 != 63)
            bits &= (uint64_t{1} << (end % 64 + 1)) - 1;
        m_words[word] |= bits;
    }
}

void PositionSet::merge(const PositionSet& other) {
    if (other.m_first == m_first && other.m_last == m_last) {
        for (size_t word = 0; word < m_words.size(); ++word)
            m_words[word] |= other.m_words[word];
        return;
    }
    other.for_each([&](size_t position) { insert(position); });
}

PositionSet PositionSet::compacted() const {
    std::optional<size_t> low = lowest();
    if (!low)
        return PositionSet(m_first, m_first);
    PositionSet out(*low, *highest());
    out.merge(*this);
    return out;
}

void PositionSet::subtract(const PositionSet& other) {
    for (size_t word = 0; word < m_words.size(); ++word)
        m_words[word] &= ~other.m_words[word];
}

Engine::Engine(const Program& program, const std::vector<Unit>& units, bool reversed)
    : m_program(program),
      m_units(units),
      m_sequences(reversed ? program.reversed : program.sequences),
      m_leading_dot_rule(program.options.leading_dot && !reversed) {}

size_t Engine::window_end(size_t start) const {
    size_t longest = m_sequences[0].max_length;
    if (longest == k_unbounded || longest >= length() - std::min(start, length()))
        return length();
    return start + longest;
}

PositionSet Engine::run(const PositionSet& starts) {
    return run_sequence(0, starts);
}

bool Engine::leading_dot_at(size_t position) const {
    return m_leading_dot_rule && position == 0 && !m_units.empty() && m_units[0] == '.';
}

PositionSet Engine::run_sequence(uint32_t index, PositionSet current) {
    for (const Node& node : m_sequences[index].nodes) {
        if (current.empty())
            break;
        current = step(node, current);
    }
    return current;
}

PositionSet Engine::step(const Node& node, const PositionSet& current) {
    PositionSet next(current.first(), current.last());
    switch (node.kind) {
        case NodeKind::star: {
            std::optional<size_t> from = current.lowest();
            if (from && leading_dot_at(*from))
                from = current.next_after(*from);
            if (from)
                next.insert_range(*from, current.last());
            break;
        }
        case NodeKind::group:
            // From the right, so that a repetition group finds the later starts already memoized.
            current.for_each_descending([&](size_t position) { next.merge(*group_ends(node.index, position)); });
            break;
        case NodeKind::never:
            break;
        default: {
            bool wildcard = node.kind != NodeKind::literal;
            current.for_each([&](size_t position) {
                if (position < length() && !(wildcard && leading_dot_at(position)) &&
                    m_program.unit_matches(node, m_units[position]))
                    next.insert(position + 1);
            });
            break;
        }
    }
    return next;
}

// Where any alternative ends, from any of `starts`, no further than `last`. The work is sized by
// the starts present and the alternatives' reach, not by the whole text.
PositionSet Engine::alternatives(const Group& group, const PositionSet& starts, size_t last) {
    std::optional<size_t> low = starts.lowest();
    if (!low)
        return PositionSet(starts.first(), starts.first());
    size_t high = *starts.highest();
    size_t reach = 0;
    for (uint32_t alternative : group.alternatives)
        reach = std::max(reach, m_sequences[alternative].max_length);
    size_t window_last = (reach == k_unbounded || reach >= last - high) ? last : high + reach;
    PositionSet from(*low, window_last);
    from.merge(starts);
    PositionSet ends(*low, window_last);
    for (uint32_t alternative : group.alternatives)
        ends.merge(run_sequence(alternative, from));
    return ends;
}

std::shared_ptr<const PositionSet> Engine::memoized(uint32_t index, size_t start) const {
    auto known = m_memo.find((uint64_t{index} << 32) | static_cast<uint32_t>(start));
    return known == m_memo.end() ? nullptr : known->second;
}

// Where group `index` can end when it starts at `start`; memoized, since a group is entered from
// many positions and, inside * and +, many times from the same one.
std::shared_ptr<const PositionSet> Engine::group_ends(uint32_t index, size_t start) {
    if (auto known = memoized(index, start))
        return known;
    const Group& group = m_program.groups[index];
    size_t last = group.max_length == k_unbounded ? length() : std::min(length(), start + group.max_length);
    PositionSet from(start, start);
    from.insert(start);
    PositionSet ends(start, last);
    switch (group.kind) {
        case GroupKind::exactly_one:
        case GroupKind::zero_or_one:
            ends.merge(alternatives(group, from, last));
            break;
        case GroupKind::one_or_more:
        case GroupKind::zero_or_more:
            ends = repeat(index, start, last);
            break;
        case GroupKind::none_of:
            // Every end the alternatives cannot reach; never across a leading dot that must be
            // matched explicitly.
            if (!leading_dot_at(start)) {
                PositionSet reached(start, last);
                reached.merge(alternatives(group, from, last));
                ends.insert_range(start, last);
                ends.subtract(reached);
            }
            break;
    }
    if (group.kind == GroupKind::zero_or_one || group.kind == GroupKind::zero_or_more)
        ends.insert(start);
    if (m_memo_words > k_memo_budget_words) {
        m_memo.clear();
        m_memo_words = 0;
    }
    auto shared = std::make_shared<const PositionSet>(ends.compacted());
    m_memo_words += word_count(shared->first(), shared->last());
    m_memo.emplace((uint64_t{index} << 32) | static_cast<uint32_t>(start), shared);
    return shared;
}

// One or more matches of the alternatives in a row: grows the set of reachable ends until no
// alternative reaches a new one. A position whose own ends are already memoized contributes them
// at once instead of being expanded again (so a long run of repetitions costs one pass, not one
// per start).
PositionSet Engine::repeat(uint32_t index, size_t start, size_t last) {
    const Group& group = m_program.groups[index];
    PositionSet reached(start, last);
    PositionSet frontier(start, start);
    frontier.insert(start);
    for (;;) {
        PositionSet fresh(start, last);
        fresh.merge(alternatives(group, frontier, last));
        fresh.subtract(reached);
        reached.merge(fresh);
        PositionSet expand(start, last);
        fresh.for_each([&](size_t position) {
            std::shared_ptr<const PositionSet> known = position != start ? memoized(index, position) : nullptr;
            if (known)
                reached.merge(*known);  // its repetitions from there (and, for *, itself)
            else
                expand.insert(position);
        });
        if (expand.empty())
            return reached;
        frontier = expand.compacted();
    }
}

}  // namespace sh::pattern_detail
