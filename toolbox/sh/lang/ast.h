// ast.h — the shell's syntax tree: what the parser makes and the executor walks.
//
// A script is a Program: a list of and-or lists, each a chain of pipelines of commands. Words keep
// their structure (literal text, quoted or not, and the expansions inside) so expansion never
// re-lexes; every node that can be re-run elsewhere — a function body, a subshell, a pipeline
// stage that runs in a child `sh` — keeps its source text, which is what a child shell receives.
//
// Ownership: a tree owns its nodes (values and unique_ptrs); function definitions share theirs
// (shared_ptr) because the function table outlives the tree that defined it.
// Thread safety: a tree is immutable once parsed; the toolbox is single-threaded anyway.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sh {

struct Program;
struct Command;

// Where a node came from in its source: byte offsets and the 1-based line of its start.
struct SourceSpan {
    uint32_t begin{0};
    uint32_t end{0};
    uint32_t line{1};
};

struct Word;

// ^Word parts

// Text. `quoted` text came from '…', "…", $'…' or a backslash escape: it is not split, not
// globbed, and its `*?[{,}~` are literal.
struct Literal {
    std::string text;
    bool quoted{false};
};

// ${…} and $name. The operator decides what `argument` (and `replacement`) mean.
enum class ParamOp : uint8_t {
    plain,           // $x ${x}
    length,          // ${#x}
    default_value,   // ${x-w}   ${x:-w}  (colon: also when empty)
    assign_default,  // ${x=w}   ${x:=w}
    error_if_unset,  // ${x?w}   ${x:?w}
    alternative,     // ${x+w}   ${x:+w}
    remove_prefix,   // ${x#p}   (longest: ${x##p})
    remove_suffix,   // ${x%p}   (longest: ${x%%p})
    replace,         // ${x/p/r} (all: ${x//p/r}; anchored: ${x/#p/r} ${x/%p/r})
    substring,       // ${x:offset} ${x:offset:length}
    upper,           // ${x^p} (all: ${x^^p})
    lower,           // ${x,p} (all: ${x,,p})
    indirect,        // ${!x}
    names_matching,  // ${!prefix*} ${!prefix@}
    array_keys,      // ${!a[@]} ${!a[*]}
};

enum class ReplaceAnchor : uint8_t { none, start, end };

struct ParamExpansion {
    std::string name;                  // "x", "1", "@", "*", "#", "?", "$", "!", "-", "0", "_"
    std::unique_ptr<Word> index;       // ${a[i]}; "@" or "*" as a literal word for ${a[@]} ${a[*]}
    ParamOp op{ParamOp::plain};
    bool colon{false};                 // ${x:-w} vs ${x-w}
    bool longest{false};               // ## %% // ^^ ,,
    ReplaceAnchor anchor{ReplaceAnchor::none};
    bool star{false};                  // names_matching / array_keys: * rather than @
    std::unique_ptr<Word> argument;    // the word, pattern, offset or case pattern
    std::unique_ptr<Word> replacement; // replace: the replacement; substring: the length
    bool quoted{false};                // inside "…": no splitting or globbing of the result
};

// $(…) and `…`. `source` is the text between the delimiters.
struct CommandSubstitution {
    std::shared_ptr<Program> program;
    std::string source;
    bool quoted{false};
    bool backquoted{false};
};

// $((…)). The expression is a word: parameters and substitutions inside are expanded first.
struct ArithmeticSubstitution {
    std::unique_ptr<Word> expression;
    bool quoted{false};
};

// ~ or ~user at the start of a word (or after = and : in assignments).
struct Tilde {
    std::string user;
};

// <(…) and >(…): expands to a /dev/fd/N path.
struct ProcessSubstitution {
    std::shared_ptr<Program> program;
    std::string source;
    bool output{false};
};

using WordPart = std::variant<Literal, ParamExpansion, CommandSubstitution, ArithmeticSubstitution, Tilde,
                              ProcessSubstitution>;

struct Word {
    std::vector<WordPart> parts;
    SourceSpan span;
};

// ^Redirections

enum class RedirectOp : uint8_t {
    input,          // <
    output,         // >
    append,         // >>
    clobber,        // >|
    read_write,     // <>
    dup_input,      // <&   (target "-" closes)
    dup_output,     // >&   (target "-" closes; ">&file" alone means &>)
    heredoc,        // <<   (body in `target`)
    heredoc_strip,  // <<-  (leading tabs already removed from the body)
    herestring,     // <<<
    output_both,    // &>   (stdout and stderr)
    append_both,    // &>>
};

