// dfa.cpp — the lazy DFA (see dfa.h). A state is the set of NFA positions reached after a byte,
// before the epsilon closure: the closure depends on the *next* byte too (for $, \b, \>), so it
// is taken when a transition is computed, with both neighbours known. Bytes that no set, word
// test or line end tells apart share a class, so tables stay small.
#include "lib/regex/dfa.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace toolbox::regex_detail {

namespace {
constexpr std::size_t k_max_states = 3000;
constexpr std::uint32_t k_context_tag = 0x80000000u;
}  // namespace

Dfa::Dfa(const Program& program, Mode mode, unsigned char eol) : m_prog(program), m_mode(mode), m_eol(eol) {
    // Refine the partition of the 256 bytes by every distinction the program can make.
    auto refine = [&](auto&& in) {
        std::map<std::pair<int, bool>, int> renumber;
        for (int c = 0; c < 256; ++c) {
            auto key = std::make_pair(static_cast<int>(m_class[c]), static_cast<bool>(in(c)));
            auto [it, added] = renumber.emplace(key, static_cast<int>(renumber.size()));
            m_class[c] = static_cast<std::uint8_t>(it->second);
        }
        m_classes = static_cast<int>(renumber.size());
    };
    refine([](int c) { return is_word_byte(static_cast<unsigned char>(c)); });
    refine([](int c) { return c == '\n'; });
    if (mode == Mode::lines) refine([eol](int c) { return c == eol; });
    for (const auto& set : program.sets) refine([&set](int c) { return set.test(static_cast<unsigned char>(c)); });
    m_stride = m_classes;
    m_seen.assign(program.insts.size(), 0);
    std::fill(std::begin(m_start), std::end(m_start), -1);
    std::vector<std::uint32_t> dead;
    state_for(dead, ctx_other);  // state 0: no positions left (anchored mode stops there)
}

int Dfa::state_for(std::vector<std::uint32_t>& pcs, Context context) {
    std::sort(pcs.begin(), pcs.end());
    pcs.erase(std::unique(pcs.begin(), pcs.end()), pcs.end());
    if (pcs.empty()) context = ctx_other;
    pcs.push_back(k_context_tag | context);
    auto found = m_index.find(pcs);
    if (found != m_index.end()) {
        pcs.pop_back();
        return found->second;
    }
    int id = static_cast<int>(m_states.size());
    m_index.emplace(pcs, id);
    pcs.pop_back();
    m_states.push_back(State{pcs, context, {-1, -1}});
    m_table.resize(m_table.size() + static_cast<std::size_t>(m_stride), k_unknown);
    if (id == 0) {
        // The dead state loops on itself without matching.
        for (int k = 0; k < m_stride; ++k) m_table[static_cast<std::size_t>(k)] = 0;
        m_states[0].match_at_end[0] = m_states[0].match_at_end[1] = 0;
    }
    return id;
}

int Dfa::start_state(Context before) {
    if (m_start[before] < 0) {
        std::vector<std::uint32_t> pcs{0};
        m_start[before] = state_for(pcs, before);
    }
    return m_start[before];
}

bool Dfa::closure(const std::vector<std::uint32_t>& pcs, Context before, Context after,
                  std::vector<std::uint32_t>& out) {
    if (++m_generation == 0) {
        std::fill(m_seen.begin(), m_seen.end(), 0);
        m_generation = 1;
    }
    bool matched = false;
    m_stack.assign(pcs.rbegin(), pcs.rend());
    while (!m_stack.empty()) {
        std::uint32_t pc = m_stack.back();
        m_stack.pop_back();
        if (m_seen[pc] == m_generation) continue;
        m_seen[pc] = m_generation;
        const Inst& inst = m_prog.insts[pc];
        switch (inst.op) {
            case Op::byte_set: out.push_back(pc); break;
            case Op::backref:
                out.push_back(pc);  // "any text": it may consume bytes, or nothing
                m_stack.push_back(pc + 1);
                break;
            case Op::split:
                m_stack.push_back(inst.y);
                m_stack.push_back(inst.x);
                break;
            case Op::jump: m_stack.push_back(inst.x); break;
            case Op::save:
            case Op::loop_init:
            case Op::loop_start: m_stack.push_back(pc + 1); break;
            case Op::loop_check:
                m_stack.push_back(inst.y);
                m_stack.push_back(inst.z);
                break;
            case Op::assertion:
                if (assertion_holds(static_cast<Assertion>(inst.x), before, after, m_prog.multiline))
                    m_stack.push_back(pc + 1);
                break;
            case Op::match: matched = true; break;
        }
    }
    return matched;
}

