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
    std::string_view take_read_text();

    // ^NestedParser
    std::shared_ptr<Program> parse_until_close_paren(size_t& close_offset) override;
    std::shared_ptr<Program> parse_text(std::string text, uint32_t line) override;
    std::optional<Word> parse_heredoc_body(std::string text, uint32_t line) override;

private:
    // Tokens (command_parser.cpp)
    const Token& peek(LexContext context);
    Token take();
    void drop();  // take() without the token (no copy of it in the caller's frame)
    Word take_word();
    std::string take_text();
    void skip_newlines(LexContext context);
    void consume_newline();
    bool unexpected(const Token& token);
    bool fail(std::string message, uint32_t line);
    std::string source(size_t begin, size_t end) const;
    void finish(Command& command, size_t begin, uint32_t line);
    static LexContext command_context();

    // Lists and pipelines (command_parser.cpp). Each parse_* builds its construct in place (in
    // the tree its caller is building: deep nesting then costs little stack) and returns false
    // once the state holds an error.
    enum class ListEnd : uint8_t { newline, compound };
    bool parse_list(Program& program, ListEnd end);
    bool starts_command(const Token& token) const;
    bool parse_and_or(AndOr& and_or);
    bool parse_pipeline(Pipeline& pipeline);
    bool parse_command(Command& command);
    bool parse_simple_command(Command& command);
    bool parse_redirect(std::vector<Redirect>& redirects, std::vector<std::pair<size_t, size_t>>& heredocs);
    bool parse_trailing_redirects(Command& command);
    void attach_heredocs(std::vector<Redirect>& redirects, const std::vector<std::pair<size_t, size_t>>& heredocs);

    // Compound commands (command_parser_compound.cpp)
    bool parse_compound(Command& command);
    std::shared_ptr<Program> parse_compound_list();
    bool expect_keyword(std::string_view keyword);
    bool parse_brace_group(CommandNode& node);
    bool parse_subshell(CommandNode& node);
    bool parse_if(CommandNode& node);
    bool parse_loop(CommandNode& node, bool until);
    bool parse_for(CommandNode& node, bool select);
    bool parse_arithmetic_for(CommandNode& node);
    std::shared_ptr<Program> parse_do_group(LexContext context);
    LexContext after_word();
    bool parse_case(CommandNode& node);
    bool parse_case_item(CaseClause& clause, bool& last);
    bool parse_arithmetic_command(CommandNode& node, uint32_t line);
    bool parse_function(Command& command, size_t begin, uint32_t line, std::string name);
    bool parse_function_keyword(Command& command);
    bool finish_function(Command& command, size_t begin, uint32_t line, std::string name);
    bool is_function_body(const Token& token) const;
    bool parse_coproc(Command& command);

    // [[ ]] (command_parser_cond.cpp)
    bool parse_conditional(CommandNode& node);
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
    size_t m_read_reported{0};     // take_read_text() has returned the text before this
    uint32_t m_substitution_depth{0};  // inside $( ) or <( ): EOF looks for a `)'
    uint32_t m_cond_line{1};       // line of the `[[` being parsed
    uint32_t m_base_depth{0};      // the depth this parser started at (nested parsers start deeper)
    uint32_t m_first_line{1};
    bool m_finished{false};
};

}  // namespace sh
