// diff's analysis: which lines changed. Users compare our output with GNU diff's, so among the
// many shortest edit scripts this picks the one GNU picks, by taking the same steps: identical
// leading and trailing lines are set aside (keeping `context` of them for shifting), lines with no
// match on the other side are discarded before the search (and very frequent ones, when they sit
// among discarded lines), Myers' O(ND) search runs forward and backward at once to split the
// problem at the middle snake (linear space; past a cost limit it settles for a good split), and
// finally each run of changes is slid as far down as it goes, or back to line up with a run of
// changes on the other side.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "diff.h"

namespace toolbox::diff {

namespace {

// The text a line is compared by, after -i -b -w -Z -E.
std::string comparison_key(std::string_view line, const Options& options) {
    std::string key;
    key.reserve(line.size());
    bool pending_space = false;
    size_t column = 0;
    for (char c : line) {
        bool space = c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
        if (space && options.ignore_all_space)
            continue;
        if (space && options.ignore_space_change) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            key += ' ';
            pending_space = false;
        }
        if (c == '\t' && options.ignore_tab_expansion) {
            do {
                key += ' ';
            } while (++column % 8 != 0);
            continue;
        }
        key += options.ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        ++column;
    }
    if (options.ignore_trailing_space && !options.ignore_space_change) {
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t' || key.back() == '\r' ||
                                key.back() == '\v' || key.back() == '\f'))
            key.pop_back();
    }
    return key;
}

bool ignores_white_space(const Options& options) {
    return options.ignore_all_space || options.ignore_space_change || options.ignore_trailing_space;
}

// Numbers each line by its class of equal lines, over both sides' body lines.
void classify(const Side& a, const Side& b, long prefix, long body0, long body1, const Options& options,
              std::vector<long>& classes0, std::vector<long>& classes1) {
    std::unordered_map<std::string_view, long> numbers;
    std::deque<std::string> keys;  // storage for keys that are not the lines themselves
    bool plain = !options.ignore_case && !ignores_white_space(options) && !options.ignore_tab_expansion;
    auto number = [&](const Side& side, long index) {
        std::string_view key = side.lines[index];
        // An unterminated last line differs from the same text with a newline, unless white
        // space is being ignored.
        bool unterminated = side.missing_newline && index + 1 == static_cast<long>(side.lines.size()) &&
                            !ignores_white_space(options);
        if (!plain || unterminated) {
            keys.push_back(plain ? std::string(key) : comparison_key(key, options));
            if (unterminated)
                keys.back() += '\n';
            key = keys.back();
        }
        auto [it, added] = numbers.try_emplace(key, static_cast<long>(numbers.size()));
        return it->second;
    };
    numbers.reserve(static_cast<size_t>(body0 + body1));
    classes0.resize(body0);
    classes1.resize(body1);
    for (long i = 0; i < body0; ++i)
        classes0[i] = number(a, prefix + i);
    for (long i = 0; i < body1; ++i)
        classes1[i] = number(b, prefix + i);
}

bool same_line(const Side& a, long i, const Side& b, long j) {
    if (a.lines[i] != b.lines[j])
        return false;
    bool last_a = a.missing_newline && i + 1 == static_cast<long>(a.lines.size());
    bool last_b = b.missing_newline && j + 1 == static_cast<long>(b.lines.size());
    return last_a == last_b;
}

// The middle of an edit path, where the search splits the problem in two.
struct Split {
    long x{0};
    long y{0};
    bool low_minimal{false};
    bool high_minimal{false};
};

class Search {
public:
    Search(const std::vector<long>& x, const std::vector<long>& y, std::vector<char>& changed_x,
           std::vector<char>& changed_y, const std::vector<long>& real_x, const std::vector<long>& real_y)
        : m_x(x), m_y(y), m_changed_x(changed_x), m_changed_y(changed_y), m_real_x(real_x), m_real_y(real_y) {
        long diagonals = static_cast<long>(x.size() + y.size()) + 3;
        m_forward.assign(static_cast<size_t>(diagonals), 0);
        m_backward.assign(static_cast<size_t>(diagonals), 0);
        m_offset = static_cast<long>(y.size()) + 1;
        m_too_expensive = 1;
        for (long d = diagonals; d != 0; d >>= 2)
            m_too_expensive <<= 1;
        m_too_expensive = std::max(4096L, m_too_expensive);
    }

