// lexer.h — shell tokens, read on demand in the context the parser is in.
//
// The shell's tokens depend on where the parser is (XCU 2.10.1, and bash's read_token): `if` is a
// reserved word only in command position, `a=(1 2)` is one word only where an assignment can be,
// `(` and `|` belong to the word to the right of `=~`, and an alias is substituted only for a
// command word. So the parser asks for each token with a LexContext, and the lexer reads it from
// the Reader then. Words come out already structured (quotes, $…, `…`, ~) as an ast Word; the
// text inside $( ) and <( ) is parsed as a program by calling back into the parser
// (NestedParser), which is how `case … )` inside $( ) and here-documents inside $( ) work.
//
// Here-documents: the parser queues each `<<` with its delimiter, attaches the Redirect it built
// once that command is complete, and calls read_heredocs() when it consumes the newline that ends
// the line; the bodies are read there, in order, and stored into the attached Redirects.
//
// Ownership: the lexer borrows the reader, the state and the nested parser from the CommandParser
// that owns all four. Thread safety: confined to that parser.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/lang/parse_state.h"
#include "sh/lang/reader.h"
#include "sh/lang/word_builder.h"

namespace sh {

enum class TokenKind : uint8_t { word, op, newline, end };

enum class Op : uint8_t {
    semicolon,         // ;
    ampersand,         // &
    pipe,              // |
    pipe_ampersand,    // |&
    and_if,            // &&
    or_if,             // ||
    case_end,          // ;;
    case_fallthrough,  // ;&
    case_continue,     // ;;&
    open_paren,        // (
    close_paren,       // )
    less,              // <
    greater,           // >
    double_greater,    // >>
    double_less,       // <<
    double_less_dash,  // <<-
    triple_less,       // <<<
    less_ampersand,    // <&
    greater_ampersand, // >&
    less_greater,      // <>
    greater_pipe,      // >|
    ampersand_greater, // &>
    ampersand_double_greater,  // &>>
};

std::string_view op_text(Op op);
bool is_redirection(Op op);

// What the parser expects next; decides how a word is read.
struct LexContext {
    bool assignments{false};  // a simple command's word: name=value forms become Assignments
    bool prefix{false};       // before the command name: name=(…) arrays, spaces inside name[…]
    bool declaration{false};  // an argument of declare & co: name=(…) arrays
    bool alias{false};        // command position: alias substitution applies
    bool regex{false};        // right of =~ in [[ ]]: ( ) and | are word characters
    bool pattern{false};      // right of == and != in [[ ]]: extglob groups whatever the option
    bool conditional{false};  // inside [[ ]]: < and > take no fd prefix

    bool operator==(const LexContext&) const = default;
};

struct Token {
    TokenKind kind{TokenKind::end};
    Op op{Op::semicolon};
    Word word;                             // kind word (empty when `assignment` is set)
    std::unique_ptr<Assignment> assignment;  // a word in assignment form, read as one
    int fd{-1};                            // a redirection operator's fd prefix (2>)
    std::string fd_variable;               // ... or {name} prefix
    size_t begin{0};
    size_t end{0};
    uint32_t line{1};
    std::string text;    // as written, without line continuations (for messages)
    bool plain{false};   // unquoted literal text only: may be a reserved word
    LexContext context;

    bool is_op(Op o) const { return kind == TokenKind::op && op == o; }
    bool is_word() const { return kind == TokenKind::word; }
    // A reserved word or other literal keyword (`in`, `]]`, `-p`).
    bool is_keyword(std::string_view keyword) const { return kind == TokenKind::word && plain && text == keyword; }
};

bool is_reserved_word(std::string_view text);

// The word an assignment token stands for when it isn't an assignment (an argument).
Word assignment_to_word(Assignment assignment);

// The parser, as the lexer needs it for text that holds programs.
class NestedParser {
public:
    // Parses a program at the reader's position up to the `)` closing a $( or <(, and consumes
    // that `)` (whose offset goes to `close_offset`). Null after an error.
    virtual std::shared_ptr<Program> parse_until_close_paren(size_t& close_offset) = 0;
    // Parses backquoted text; null when it doesn't parse (the error is left for run time).
    virtual std::shared_ptr<Program> parse_text(std::string text, uint32_t line) = 0;
    // Reads an unquoted here-document body: $ ` and \ are special, nothing else.
    virtual std::optional<Word> parse_heredoc_body(std::string text, uint32_t line) = 0;

protected:
    ~NestedParser() = default;
};

class Lexer final {
public:
    Lexer(Reader& reader, ParseState& state, NestedParser& nested);

    Token next(LexContext context);

    // True when the next characters (after blanks) are `((`, as in `for ((`.
    bool at_double_paren();
    // Guesses, as bash does, whether text after `((` at `offset` is arithmetic: the first
    // unnested `)` must be followed by another `)`. False means a nested subshell `( (`.
    bool arithmetic_follows(size_t offset) const;
    // At the text after `((`: the expression up to `))`, which is consumed.
    std::optional<Word> lex_arithmetic_command(uint32_t start_line);
    // At `((` of `for ((init; condition; step))`, through the closing `))`.
    std::optional<std::array<Word, 3>> lex_arithmetic_for();

