// parser.cpp — the public face of the parser; the grammar is CommandParser.
#include "sh/lang/parser.h"

#include "sh/lang/command_parser.h"

namespace sh {

Parser::Parser(std::string_view source, ParseOptions options)
    : m_parser(std::make_unique<CommandParser>(std::string(source), std::move(options))) {}

Parser::~Parser() = default;
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;

std::optional<std::variant<Program, ParseError>> Parser::next() { return m_parser->next(); }

ParseOptions& Parser::options() { return m_parser->options(); }

std::vector<ParseWarning> Parser::take_warnings() { return m_parser->take_warnings(); }

std::string_view Parser::take_read_text() { return m_parser->take_read_text(); }

std::variant<Program, ParseError> parse_all(std::string_view source, ParseOptions options) {
    Parser parser(source, std::move(options));
    Program program;
    while (auto result = parser.next()) {
        if (auto* error = std::get_if<ParseError>(&*result))
            return std::move(*error);
        for (auto& item : std::get<Program>(*result).items)
            program.items.push_back(std::move(item));
    }
    return program;
}

}  // namespace sh
