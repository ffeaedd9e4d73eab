// dfa.h — a lazily built DFA over a Program: states are sets of NFA positions (plus the context
// of the previous byte, for assertions), created on first use and cached with their transitions
// over byte classes. Three uses: does the text match anywhere (unanchored), where is the longest
// match starting here (anchored), and which lines of a buffer match (line mode: the end-of-line
// byte ends the text and starts a new one). Back references can't be run by a DFA; they are
// treated as "any text", which keeps the DFA's "no" reliable.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "lib/regex/program.h"

namespace toolbox::regex_detail {

class Dfa final {
public:
    enum class Mode { unanchored, anchored, lines };
    Dfa(const Program& program, Mode mode, unsigned char eol = '\n');

    // Unanchored/lines: whether a match ends anywhere in text (lines: in any line).
    // For lines, returns the offset just past where the first match was found, or npos.
    bool any_match(std::string_view text, Context before, bool not_eol);
    std::size_t first_match_in_lines(std::string_view text);
    // Anchored at `start`: the end of the longest match beginning there, or -1.
    std::ptrdiff_t longest_match(std::string_view text, std::size_t start, Context before, bool not_eol);

private:
    // A transition: (target state's row offset << 1) | matched-before-this-byte; -1 unknown.
    using Transition = std::int32_t;
    static constexpr Transition k_unknown = -1;

    struct State {
        std::vector<std::uint32_t> pcs;
        Context context;
        signed char match_at_end[2]{-1, -1};  // [not_eol]
    };

    int state_for(std::vector<std::uint32_t>& pcs, Context context);
    Transition compute(int state, int byte_class, unsigned char byte);
    bool closure(const std::vector<std::uint32_t>& pcs, Context before, Context after,
                 std::vector<std::uint32_t>& out);
    bool matches_at_end(int state, bool not_eol);
    int start_state(Context before);

    const Program& m_prog;
    Mode m_mode;
    unsigned char m_eol;
    std::uint8_t m_class[256]{};
    int m_classes{0};
    int m_stride{0};
    std::vector<State> m_states;
    std::map<std::vector<std::uint32_t>, int> m_index;
    std::vector<Transition> m_table;
    int m_start[ctx_count];
    // Scratch for closure().
    std::vector<std::uint32_t> m_stack;
    std::vector<std::uint32_t> m_seen;
    std::uint32_t m_generation{0};
};

}  // namespace toolbox::regex_detail