Dfa::Transition Dfa::compute(int state, int byte_class, unsigned char byte) {
    if (m_states.size() > k_max_states) {
        // Start over with only the state we are in (and the dead state).
        State keep = m_states[static_cast<std::size_t>(state)];
        m_states.clear();
        m_index.clear();
        m_table.clear();
        std::fill(std::begin(m_start), std::end(m_start), -1);
        std::vector<std::uint32_t> dead;
        state_for(dead, ctx_other);
        state = state_for(keep.pcs, keep.context);
    }
    State current = m_states[static_cast<std::size_t>(state)];
    bool end_of_line = m_mode == Mode::lines && byte == m_eol;
    Context after = end_of_line ? ctx_text_end : byte_context(byte);
    std::vector<std::uint32_t> closed;
    bool matched = !current.pcs.empty() && closure(current.pcs, current.context, after, closed);
    int target = 0;
    if (end_of_line) {
        target = start_state(ctx_text_start);
    } else if (state != 0 || m_mode != Mode::anchored) {
        std::vector<std::uint32_t> next;
        for (auto pc : closed) {
            const Inst& inst = m_prog.insts[pc];
            if (inst.op == Op::backref) next.push_back(pc);
            else if (m_prog.sets[inst.x].test(byte)) next.push_back(pc + 1);
        }
        if (m_mode != Mode::anchored) next.push_back(0);
        target = state_for(next, after);
    }
    Transition t = static_cast<Transition>((target * m_stride) << 1) | (matched ? 1 : 0);
    m_table[static_cast<std::size_t>(state * m_stride + byte_class)] = t;
    return t;
}

bool Dfa::matches_at_end(int state, bool not_eol) {
    State& s = m_states[static_cast<std::size_t>(state)];
    if (s.match_at_end[not_eol] < 0) {
        std::vector<std::uint32_t> closed;
        std::vector<std::uint32_t> pcs = s.pcs;
        Context context = s.context;
        bool matched = !pcs.empty() && closure(pcs, context, not_eol ? ctx_text_end_noeol : ctx_text_end, closed);
        m_states[static_cast<std::size_t>(state)].match_at_end[not_eol] = matched ? 1 : 0;
    }
    return m_states[static_cast<std::size_t>(state)].match_at_end[not_eol] == 1;
}

bool Dfa::any_match(std::string_view text, Context before, bool not_eol) {
    int row = start_state(before) * m_stride;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    const Transition* table = m_table.data();
    for (; p < end; ++p) {
        Transition t = table[row + m_class[*p]];
        if (t < 0) {
            t = compute(row / m_stride, m_class[*p], *p);
            table = m_table.data();
        }
        if (t & 1) return true;
        row = t >> 1;
    }
    return matches_at_end(row / m_stride, not_eol);
}

std::size_t Dfa::first_match_in_lines(std::string_view text) {
    int row = start_state(ctx_text_start) * m_stride;
    const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* p = begin;
    const auto* end = p + text.size();
    const Transition* table = m_table.data();
    for (; p < end; ++p) {
        Transition t = table[row + m_class[*p]];
        if (t < 0) {
            t = compute(row / m_stride, m_class[*p], *p);
            table = m_table.data();
        }
        if (t & 1) return static_cast<std::size_t>(p - begin);
        row = t >> 1;
    }
    if (!text.empty() && static_cast<unsigned char>(text.back()) != m_eol && matches_at_end(row / m_stride, false))
        return text.size();
    return std::string_view::npos;
}

std::ptrdiff_t Dfa::longest_match(std::string_view text, std::size_t start, Context before, bool not_eol) {
    int row = start_state(before) * m_stride;
    std::ptrdiff_t last = -1;
    const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
    const Transition* table = m_table.data();
    for (std::size_t i = start; i < text.size(); ++i) {
        unsigned char c = begin[i];
        Transition t = table[row + m_class[c]];
        if (t < 0) {
            t = compute(row / m_stride, m_class[c], c);
            table = m_table.data();
        }
        if (t & 1) last = static_cast<std::ptrdiff_t>(i);
        row = t >> 1;
        if (row == 0) return last;
    }
    if (matches_at_end(row / m_stride, not_eol)) last = static_cast<std::ptrdiff_t>(text.size());
    return last;
}

}  // namespace toolbox::regex_detail