struct Redirect {
    int fd{-1};  // -1: the operator's default (0 for input forms, 1 for output forms)
    RedirectOp op{RedirectOp::output};
    Word target;            // file name, fd number, or the here-document body
    bool heredoc_quoted{false};  // a quoted delimiter: the body is not expanded
    uint32_t line{1};
};

// ^Commands

// name=value, name+=value, name[i]=value, name=(a b c), name+=(…).
struct Assignment {
    std::string name;
    std::unique_ptr<Word> index;
    bool append{false};
    std::optional<Word> value;                     // scalar form
    std::optional<std::vector<Word>> array;        // compound form; "[k]=v" elements keep their text
    SourceSpan span;
};

struct SimpleCommand {
    std::vector<Assignment> assignments;
    std::vector<Word> words;
    std::vector<Redirect> redirects;
};

struct Subshell {
    std::shared_ptr<Program> body;
};

struct BraceGroup {
    std::shared_ptr<Program> body;
};

struct IfClause {
    struct Branch {
        std::shared_ptr<Program> condition;
        std::shared_ptr<Program> body;
    };
    std::vector<Branch> branches;              // if, then each elif
    std::shared_ptr<Program> else_body;        // may be null
};

struct LoopClause {
    bool until{false};
    std::shared_ptr<Program> condition;
    std::shared_ptr<Program> body;
};

struct ForClause {
    std::string variable;
    std::optional<std::vector<Word>> items;    // nullopt: "$@"
    std::shared_ptr<Program> body;
};

// for ((init; condition; step)); empty words mean "nothing" (an empty condition is true).
struct ArithForClause {
    Word init;
    Word condition;
    Word step;
    std::shared_ptr<Program> body;
};

struct CaseClause {
    enum class Terminator : uint8_t { end, fallthrough, test_next };  // ;;  ;&  ;;&
    struct Item {
        std::vector<Word> patterns;
        std::shared_ptr<Program> body;
        Terminator terminator{Terminator::end};
    };
    Word subject;
    std::vector<Item> items;
};

struct FunctionDefinition {
    std::string name;
    std::shared_ptr<Command> body;  // a compound command, with its own redirections
    std::string source;             // "name() { …; }" as written, for `declare -f` and child shells
};

// (( expression ))
struct ArithmeticCommand {
    Word expression;
};

// [[ … ]]
struct CondExpression {
    enum class Kind : uint8_t { word, unary, binary, negation, conjunction, disjunction };
    Kind kind{Kind::word};
    std::string op;      // "-f" "-z" "-n" "==" "!=" "=~" "<" ">" "-eq" "-nt" …
    Word left;           // word, unary operand, binary left
    Word right;          // binary right: a pattern for == and !=, a regex for =~
    std::unique_ptr<CondExpression> first;   // negation operand; conjunction/disjunction left
    std::unique_ptr<CondExpression> second;  // conjunction/disjunction right
};

struct CondCommand {
    std::unique_ptr<CondExpression> expression;
};

using CommandNode = std::variant<SimpleCommand, Subshell, BraceGroup, IfClause, LoopClause, ForClause, ArithForClause,
                                 CaseClause, FunctionDefinition, ArithmeticCommand, CondCommand>;

struct Command {
    CommandNode node;
    std::vector<Redirect> redirects;  // of a compound command (a simple command keeps its own)
    SourceSpan span;
    std::string source;               // the command's text, for child shells and `set -x`
};

// ^Lists

struct Pipeline {
    bool negated{false};                 // ! cmd
    bool timed{false};                   // time cmd
    std::vector<Command> commands;
    std::vector<bool> stderr_too;        // per "|": true for "|&" (size commands.size() - 1)
    SourceSpan span;
    std::string source;
};

struct AndOr {
    enum class Op : uint8_t { and_then, or_else };  // && ||
    Pipeline first;
    std::vector<std::pair<Op, Pipeline>> rest;
};

struct ListItem {
    AndOr and_or;
    bool background{false};  // terminated by &
    std::string source;
};

struct Program {
    std::vector<ListItem> items;
};

}  // namespace sh