    void compare(long xoff, long xlim, long yoff, long ylim, bool minimal);

private:
    long& fd(long d) { return m_forward[static_cast<size_t>(d + m_offset)]; }
    long& bd(long d) { return m_backward[static_cast<size_t>(d + m_offset)]; }
    Split middle(long xoff, long xlim, long yoff, long ylim, bool minimal);
    Split give_up(long xoff, long xlim, long yoff, long ylim, long fmin, long fmax, long bmin, long bmax);

    const std::vector<long>& m_x;
    const std::vector<long>& m_y;
    std::vector<char>& m_changed_x;
    std::vector<char>& m_changed_y;
    const std::vector<long>& m_real_x;
    const std::vector<long>& m_real_y;
    std::vector<long> m_forward;
    std::vector<long> m_backward;
    long m_offset{0};
    long m_too_expensive{4096};
};

void Search::compare(long xoff, long xlim, long yoff, long ylim, bool minimal) {
    while (xoff < xlim && yoff < ylim && m_x[xoff] == m_y[yoff]) {
        ++xoff;
        ++yoff;
    }
    while (xoff < xlim && yoff < ylim && m_x[xlim - 1] == m_y[ylim - 1]) {
        --xlim;
        --ylim;
    }
    if (xoff == xlim) {
        for (; yoff < ylim; ++yoff)
            m_changed_y[m_real_y[yoff] + 1] = 1;
    } else if (yoff == ylim) {
        for (; xoff < xlim; ++xoff)
            m_changed_x[m_real_x[xoff] + 1] = 1;
    } else {
        Split split = middle(xoff, xlim, yoff, ylim, minimal);
        compare(xoff, split.x, yoff, split.y, split.low_minimal);
        compare(split.x, xlim, split.y, ylim, split.high_minimal);
    }
}

// Myers' search from both corners at once; returns where the two frontiers meet.
Split Search::middle(long xoff, long xlim, long yoff, long ylim, bool minimal) {
    const long dmin = xoff - ylim;
    const long dmax = xlim - yoff;
    const long fmid = xoff - yoff;
    const long bmid = xlim - ylim;
    long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const bool odd = ((fmid - bmid) & 1) != 0;
    fd(fmid) = xoff;
    bd(bmid) = xlim;
    for (long cost = 1;; ++cost) {
        if (fmin > dmin)
            fd(--fmin - 1) = -1;
        else
            ++fmin;
        if (fmax < dmax)
            fd(++fmax + 1) = -1;
        else
            --fmax;
        for (long d = fmax; d >= fmin; d -= 2) {
            long low = fd(d - 1), high = fd(d + 1);
            long x = low < high ? high : low + 1;
            long y = x - d;
            while (x < xlim && y < ylim && m_x[x] == m_y[y]) {
                ++x;
                ++y;
            }
            fd(d) = x;
            if (odd && bmin <= d && d <= bmax && bd(d) <= x)
                return {x, y, true, true};
        }
        if (bmin > dmin)
            bd(--bmin - 1) = LONG_MAX;
        else
            ++bmin;
        if (bmax < dmax)
            bd(++bmax + 1) = LONG_MAX;
        else
            --bmax;
        for (long d = bmax; d >= bmin; d -= 2) {
            long low = bd(d - 1), high = bd(d + 1);
            long x = low < high ? low : high - 1;
            long y = x - d;
            while (xoff < x && yoff < y && m_x[x - 1] == m_y[y - 1]) {
                --x;
                --y;
            }
            bd(d) = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd(d))
                return {x, y, true, true};
        }
        if (!minimal && cost >= m_too_expensive)
            return give_up(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax);
    }
}

