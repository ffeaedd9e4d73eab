// backtrack.h — the backtracking matcher: capture groups and back references. It follows the
// program's priorities (first alternative first, loops greedy), which is how glibc picks
// submatches once it knows the overall match: so callers fix the overall span [start, end]
// (found by the DFA) and ask for the first path that ends exactly there. With back references
// there is no DFA answer, so it searches for the longest end itself, within a step budget.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "lib/regex/program.h"

namespace toolbox::regex_detail {

struct BacktrackInput {
    std::string_view text;
    std::size_t start{0};
    Context text_start{ctx_text_start};  // the context before text[0]
    bool not_eol{false};
};

// Captures of the first path from `input.start` ending at `end`; false if none was found.
// With end == -1: the path reaching the longest end (back references); false if no match.
// `budget` is the number of steps left for the whole search (every start position shares it);
// when it runs out the answer is "no match", as GNU's regex gives up on exponential patterns.
bool backtrack(const Program& program, const BacktrackInput& input, std::ptrdiff_t end,
               std::vector<std::ptrdiff_t>& slots, std::uint64_t& budget);

}  // namespace toolbox::regex_detail
