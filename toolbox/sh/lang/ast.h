// ast.h — the shell's syntax tree: what the parser makes and the executor walks.
//
// A script is a Program: a list of and-or lists, each a chain of pipelines of commands. Words keep
// their structure (literal text, quoted or not, and the expansions inside) so expansion never
// re-lexes; every node that can be re-run elsewhere — a function body, a subshell, a pipeline
// stage that runs in a child `sh` — keeps its source text, which is what a child shell receives.
// A source text is the node's text as written (line continuations included); when the node has
// here-documents whose bodies follow its line, those bodies (with their delimiter lines) are
// appended after a newline, so the text parses on its own.
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

// Where a node came from in its source: byte offsets and the 1-based line of its start. Offsets
// index the text the parser read, which is the source unless an alias was substituted (the
// parser splices alias text into its buffer, so offsets after that point have moved).
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
// bash checks the operator only when it expands the word (`true || echo ${x!}` is fine), so an
// operator it doesn't know parses as bad_substitution and fails at expansion.
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
    toggle_case,     // ${x~p} (all: ${x~~p})
    names_matching,  // ${!prefix*} ${!prefix@}
    array_keys,      // ${!a[@]} ${!a[*]}
    transform,       // ${x@Q}: `argument` is the operator letter (Q E P A a K k U u L)
    bad_substitution,  // `argument` is the whole text "${…}" as a literal, for the error message
};

enum class ReplaceAnchor : uint8_t { none, start, end };

struct ParamExpansion {
    std::string name;                  // "x", "1", "@", "*", "#", "?", "$", "!", "-", "0", "_"
    std::unique_ptr<Word> index;       // ${a[i]}; "@" or "*" as a literal word for ${a[@]} ${a[*]}
    bool indirect{false};              // ${!x}, ${!x:-w}…: the value of x names the parameter
    ParamOp op{ParamOp::plain};
    bool colon{false};                 // ${x:-w} vs ${x-w}
    bool longest{false};               // ## %% // ^^ ,,
    ReplaceAnchor anchor{ReplaceAnchor::none};
    bool star{false};                  // names_matching / array_keys: * rather than @
    std::unique_ptr<Word> argument;    // the word, pattern, offset or case pattern
    std::unique_ptr<Word> replacement; // replace: the replacement; substring: the length
    bool quoted{false};                // inside "…": no splitting or globbing of the result
};

// $(…) and `…`. `source` is the text between the delimiters (for `…`, after its backslashes are
// processed). bash parses backquoted text only when it runs it, so a `…` whose text doesn't parse
// has a null `program` and the executor reports the error from `source` at that point.
struct CommandSubstitution {
    std::shared_ptr<Program> program;
    std::string source;
    bool quoted{false};
    bool backquoted{false};
    uint32_t line{0};  // where it starts: its text's first line (LINENO in the child shell)
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
    uint32_t line{0};  // where it starts
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
    std::string fd_variable;  // {name}>file: open a new fd (>= 10) and store its number in name
    RedirectOp op{RedirectOp::output};
    Word target;            // file name, fd number, or the here-document body (all of it quoted)
    bool heredoc_quoted{false};  // a quoted delimiter: the body is not expanded
    std::string heredoc_delimiter;  // without its quotes (declare -f shows it)
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
    // What set -x shows of it as written: "name[subscript]=" (or "name+=") before the value, or
    // for the compound form the whole of it, its elements one space apart: "a=(x "y z")".
    std::string trace_text;
};

struct SimpleCommand {
    std::vector<Assignment> assignments;
    std::vector<Word> words;
    std::vector<Redirect> redirects;
    // When words[0] is literally declare, typeset, local, export or readonly: its arguments that
    // have assignment form, parsed as assignments too (with `name=(…)` arrays, which bash accepts
    // only there), by index into `words`. The words themselves stay as they are.
    std::vector<std::pair<size_t, Assignment>> declarations;
    // LINENO while it runs. bash takes the line its parser had reached when it made the command:
    // past the first element, and past the next token too when the first is a word (it had to
    // look ahead for `name ()`), so `echo "a<newline>b"` counts from its last line.
    uint32_t line{1};
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
    bool select{false};                        // select name in …; do …; done
    std::string variable;                      // as written: checked when the loop runs
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
    std::string name;               // as written: bash rejects quoting or $ in it when it runs
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
    Kind kind{Kind::word};  // word: a lone operand, true when not empty (`[[ $x ]]`, like -n)
    std::string op;      // "-f" "-z" "-n" "==" "!=" "=~" "<" ">" "-eq" "-nt" …
    Word left;           // word, unary operand, binary left
    Word right;          // binary right: a pattern for == and !=, a regex for =~
    std::unique_ptr<CondExpression> first;   // negation operand; conjunction/disjunction left
    std::unique_ptr<CondExpression> second;  // conjunction/disjunction right
    uint8_t parentheses{0};  // how many ( ) were written around it (declare -f shows them)
};

struct CondCommand {
    std::unique_ptr<CondExpression> expression;
};

// coproc [NAME] command: the command runs in the background joined to the shell by two pipes,
// whose fds go to the array NAME (COPROC when no name is given; a name needs a compound command).
struct CoprocClause {
    std::string name;
    std::shared_ptr<Command> body;
};

using CommandNode = std::variant<SimpleCommand, Subshell, BraceGroup, IfClause, LoopClause, ForClause, ArithForClause,
                                 CaseClause, FunctionDefinition, ArithmeticCommand, CondCommand, CoprocClause>;

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
    bool time_posix{false};              // time -p cmd
    // `commands` is empty for a bare `!` or `time` (bash accepts both).
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
    SourceSpan span;
    std::string source;      // without the terminating ; or &
};

struct Program {
    std::vector<ListItem> items;
};

}  // namespace sh
