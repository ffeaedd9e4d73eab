// regex.cpp — the public face of the engine in lib/regex/: compile (parse.cpp, compile.cpp),
// then answer matches() with literal prefilters and the lazy DFA, and search() with the DFA for
// the leftmost-longest span and the backtracker for groups (or for the whole match when the
// pattern has back references, which no DFA can check).
#include "lib/regex.h"

#include <algorithm>
#include <cstring>

#include "lib/regex/backtrack.h"
#include "lib/regex/dfa.h"
#include "lib/regex/program.h"

namespace toolbox {

using namespace regex_detail;

struct Regex::Impl {
    Program program;
    std::unique_ptr<Dfa> unanchored;
    std::unique_ptr<Dfa> anchored;
    std::unique_ptr<Dfa> lines;
    char lines_eol{'\n'};

    Dfa& unanchored_dfa() {
        if (!unanchored) unanchored = std::make_unique<Dfa>(program, Dfa::Mode::unanchored);
        return *unanchored;
    }
    Dfa& anchored_dfa() {
        if (!anchored) anchored = std::make_unique<Dfa>(program, Dfa::Mode::anchored);
        return *anchored;
    }
    Dfa& lines_dfa(char eol) {
        if (!lines || lines_eol != eol) {
            lines = std::make_unique<Dfa>(program, Dfa::Mode::lines, static_cast<unsigned char>(eol));
            lines_eol = eol;
        }
        return *lines;
    }
    bool contains_required(std::string_view text) const {
        const std::string& needle = program.required;
        if (needle.empty()) return true;
        if (needle.size() == 1) return std::memchr(text.data(), needle[0], text.size()) != nullptr;
        return memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
    }
};

namespace {

Context context_before(std::string_view text, std::size_t pos, const RegexSearchFlags& flags) {
    if (pos == 0) return flags.not_bol ? ctx_text_start_nobol : ctx_text_start;
    return byte_context(static_cast<unsigned char>(text[pos - 1]));
}

// A case-blind search for `folded` (lower case): memchr for both cases of its rarest letter,
// then a comparison around the hit.
class FoldedFinder {
public:
    explicit FoldedFinder(std::string_view folded) : m_folded(folded) {
        static constexpr std::string_view k_common = "etaoinsrhldcumfpgwybvkxjqz";  // English, most common first
        std::size_t best_rank = 0;
        for (std::size_t i = 0; i < folded.size(); ++i) {
            std::size_t rank = k_common.find(folded[i]);
            rank = rank == std::string_view::npos ? k_common.size() : rank;
            if (i == 0 || rank > best_rank) best_rank = rank, m_index = i;
        }
        m_lower = folded[m_index];
        m_upper = m_lower >= 'a' && m_lower <= 'z' ? static_cast<char>(m_lower - 32) : m_lower;
    }
    // The window doubles while nothing is found, so the work stays proportional to the distance
    // to the next hit however often the caller restarts.
    const char* find(const char* from, const char* end) const {
        std::size_t window = 256;
        const char* at = from + m_index;
        while (at < end) {
            const char* stop = static_cast<std::size_t>(end - at) > window ? at + window : end;
            auto* hit = static_cast<const char*>(std::memchr(at, m_lower, static_cast<std::size_t>(stop - at)));
            if (m_upper != m_lower) {
                const char* limit = hit ? hit : stop;
                auto* upper = static_cast<const char*>(std::memchr(at, m_upper, static_cast<std::size_t>(limit - at)));
                if (upper) hit = upper;
            }
            if (!hit) {
                at = stop;
                window *= 2;
                continue;
            }
            const char* start = hit - m_index;
            if (static_cast<std::size_t>(end - start) >= m_folded.size() && same(start)) return start;
            at = hit + 1;
        }
        return nullptr;
    }

private:
    bool same(const char* start) const {
        for (std::size_t i = 0; i < m_folded.size(); ++i) {
            char c = start[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if (c != m_folded[i]) return false;
        }
        return true;
    }
    std::string_view m_folded;
    std::size_t m_index{0};
    char m_lower{0};
    char m_upper{0};
};

// The first place where any of `needles` starts, searching windows that double while nothing
// is found (so restarting after each hit stays proportional to the distance covered).
const char* find_any(const char* at, const char* end, const std::vector<std::string>& needles, char eol) {
    std::size_t window = 256;
    while (at < end) {
        const char* stop = static_cast<std::size_t>(end - at) > window ? at + window : end;
        const char* best = nullptr;
        for (const auto& needle : needles) {
            if (needle.find(eol) != std::string::npos) return at;  // can't prefilter: every line is a candidate
            const char* before = best ? best : stop;  // only an earlier hit matters
            const char* limit = static_cast<std::size_t>(end - before) > needle.size() - 1 ? before + needle.size() - 1 : end;
            auto* hit = static_cast<const char*>(memmem(at, static_cast<std::size_t>(limit - at), needle.data(), needle.size()));
            if (hit && (!best || hit < best)) best = hit;
        }
        if (best) return best;
        at = stop;
        window *= 2;
    }
    return nullptr;
}

const char* find_bytes(const char* begin, const char* end, std::string_view needle) {
    if (needle.size() == 1) return static_cast<const char*>(std::memchr(begin, needle[0], static_cast<std::size_t>(end - begin)));
    return static_cast<const char*>(memmem(begin, static_cast<std::size_t>(end - begin), needle.data(), needle.size()));
}

}  // namespace

Regex::Regex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Regex::~Regex() = default;

std::unique_ptr<Regex> Regex::compile(std::string_view pattern, const RegexOptions& options, std::string& error) {
    auto impl = std::make_unique<Impl>();
    Ast ast;
    std::vector<std::string> warnings;
    if (!parse(pattern, options, ast, error, warnings)) return nullptr;
    if (options.warnings) options.warnings->insert(options.warnings->end(), warnings.begin(), warnings.end());
    if (!regex_detail::compile(ast, options, impl->program, error)) return nullptr;
    return std::unique_ptr<Regex>(new Regex(std::move(impl)));
}

std::size_t Regex::group_count() const { return m_impl->program.groups; }

bool Regex::matches(std::string_view text, RegexSearchFlags flags) const {
    const Program& program = m_impl->program;
    if (!m_impl->contains_required(text)) return false;
    if (program.literal_only) return true;
    if (!m_impl->unanchored_dfa().any_match(text, context_before(text, 0, flags), flags.not_eol)) return false;
    if (!program.has_backrefs) return true;
    std::vector<RegexSpan> groups;
    return search(text, 0, groups, flags);
}

bool Regex::search(std::string_view text, std::size_t start, std::vector<RegexSpan>& groups,
                   RegexSearchFlags flags) const {
    return search_impl(text, start, groups, flags, true);
}

bool Regex::search_match(std::string_view text, std::size_t start, RegexSpan& match, RegexSearchFlags flags) const {
    std::vector<RegexSpan> groups;
    if (!search_impl(text, start, groups, flags, false)) return false;
    match = groups[0];
    return true;
}

bool Regex::search_impl(std::string_view text, std::size_t start, std::vector<RegexSpan>& groups,
                        RegexSearchFlags flags, bool want_groups) const {
    const Program& program = m_impl->program;
    if (start > text.size()) return false;
    if (!m_impl->contains_required(text.substr(start))) return false;
    if (!m_impl->unanchored_dfa().any_match(text.substr(start), context_before(text, start, flags), flags.not_eol))
        return false;
    BacktrackInput input{text, start, flags.not_bol ? ctx_text_start_nobol : ctx_text_start, flags.not_eol};
    std::vector<std::ptrdiff_t> slots;
    bool found = false;
    std::uint64_t budget = 50'000'000;  // backtracking steps for this whole search
    for (std::size_t s = start; s <= text.size() && !found; ++s) {
        input.start = s;
        if (program.has_backrefs) {
            found = backtrack(program, input, -1, slots, budget);
            continue;
        }
        std::ptrdiff_t end = m_impl->anchored_dfa().longest_match(text, s, context_before(text, s, flags), flags.not_eol);
        if (end < 0) continue;
        found = true;
        if (!want_groups || program.groups == 0 || !backtrack(program, input, end, slots, budget)) {
            slots.assign(2 * (program.groups + 1), -1);
            slots[0] = static_cast<std::ptrdiff_t>(s);
            slots[1] = end;
        }
    }
    if (!found) return false;
    groups.assign(program.groups + 1, RegexSpan{});
    for (std::size_t i = 0; i <= program.groups; ++i) {
        if (slots[2 * i] >= 0 && slots[2 * i + 1] >= slots[2 * i]) groups[i] = {slots[2 * i], slots[2 * i + 1]};
    }
    return true;
}

std::size_t Regex::find_line(std::string_view buffer, char eol) const {
    const Program& program = m_impl->program;
    const char* base = buffer.data();
    const char* end = base + buffer.size();
    bool prefilter = !program.required.empty() && program.required.find(eol) == std::string::npos;
    bool any = !prefilter && !program.required_any.empty();
    bool folded = !prefilter && !program.required_folded.empty() &&
                  program.required_folded.find(eol) == std::string::npos;
    FoldedFinder folded_finder(folded ? std::string_view(program.required_folded) : std::string_view("x"));
    const char* pos = base;
    while (pos < end) {
        const char* line = pos;
        const char* line_end = end;
        if (prefilter || folded || any) {
            const char* hit = folded ? folded_finder.find(pos, end)
                              : any  ? find_any(pos, end, program.required_any, eol)
                                     : find_bytes(pos, end, program.required);
            if (!hit) return std::string_view::npos;
            line = hit;
            while (line > pos && line[-1] != eol) --line;
            line_end = static_cast<const char*>(std::memchr(hit, eol, static_cast<std::size_t>(end - hit)));
            line_end = line_end ? line_end + 1 : end;
            if (program.literal_only || (folded && program.folded_literal_only))
                return static_cast<std::size_t>(line - base);
        }
        std::string_view chunk(line, static_cast<std::size_t>(line_end - line));
        std::size_t at = m_impl->lines_dfa(eol).first_match_in_lines(chunk);
        if (at == std::string_view::npos) {
            if (!prefilter && !folded && !any) return std::string_view::npos;
            pos = line_end;
            continue;
        }
        // The matching line holds chunk[at] (or ends there).
        const char* hit = line + at;
        const char* start = hit;
        while (start > line && start[-1] != eol) --start;
        const char* stop = static_cast<const char*>(std::memchr(hit, eol, static_cast<std::size_t>(end - hit)));
        stop = stop ? stop : end;
        if (program.has_backrefs && !matches(std::string_view(start, static_cast<std::size_t>(stop - start)))) {
            pos = stop < end ? stop + 1 : end;
            continue;
        }
        return static_cast<std::size_t>(start - base);
    }
    return std::string_view::npos;
}

}  // namespace toolbox