    // Here-documents (lexer_heredoc.cpp).
    size_t queue_heredoc(std::string delimiter, bool strip_tabs, bool quoted, uint32_t line);
    void attach_heredoc(size_t id, Redirect* redirect);
    void read_heredocs();
    struct PendingHeredoc {
        size_t id{0};
        std::string delimiter;
        bool strip_tabs{false};
        bool quoted{false};
        uint32_t line{1};
        Redirect* redirect{nullptr};
        std::optional<Word> body;
        size_t body_begin{0};
        size_t content_end{0};  // where the delimiter line begins
        size_t body_end{0};     // where the delimiter line ends (without its newline)
        uint32_t body_line{1};
        bool read{false};
    };
    // A $( ) has here-documents of its own; the outer line's wait for the outer newline.
    std::vector<PendingHeredoc> take_pending_heredocs();
    void restore_pending_heredocs(std::vector<PendingHeredoc> outer);
    // Where each here-document body read so far lies in the buffer (for source texts).
    struct HeredocRange {
        const Redirect* redirect;
        size_t begin;
        size_t end;
    };
    const std::vector<HeredocRange>& heredoc_ranges() const { return m_heredoc_ranges; }
    void clear_heredocs();

    // The whole text as one unquoted here-document body (for a nested parser).
    std::optional<Word> lex_heredoc_text();

    // Forgets alias substitutions (after an error, the parser starts over on a later line).
    void reset_aliases() { m_aliases.clear(); }
    // Forgets the substitutions that end before the reader's position (at a new command line,
    // where bash also stops expanding the word after a blank-ended alias).
    void forget_finished_aliases();

private:
    // lexer.cpp: tokens
    void skip_blanks_and_comment();
    void lex_operator(Token& token);
    void lex_word_token(LexContext context, Token& token);
    bool take_fd_prefix(Token& token, LexContext context);
    bool substitute_alias(const Token& token);
    void finish_token(Token& token);

    // lexer_word.cpp: words
    struct TextRules {
        bool quoted{false};         // literal text is quoted ("…", here-documents)
        bool single_quotes{true};   // '…' quotes; else ' is literal
        bool double_quotes{true};   // "…" quotes; else " is literal
        std::string_view escapable; // what a backslash quotes; empty: any character
        bool dollar_quotes{true};   // $'…' and $"…" are quotes (inside "${…}" too: shopt extquote)
    };
    std::unique_ptr<Assignment> lex_assignment(LexContext context);
    bool assignment_ahead(LexContext context, size_t& name_length) const;
    void lex_word(WordBuilder& word, LexContext context, bool assignment_value);
    bool lex_quoting(WordBuilder& word, int c, const TextRules& rules, bool in_double_quotes);
    void lex_backslash(WordBuilder& word, const TextRules& rules);
    void lex_single_quoted(WordBuilder& word);
    void lex_double_quoted(WordBuilder& word);
    void lex_backquote(WordBuilder& word, bool in_double_quotes);
    void lex_paren_group(WordBuilder& word);
    bool lex_tilde(WordBuilder& word, bool assignment_value, int terminator);
    void lex_array(Assignment& assignment);
    std::optional<Word> lex_subscript(uint32_t line);

    // lexer_dollar.cpp: $ forms
    void lex_dollar(WordBuilder& word, bool in_double_quotes, bool dollar_quotes);
    void lex_brace_parameter(WordBuilder& word, bool in_double_quotes);
    void lex_brace_operator(ParamExpansion& parameter, bool in_double_quotes, uint32_t line);
    void lex_brace_word(WordBuilder& word, const TextRules& rules, bool stop_at_slash, bool tilde);
    std::unique_ptr<Word> brace_word(const TextRules& rules, bool stop_at_slash, bool tilde);
    void lex_bad_substitution(ParamExpansion& parameter, size_t begin, uint32_t line);
    std::string lex_parameter_name();
    void lex_command_substitution(WordBuilder& word, bool in_double_quotes);
    void lex_process_substitution(WordBuilder& word);
    void lex_ansi_c(WordBuilder& word);
    enum class ArithEnd : uint8_t { double_paren, bracket, semicolon, colon_or_brace, brace };
    std::optional<Word> lex_arithmetic_text(ArithEnd end, uint32_t start_line, ArithEnd* stopped = nullptr);

    // lexer_heredoc.cpp
    bool read_heredoc(PendingHeredoc& heredoc);
    void store_heredoc(PendingHeredoc& heredoc);
    uint32_t line_before(size_t offset) const;

    void fail_unterminated(char close, uint32_t line);
    void fail_at(std::string message, uint32_t line, bool incomplete = false);

    struct AliasRegion {
        std::string name;
        size_t begin;
        size_t end;
        bool expand_next;   // the alias text ends in a blank: the next word is checked too
        bool next_checked;
    };

    Reader& m_reader;
    ParseState& m_state;
    NestedParser& m_nested;
    std::vector<PendingHeredoc> m_pending;
    size_t m_next_heredoc_id{0};
    std::vector<HeredocRange> m_heredoc_ranges;
    std::vector<AliasRegion> m_aliases;
};

}  // namespace sh
