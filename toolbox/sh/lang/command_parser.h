// command_parser.h — the recursive-descent grammar behind sh::Parser (XCU 2.9-2.10 plus bash's
// [[ ]], (( )), for (( )), select, function, time and |&).
//
// Each parse_* function reads one construct from the lexer and returns it, or nullopt once the
// shared ParseState holds an error. It keeps one token of lookahead, read in the LexContext the
// grammar is in at that point (see lexer.h); spans and source texts are slices of the reader's
// buffer between the first and last token of a node.
//
// Ownership: owns its reader (the text), lexer and state. Thread safety: one thread at a time.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "sh/lang/lexer.h"
#include "sh/lang/parse_state.h"
#include "sh/lang/parser.h"
#include "sh/lang/reader.h"

namespace sh {

class CommandParser final : public NestedParser {
public:
    CommandParser(std::string text, ParseOptions options, uint32_t first_line = 1, uint32_t depth = 0,
                  bool nested_text = false);

    std::optional<std::variant<Program, ParseError>> next();
    ParseOptions& options() { return m_state.options; }
    std::vector<ParseWarning> take_warnings();

    // ^NestedParser
    std::shared_ptr<Program> parse_until_close_paren(size_t& close_offset) override;
    std::shared_ptr<Program> parse_text(std::string text, uint32_t line) override;
    std::optional<Word> parse_heredoc_body(std::string text, uint32_t line) override;

private:
    // Tokens (command_parser.cpp)
    const Token& peek(LexContext context);
    Token take();
    void skip_newlines(LexContext context);
    void consume_newline();
    bool unexpected(const Token& token);
    bool fail(std::string message, uint32_t line);
    std::string source(size_t begin, size_t end) const;
    static LexContext command_context();

    // Lists and pipelines (command_parser.cpp)
    enum class ListEnd : uint8_t { newline, compound };
    bool parse_list(Program& program, ListEnd end);
    bool starts_command(const Token& token) const;
    std::optional<AndOr> parse_and_or();
    std::optional<Pipeline> parse_pipeline();
    std::optional<Command> parse_command();
    std::optional<Command> parse_simple_command();
    bool parse_redirect(std::vector<Redirect>& redirects, std::vector<std::pair<size_t, size_t>>& heredocs);
    bool parse_trailing_redirects(Command& command);
    void attach_heredocs(std::vector<Redirect>& redirects, const std::vector<std::pair<size_t, size_t>>& heredocs);

    // Compound commands (command_parser_compound.cpp)
    std::optional<Command> parse_compound(const Token& keyword);
    bool expect_keyword(std::string_view keyword);
    std::optional<CommandNode> parse_brace_group();
    std::optional<CommandNode> parse_subshell();
    std::optional<CommandNode> parse_if();
    std::optional<CommandNode> parse_loop(bool until);
    std::optional<CommandNode> parse_for(bool select);
    std::optional<CommandNode> parse_arithmetic_for();
    std::shared_ptr<Program> parse_do_group();
    std::optional<CommandNode> parse_case();
    std::optional<CommandNode> parse_arithmetic_command(uint32_t line);
    std::optional<Command> parse_function(size_t begin, uint32_t line, const Token& name);
    std::optional<Command> parse_function_keyword();
    std::optional<Command> parse_coproc();
    std::optional<Command> finish_function(size_t begin, uint32_t line, std::string name);
    bool is_function_body(const Token& token) const;
    std::shared_ptr<Program> parse_compound_list();

    // [[ ]] (command_parser_cond.cpp)
    std::optional<CommandNode> parse_conditional();
    std::unique_ptr<CondExpression> parse_cond_or();
    std::unique_ptr<CondExpression> parse_cond_and();
    std::unique_ptr<CondExpression> parse_cond_term();
    void skip_cond_newlines();
    bool cond_fail(std::string message, const Token& token);

    // Source texts (command_parser_sources.cpp)
    void append_heredoc_sources(Program& program);

    void recover();

    ParseState m_state;
    Reader m_reader;
    Lexer m_lexer;
    std::optional<Token> m_peeked;
    size_t m_last_end{0};          // end of the last token taken
    uint32_t m_substitution_depth{0};  // inside $( ) or <( ): EOF looks for a `)'
    uint32_t m_cond_line{1};       // line of the `[[` being parsed
    uint32_t m_base_depth{0};      // the depth this parser started at (nested parsers start deeper)
    uint32_t m_first_line{1};
    bool m_finished{false};
};

}  // namespace sh
