// pattern.cpp — the public face of pattern matching: whole-text matches, the prefix and suffix
// searches of ${x#p} ${x%p}, the match positions of ${x/p/r} (bash's subst.c remove_upattern,
// match_upattern and pat_subst), and the glob helpers.
#include "sh/lang/pattern.h"

#include <algorithm>

#include "sh/lang/pattern_engine.h"

namespace sh {

using pattern_detail::DecodedText;
using pattern_detail::Engine;
using pattern_detail::PositionSet;
using pattern_detail::Program;
using pattern_detail::Unit;

namespace {

// Where the pattern can end when started at unit `start`.
PositionSet ends_from(Engine& engine, size_t start) {
    PositionSet starts(start, engine.window_end(start));
    starts.insert(start);
    return engine.run(starts);
}

std::vector<Unit> reversed_units(const DecodedText& decoded) {
    return std::vector<Unit>(decoded.units.rbegin(), decoded.units.rend());
}

// Every unit position where some match begins: the mirrored pattern, run over the mirrored text
// from everywhere at once, ends exactly there.
PositionSet match_starts(const Program& program, const DecodedText& decoded) {
    size_t length = decoded.units.size();
    std::vector<Unit> mirrored = reversed_units(decoded);
    Engine backward(program, mirrored, true);
    PositionSet everywhere(0, length);
    everywhere.insert_range(0, length);
    PositionSet ends = backward.run(everywhere);
    PositionSet starts(0, length);
    ends.for_each([&](size_t end) { starts.insert(length - end); });
    return starts;
}

// The leftmost-longest match beginning at or after unit `from`. bash tries the end of the text
// only for a pattern beginning with '*' (match_pattern_char).
std::optional<PatternSpan> leftmost_longest(const Program& program, const DecodedText& decoded,
                                            const PositionSet& starts, Engine& forward, size_t from) {
    size_t length = decoded.units.size();
    std::optional<size_t> start = starts.contains(from) ? std::optional<size_t>(from) : starts.next_after(from);
    for (; start; start = starts.next_after(*start)) {
        if (*start == length && !program.starts_with_star)
            return std::nullopt;
        if (std::optional<size_t> end = ends_from(forward, *start).highest())
            return PatternSpan{*start, *end};
    }
    return std::nullopt;
}

PatternSpan to_bytes(const DecodedText& decoded, PatternSpan units) {
    return PatternSpan{decoded.offsets[units.begin], decoded.offsets[units.end]};
}

}  // namespace

Pattern::Pattern(std::shared_ptr<const Program> program) : m_program(std::move(program)) {}

Pattern Pattern::compile(std::string_view pattern, const PatternOptions& options) {
    return Pattern(std::make_shared<const Program>(pattern_detail::compile_program(pattern, options)));
}

const PatternOptions& Pattern::options() const {
    return m_program->options;
}

bool Pattern::matches(std::string_view text) const {
    DecodedText decoded = pattern_detail::decode_text(text, m_program->options.utf8);
    Engine forward(*m_program, decoded.units, false);
    return ends_from(forward, 0).contains(decoded.units.size());
}

std::optional<size_t> Pattern::match_prefix(std::string_view text, PatternLength length) const {
    DecodedText decoded = pattern_detail::decode_text(text, m_program->options.utf8);
    Engine forward(*m_program, decoded.units, false);
    PositionSet ends = ends_from(forward, 0);
    std::optional<size_t> end = length == PatternLength::shortest ? ends.lowest() : ends.highest();
    return end ? std::optional<size_t>(decoded.offsets[*end]) : std::nullopt;
}

std::optional<size_t> Pattern::match_suffix(std::string_view text, PatternLength length) const {
    DecodedText decoded = pattern_detail::decode_text(text, m_program->options.utf8);
    std::vector<Unit> mirrored = reversed_units(decoded);
    Engine backward(*m_program, mirrored, true);
    PositionSet ends = ends_from(backward, 0);
    std::optional<size_t> end = length == PatternLength::shortest ? ends.lowest() : ends.highest();
    return end ? std::optional<size_t>(decoded.offsets[decoded.units.size() - *end]) : std::nullopt;
}

std::optional<PatternSpan> Pattern::find(std::string_view text, size_t from) const {
    DecodedText decoded = pattern_detail::decode_text(text, m_program->options.utf8);
    size_t from_unit = static_cast<size_t>(
        std::lower_bound(decoded.offsets.begin(), decoded.offsets.end(), from) - decoded.offsets.begin());
    if (from_unit > decoded.units.size())
        return std::nullopt;
    Engine forward(*m_program, decoded.units, false);
    PositionSet starts = match_starts(*m_program, decoded);
    std::optional<PatternSpan> found = leftmost_longest(*m_program, decoded, starts, forward, from_unit);
    return found ? std::optional<PatternSpan>(to_bytes(decoded, *found)) : std::nullopt;
}

std::vector<PatternSpan> Pattern::replace_spans(std::string_view text, ReplaceMode mode) const {
    const Program& program = *m_program;
    if (program.empty) {
        if (mode == ReplaceMode::prefix)
            return {PatternSpan{0, 0}};
        if (mode == ReplaceMode::suffix)
            return {PatternSpan{text.size(), text.size()}};
        return {};
    }
    if (mode == ReplaceMode::suffix) {
        std::optional<size_t> begin = match_suffix(text, PatternLength::longest);
        return begin ? std::vector<PatternSpan>{PatternSpan{*begin, text.size()}} : std::vector<PatternSpan>{};
    }
    DecodedText decoded = pattern_detail::decode_text(text, program.options.utf8);
    size_t length = decoded.units.size();
    Engine forward(program, decoded.units, false);
    if (mode == ReplaceMode::prefix) {
        std::optional<size_t> end = ends_from(forward, 0).highest();
        if (!end || (length == 0 && !program.starts_with_star))
            return {};
        return {to_bytes(decoded, PatternSpan{0, *end})};
    }
    PositionSet starts = match_starts(program, decoded);
    std::vector<PatternSpan> spans;
    size_t from = 0;
    do {
        std::optional<PatternSpan> found = leftmost_longest(program, decoded, starts, forward, from);
        if (!found)
            break;
        spans.push_back(to_bytes(decoded, *found));
        // After an empty match bash copies one character and looks again after it.
        from = found->end == found->begin ? found->end + 1 : found->end;
    } while (mode == ReplaceMode::all && from < length);
    return spans;
}

bool pattern_match(std::string_view pattern, std::string_view text, const PatternOptions& options) {
    return Pattern::compile(pattern, options).matches(text);
}

bool has_glob_chars(std::string_view pattern) {
    bool open_bracket = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
        if (c == '?' || c == '*')
            return true;
        if (c == '[')
            open_bracket = true;
        else if (c == ']' && open_bracket)
            return true;
        else if ((c == '+' || c == '@' || c == '!') && next == '(')
            return true;
        else if (c == '\\' && i + 1 == pattern.size())
            return false;
        else if (c == '\\')
            ++i;
    }
    return false;
}

