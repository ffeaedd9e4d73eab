// parse_state.h — what a parser and its lexer share: the options, the first error, warnings and
// the nesting depth that guards the stack.
//
// Errors are recorded, not thrown: the first one wins, and from then on the lexer returns only
// end-of-input tokens so every parsing function unwinds quickly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sh/lang/parser.h"

namespace sh {

struct ParseState {
    ParseOptions options;
    uint32_t depth{0};
    // A parser for text inside the input (backquotes, here-document bodies): its end is not the
    // end of the input, so its errors are never "incomplete".
    bool nested_text{false};
    std::optional<ParseError> error;
    size_t error_offset{0};  // where in the buffer the error was found
    std::vector<ParseWarning> warnings;

    bool failed() const { return error.has_value(); }

    // Out of line, so the guards inlined into every recursive function stay small.
    void fail_too_deep(uint32_t line, size_t offset);

    void fail(std::string message, uint32_t line, size_t offset, bool incomplete = false,
              std::string source_line = {}) {
        if (error)
            return;
        error = ParseError{std::move(message), line, incomplete && !nested_text, std::move(source_line)};
        error_offset = offset;
    }
};

// Counts one level of nesting for as long as it lives; ok() is false (and the parse has failed)
// when the level is deeper than options.max_depth.
class DepthGuard final {
public:
    DepthGuard(ParseState& state, uint32_t line, size_t offset) : m_state(state) {
        ++m_state.depth;
        if (m_state.depth > m_state.options.max_depth)
            m_state.fail_too_deep(line, offset);
    }
    ~DepthGuard() { --m_state.depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

    bool ok() const { return !m_state.failed(); }

private:
    ParseState& m_state;
};

}  // namespace sh