// Too costly to finish exactly: split at whichever frontier got furthest.
Split Search::give_up(long xoff, long xlim, long yoff, long ylim, long fmin, long fmax, long bmin, long bmax) {
    long forward_sum = -1, forward_x = 0;
    for (long d = fmax; d >= fmin; d -= 2) {
        long x = std::min(fd(d), xlim);
        long y = x - d;
        if (ylim < y) {
            x = ylim + d;
            y = ylim;
        }
        if (forward_sum < x + y) {
            forward_sum = x + y;
            forward_x = x;
        }
    }
    long backward_sum = LONG_MAX, backward_x = 0;
    for (long d = bmax; d >= bmin; d -= 2) {
        long x = std::max(xoff, bd(d));
        long y = x - d;
        if (y < yoff) {
            x = yoff + d;
            y = yoff;
        }
        if (x + y < backward_sum) {
            backward_sum = x + y;
            backward_x = x;
        }
    }
    if ((xlim + ylim) - backward_sum < forward_sum - (xoff + yoff))
        return {forward_x, forward_sum - forward_x, true, false};
    return {backward_x, backward_sum - backward_x, false, true};
}

// Provisional discards (2) stand only inside a run of definite ones (1), and not near its ends.
void settle_provisional(std::vector<char>& discards) {
    long end = static_cast<long>(discards.size());
    for (long i = 0; i < end; ++i) {
        if (discards[i] == 2) {
            discards[i] = 0;
            continue;
        }
        if (discards[i] == 0)
            continue;
        long j = i, provisional = 0;
        for (; j < end && discards[j] != 0; ++j)
            if (discards[j] == 2)
                ++provisional;
        while (j > i && discards[j - 1] == 2) {
            discards[--j] = 0;
            --provisional;
        }
        long length = j - i;
        if (provisional * 4 > length) {
            while (j > i)
                if (discards[--j] == 2)
                    discards[j] = 0;
            continue;
        }
        long minimum = 1;
        for (long tem = length >> 2; (tem >>= 2) > 0;)
            minimum <<= 1;
        ++minimum;
        for (long k = 0, consecutive = 0; k < length; ++k) {
            if (discards[i + k] != 2)
                consecutive = 0;
            else if (minimum == ++consecutive)
                k -= consecutive;
            else if (minimum < consecutive)
                discards[i + k] = 0;
        }
        for (long k = 0, consecutive = 0; k < length; ++k) {
            if (k >= 8 && discards[i + k] == 1)
                break;
            if (discards[i + k] == 2) {
                consecutive = 0;
                discards[i + k] = 0;
            } else if (discards[i + k] == 0) {
                consecutive = 0;
            } else {
                ++consecutive;
            }
            if (consecutive == 3)
                break;
        }
        i += length - 1;
        for (long k = 0, consecutive = 0; k < length; ++k) {
            if (k >= 8 && discards[i - k] == 1)
                break;
            if (discards[i - k] == 2) {
                consecutive = 0;
                discards[i - k] = 0;
            } else if (discards[i - k] == 0) {
                consecutive = 0;
            } else {
                ++consecutive;
            }
            if (consecutive == 3)
                break;
        }
    }
}

// Marks lines that cannot (or had better not) match as changed; the rest go to the search.
void discard_confusing(const std::vector<long> classes[2], long class_count, std::vector<char> changed[2],
                       std::vector<long> kept[2], std::vector<long> real[2]) {
    std::vector<long> counts[2];
    for (int f = 0; f < 2; ++f) {
        counts[f].assign(static_cast<size_t>(class_count), 0);
        for (long c : classes[f])
            ++counts[f][c];
    }
    for (int f = 0; f < 2; ++f) {
        long end = static_cast<long>(classes[f].size());
        long many = 5;
        for (long tem = end / 64; (tem = tem >> 2) > 0;)
            many *= 2;
        std::vector<char> discards(static_cast<size_t>(end), 0);
        for (long i = 0; i < end; ++i) {
            long matches = counts[1 - f][classes[f][i]];
            discards[i] = matches == 0 ? 1 : matches > many ? 2 : 0;
        }
        settle_provisional(discards);
        for (long i = 0; i < end; ++i) {
            if (discards[i] != 0) {
                changed[f][i + 1] = 1;
            } else {
                kept[f].push_back(classes[f][i]);
                real[f].push_back(i);
            }
        }
    }
}