std::string unescape_pattern(std::string_view pattern) {
    std::string text;
    text.reserve(pattern.size());
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\' && ++i == pattern.size())
            break;
        text += pattern[i];
    }
    return text;
}

std::vector<std::string_view> split_glob_path(std::string_view pattern) {
    std::vector<std::string_view> components;
    size_t begin = 0;
    for (;;) {
        size_t slash = pattern.find('/', begin);
        components.push_back(pattern.substr(begin, slash == std::string_view::npos ? slash : slash - begin));
        if (slash == std::string_view::npos)
            return components;
        begin = slash + 1;
    }
}

GlobComponent::GlobComponent(Pattern pattern, std::optional<std::string> literal)
    : m_pattern(std::move(pattern)), m_literal(std::move(literal)) {}

GlobComponent GlobComponent::compile(std::string_view component, const GlobOptions& options) {
    PatternOptions pattern_options;
    pattern_options.extglob = options.extglob;
    pattern_options.nocase = options.nocaseglob;
    pattern_options.utf8 = options.utf8;
    pattern_options.leading_dot = !options.dotglob;
    std::optional<std::string> literal;
    if (!has_glob_chars(component))
        literal = unescape_pattern(component);
    return GlobComponent(Pattern::compile(component, pattern_options), std::move(literal));
}

bool GlobComponent::matches(std::string_view entry) const {
    if (entry == "." || entry == "..")
        return false;
    return m_pattern.matches(entry);
}

}  // namespace sh
