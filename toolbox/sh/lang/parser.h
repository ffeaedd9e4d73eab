// parser.h — turns shell source into the syntax tree of ast.h, one command line at a time.
//
// Like bash, the parser reads one complete command at a time: everything up to an unquoted newline
// outside any construct, and that line's here-documents. The shell runs it before asking for the
// next, so an alias or `shopt -s extglob` set by one line applies to the lines after it (and not to
// the rest of its own line, as in bash).
//
//     sh::Parser parser(text, {.extglob = false, .alias = lookup});
//     while (auto result = parser.next()) {
//         if (auto* error = std::get_if<sh::ParseError>(&*result)) { report(*error); break; }
//         run(std::get<sh::Program>(*result));
//     }
//
// Errors are values: a ParseError carries bash's message (the shell prefixes "NAME: line N: ").
// After an error, next() resumes at the line after the one the error was found on, which is what
// an interactive shell wants; a script stops at the first error as bash does.
//
// Ownership: a Parser owns a copy of its text. Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sh/lang/ast.h"

namespace sh {

struct ParseError {
    std::string message;  // "syntax error near unexpected token `fi'"
    uint32_t line{1};     // the line bash reports
    // The input ended inside a construct (an open quote, `if` without `fi`, a here-document
    // without its delimiter when interactive): an interactive shell reads another line (PS2) and
    // parses the longer text again.
    bool incomplete{false};
    // For "near unexpected token" errors, the line that a non-interactive bash quotes on a second
    // line ("NAME: line N: `if true; then fi'"); empty otherwise.
    std::string source_line;
};

// Something bash reports but carries on after (a here-document ended by end of file).
struct ParseWarning {
    std::string message;  // "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"
    uint32_t line{1};
};

struct ParseOptions {
    bool extglob{false};  // shopt extglob: ?( ) *( ) +( ) @( ) !( ) are parts of words
    // The input may go on (an interactive shell): a here-document or a line continuation cut off
    // by the end of the input is an incomplete command rather than accepted as it is.
    bool interactive{false};
    // Deepest nesting of commands, substitutions and ${…} accepted; deeper input is an error
    // rather than a stack overflow. Each level costs a few KB of stack.
    uint32_t max_depth{1000};
    // The text of an alias, or null when the word isn't one.
    std::function<const std::string*(std::string_view)> alias;
};

class CommandParser;

class Parser final {
public:
    Parser(std::string_view source, ParseOptions options = {});
    ~Parser();
    Parser(Parser&&) noexcept;
    Parser& operator=(Parser&&) noexcept;

    // The next command line, an error, or nullopt at the end of the input.
    std::optional<std::variant<Program, ParseError>> next();

    // Options apply from the next call of next() on (the shell updates extglob here).
    ParseOptions& options();

    // Warnings found so far, oldest first; taking them clears the list.
    std::vector<ParseWarning> take_warnings();

    // The text read since the last call: whole lines, those of the command line next() returned
    // (here-document bodies included) and any blank or comment lines before it. For `set -v`.
    std::string_view take_read_text();

private:
    std::unique_ptr<CommandParser> m_parser;
};

// Parses a whole text; the first error ends it. Aliases and extglob are as given throughout.
std::variant<Program, ParseError> parse_all(std::string_view source, ParseOptions options = {});

}  // namespace sh
