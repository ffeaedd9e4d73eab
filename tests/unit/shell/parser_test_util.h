// parser_test_util.h — helpers shared by the parser tests: parse a text and look at the result
// as a dump (ast_dump.h) or as nodes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "sh/lang/parser.h"
#include "unit/shell/ast_dump.h"

namespace sh::test {

// The whole text, dumped; or "error: LINE: MESSAGE" for its first error.
inline std::string parsed(std::string_view text, ParseOptions options = {}) {
    auto result = parse_all(text, std::move(options));
    if (auto* error = std::get_if<ParseError>(&result))
        return "error: " + std::to_string(error->line) + ": " + error->message;
    return dump(std::get<Program>(result));
}

inline Program parse_ok(std::string_view text, ParseOptions options = {}) {
    auto result = parse_all(text, std::move(options));
    if (auto* error = std::get_if<ParseError>(&result)) {
        ADD_FAILURE() << "parsing `" << text << "' failed: line " << error->line << ": " << error->message;
        return {};
    }
    return std::move(std::get<Program>(result));
}

inline ParseError parse_error(std::string_view text, ParseOptions options = {}) {
    auto result = parse_all(text, std::move(options));
    if (auto* error = std::get_if<ParseError>(&result))
        return *error;
    ADD_FAILURE() << "parsing `" << text << "' succeeded: " << dump(std::get<Program>(result));
    return {};
}

// The first command of the first item (a default Command when there is none).
inline const Command& first_command(const Program& program) {
    static const Command none;
    if (program.items.empty() || program.items[0].and_or.first.commands.empty())
        return none;
    return program.items[0].and_or.first.commands[0];
}

inline const SimpleCommand& first_simple(const Program& program) {
    static const SimpleCommand none;
    auto* simple = std::get_if<SimpleCommand>(&first_command(program).node);
    return simple ? *simple : none;
}

// The first word of the first simple command (an empty word when there is none).
inline const Word& first_word(const Program& program, size_t index = 0) {
    static const Word none;
    const auto& words = first_simple(program).words;
    return index < words.size() ? words[index] : none;
}

}  // namespace sh::test
