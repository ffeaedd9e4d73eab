// backtrack.cpp — see backtrack.h. An explicit stack of jobs (explore a position, or undo a
// capture or loop register on the way back), and a visited bitmap of (instruction, position)
// pairs when there are no back references: then a pair that failed once fails again, so the
// search is linear in program size times text length.
#include "lib/regex/backtrack.h"

#include <cstdint>

namespace toolbox::regex_detail {

namespace {

constexpr std::size_t k_max_memo_bits = std::size_t{64} << 20;

unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

class Backtracker {
public:
    Backtracker(const Program& program, const BacktrackInput& input, std::ptrdiff_t end, bool memo,
                std::uint64_t& budget)
        : m_prog(program), m_in(input), m_end(end), m_budget(budget), m_slots(2 * (program.groups + 1), -1),
          m_registers(program.loop_registers, -1), m_counts(program.loop_registers, 0) {
        if (memo) {
            m_width = input.text.size() - input.start + 1;
            m_visited.assign((program.insts.size() * m_width + 63) / 64, 0);
        }
    }

    bool run(std::vector<std::ptrdiff_t>& slots) {
        m_stack.push_back({Job::explore, 0, static_cast<std::ptrdiff_t>(m_in.start)});
        while (!m_stack.empty()) {
            Job job = m_stack.back();
            m_stack.pop_back();
            if (job.kind == Job::restore_slot) {
                m_slots[job.index] = job.value;
                continue;
            }
            if (job.kind == Job::restore_count) {
                m_counts[job.index] = job.value;
                continue;
            }
            if (job.kind == Job::restore_register) {
                m_registers[job.index] = job.value;
                continue;
            }
            if (explore(job.index, job.value)) {
                slots = m_slots;
                return true;
            }
            if (m_budget == 0) break;
        }
        if (m_best >= 0) {
            slots = m_best_slots;
            return true;
        }
        return false;
    }

private:
    struct Job {
        enum Kind : std::uint8_t { explore, restore_slot, restore_register, restore_count } kind;
        std::uint32_t index;
        std::ptrdiff_t value;
    };

    Context before(std::size_t pos) const {
        return pos == 0 ? m_in.text_start : byte_context(static_cast<unsigned char>(m_in.text[pos - 1]));
    }
    Context after(std::size_t pos) const {
        if (pos == m_in.text.size()) return m_in.not_eol ? ctx_text_end_noeol : ctx_text_end;
        return byte_context(static_cast<unsigned char>(m_in.text[pos]));
    }

    bool seen(std::uint32_t pc, std::size_t pos) {
        if (m_visited.empty()) return false;
        std::size_t bit = pc * m_width + (pos - m_in.start);
        std::uint64_t mask = std::uint64_t{1} << (bit & 63);
        if (m_visited[bit >> 6] & mask) return true;
        m_visited[bit >> 6] |= mask;
        return false;
    }

    bool backref_matches(std::uint32_t group, std::size_t& pos) const {
        std::ptrdiff_t b = m_slots[group * 2];
        std::ptrdiff_t e = m_slots[group * 2 + 1];
        if (b < 0 || e < b) return false;
        auto length = static_cast<std::size_t>(e - b);
        if (pos + length > m_in.text.size()) return false;
        for (std::size_t i = 0; i < length; ++i) {
            auto x = static_cast<unsigned char>(m_in.text[static_cast<std::size_t>(b) + i]);
            auto y = static_cast<unsigned char>(m_in.text[pos + i]);
            if (x != y && !(m_prog.ignore_case && fold(x) == fold(y))) return false;
        }
        pos += length;
        return true;
    }

    // Follows one path; true when it ends the search (a match at the wanted end).
    bool explore(std::uint32_t pc, std::ptrdiff_t position) {
        auto pos = static_cast<std::size_t>(position);
        const std::string_view text = m_in.text;
        while (true) {
            if (m_budget == 0) return false;
            --m_budget;
            if (seen(pc, pos)) return false;
            const Inst& inst = m_prog.insts[pc];
            switch (inst.op) {
                case Op::byte_set:
                    if (pos >= text.size() || !m_prog.sets[inst.x].test(static_cast<unsigned char>(text[pos])))
                        return false;
                    ++pc, ++pos;
                    break;
                case Op::split:
                    m_stack.push_back({Job::explore, inst.y, static_cast<std::ptrdiff_t>(pos)});
                    pc = inst.x;
                    break;
                case Op::jump: pc = inst.x; break;
                case Op::save:
                    m_stack.push_back({Job::restore_slot, inst.x, m_slots[inst.x]});
                    m_slots[inst.x] = static_cast<std::ptrdiff_t>(pos);
                    ++pc;
                    break;
                case Op::loop_start:
                    m_stack.push_back({Job::restore_register, inst.x, m_registers[inst.x]});
                    m_registers[inst.x] = static_cast<std::ptrdiff_t>(pos);
                    ++pc;
                    break;
                case Op::loop_init:
                    m_stack.push_back({Job::restore_count, inst.x, m_counts[inst.x]});
                    m_counts[inst.x] = inst.y;
                    ++pc;
                    break;
                case Op::loop_check:
                    if (m_registers[inst.x] == static_cast<std::ptrdiff_t>(pos)) {
                        if (m_counts[inst.x] != 0) return false;
                        pc = inst.y;
                        break;
                    }
                    m_stack.push_back({Job::restore_count, inst.x, m_counts[inst.x]});
                    m_counts[inst.x] = 1;
                    pc = inst.z;
                    break;
                case Op::assertion:
                    if (!assertion_holds(static_cast<Assertion>(inst.x), before(pos), after(pos), m_prog.multiline))
                        return false;
                    ++pc;
                    break;
                case Op::backref:
                    if (!backref_matches(inst.x, pos)) return false;
                    ++pc;
                    break;
                case Op::match:
                    if (m_end >= 0) return static_cast<std::ptrdiff_t>(pos) == m_end;
                    if (static_cast<std::ptrdiff_t>(pos) > m_best) {
                        m_best = static_cast<std::ptrdiff_t>(pos);
                        m_best_slots = m_slots;
                    }
                    return pos == text.size();
            }
        }
    }

    const Program& m_prog;
    const BacktrackInput& m_in;
    std::ptrdiff_t m_end;
    std::uint64_t& m_budget;
    std::vector<std::ptrdiff_t> m_slots;
    std::vector<std::ptrdiff_t> m_registers;
    std::vector<std::ptrdiff_t> m_counts;
    std::vector<Job> m_stack;
    std::vector<std::uint64_t> m_visited;
    std::size_t m_width{0};
    std::ptrdiff_t m_best{-1};
    std::vector<std::ptrdiff_t> m_best_slots;
};

}  // namespace

bool backtrack(const Program& program, const BacktrackInput& input, std::ptrdiff_t end,
               std::vector<std::ptrdiff_t>& slots, std::uint64_t& budget) {
    std::size_t cells = program.insts.size() * (input.text.size() - input.start + 1);
    bool memo = !program.has_backrefs && cells <= k_max_memo_bits;
    if (memo) {
        Backtracker with_memo(program, input, end, true, budget);
        if (with_memo.run(slots)) return true;
    }
    Backtracker plain(program, input, end, false, budget);
    return plain.run(slots);
}

}  // namespace toolbox::regex_detail