// Slides each run of changes down as far as equal lines allow, merging runs it meets, then back
// to end where a run of changes on the other side ends, if it passed one.
void shift_boundaries(std::vector<char> changed[2], const std::vector<long> classes[2]) {
    for (int f = 0; f < 2; ++f) {
        char* mine = changed[f].data() + 1;
        const char* other = changed[1 - f].data() + 1;
        const std::vector<long>& equal = classes[f];
        long end = static_cast<long>(equal.size());
        long i = 0, j = 0;
        while (true) {
            while (i < end && !mine[i]) {
                while (other[j++])
                    continue;
                ++i;
            }
            if (i == end)
                break;
            long start = i;
            while (mine[++i])
                continue;
            while (other[j])
                ++j;
            long run_length = 0, corresponding = 0;
            do {
                run_length = i - start;
                while (start != 0 && equal[start - 1] == equal[i - 1]) {
                    mine[--start] = 1;
                    mine[--i] = 0;
                    while (mine[start - 1])
                        --start;
                    while (other[--j])
                        continue;
                }
                corresponding = other[j - 1] ? i : end;
                while (i != end && equal[start] == equal[i]) {
                    mine[start++] = 0;
                    mine[i++] = 1;
                    while (mine[i])
                        ++i;
                    while (other[++j])
                        corresponding = i;
                }
            } while (run_length != i - start);
            while (corresponding < i) {
                mine[--start] = 1;
                mine[--i] = 0;
                while (other[--j])
                    continue;
            }
        }
    }
}

}  // namespace

std::vector<Change> compare_lines(const Side& a, const Side& b, const Options& options) {
    long n0 = static_cast<long>(a.lines.size()), n1 = static_cast<long>(b.lines.size());
    long horizon = options.context > 0 ? options.context : 0;
    long common = 0;
    while (common < n0 && common < n1 && same_line(a, common, b, common))
        ++common;
    long prefix = std::max(0L, common - horizon);
    long tail = 0;
    while (tail < n0 - prefix && tail < n1 - prefix && same_line(a, n0 - 1 - tail, b, n1 - 1 - tail))
        ++tail;
    long suffix = std::max(0L, tail - horizon);
    long body0 = n0 - prefix - suffix, body1 = n1 - prefix - suffix;

    std::vector<long> classes[2];
    classify(a, b, prefix, body0, body1, options, classes[0], classes[1]);
    long class_count = 0;
    for (const auto& list : classes)
        for (long c : list)
            class_count = std::max(class_count, c + 1);
    // Flags with a zero sentinel at both ends: changed[f][i + 1] is body line i.
    std::vector<char> changed[2] = {std::vector<char>(static_cast<size_t>(body0) + 2, 0),
                                    std::vector<char>(static_cast<size_t>(body1) + 2, 0)};
    std::vector<long> kept[2], real[2];
    discard_confusing(classes, class_count, changed, kept, real);
    Search search(kept[0], kept[1], changed[0], changed[1], real[0], real[1]);
    search.compare(0, static_cast<long>(kept[0].size()), 0, static_cast<long>(kept[1].size()), options.minimal);
    shift_boundaries(changed, classes);

    std::vector<Change> changes;
    long i = 0, j = 0;
    const char* c0 = changed[0].data() + 1;
    const char* c1 = changed[1].data() + 1;
    while (i < body0 || j < body1) {
        if ((i < body0 && c0[i]) || (j < body1 && c1[j])) {
            Change change{prefix + i, 0, prefix + j, 0};
            while (i < body0 && c0[i])
                ++i, ++change.deleted;
            while (j < body1 && c1[j])
                ++j, ++change.inserted;
            changes.push_back(change);
        } else {
            ++i;
            ++j;
        }
    }
    return changes;
}

bool change_is_blank(const Side& a, const Side& b, const Change& change, const Options& options) {
    bool spaces_count = ignores_white_space(options);
    auto blank = [&](std::string_view line) {
        if (!spaces_count)
            return line.empty();
        for (char c : line)
            if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f')
                return false;
        return true;
    };
    for (long k = 0; k < change.deleted; ++k)
        if (!blank(a.lines[change.line0 + k]))
            return false;
    for (long k = 0; k < change.inserted; ++k)
        if (!blank(b.lines[change.line1 + k]))
            return false;
    return true;
}

}  // namespace toolbox::diff
