// parser_test.cpp — the shell grammar: simple commands, lists, pipelines, compound commands,
// functions and coproc, as trees (ast_dump.h) and as nodes (spans, source texts, redirections).
// Every construct here was checked with `bash -n` on the host.
#include <gtest/gtest.h>

#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

TEST(ParserTest, SimpleCommandsAndLists) {
    EXPECT_EQ(parsed("echo hi"), "echo hi;");
    EXPECT_EQ(parsed("echo   a\tb  "), "echo a b;");
    EXPECT_EQ(parsed("a=1 b=2"), "a=1 b=2;");
    EXPECT_EQ(parsed("a=1 cmd arg"), "a=1 cmd arg;");
    EXPECT_EQ(parsed(">out"), ">out;");
    EXPECT_EQ(parsed("cmd a >out b 2>err c"), "cmd a b c >out 2>err;");
    EXPECT_EQ(parsed("a; b & c"), "a; b & c;");
    EXPECT_EQ(parsed("a && b || c"), "a && b || c;");
    EXPECT_EQ(parsed("a &&\nb ||\n\nc"), "a && b || c;");
    EXPECT_EQ(parsed("a | b |& c"), "a | b |& c;");
    EXPECT_EQ(parsed("a |\n b"), "a | b;");
}

TEST(ParserTest, NegationAndTime) {
    EXPECT_EQ(parsed("! a | b"), "! a | b;");
    EXPECT_EQ(parsed("! ! a"), "a;");
    EXPECT_EQ(parsed("time a | b"), "time a | b;");
    EXPECT_EQ(parsed("time -p a"), "time -p a;");
    EXPECT_EQ(parsed("time -p -- a"), "time -p a;");
    EXPECT_EQ(parsed("! time a"), "time ! a;");
    EXPECT_EQ(parsed("time ! a"), "time ! a;");
    EXPECT_EQ(parsed("a | time b"), "a | time b;");
    EXPECT_EQ(parsed("time"), "time ;");
    EXPECT_EQ(parsed("!"), "! ;");
}

TEST(ParserTest, ReservedWordsOnlyInCommandPosition) {
    EXPECT_EQ(parsed("echo if then else fi do done case esac in { } ! [[ ]] function time"),
              "echo if then else fi do done case esac in { } ! [[ ]] function time;");
    EXPECT_EQ(parsed("echo }"), "echo };");
    EXPECT_EQ(parsed("x=1 if"), "x=1 if;");
    EXPECT_EQ(parsed("\\if true; then :; fi"), "error: 1: syntax error near unexpected token `then'");
    EXPECT_EQ(parsed("'if' a"), "'if' a;");
    EXPECT_EQ(parsed("i\\\nf true; then :; fi"), "if true; then :; fi;");
}

TEST(ParserTest, GroupsAndSubshells) {
    EXPECT_EQ(parsed("{ a; b; }"), "{ a; b; };");
    EXPECT_EQ(parsed("{ a\nb\n}"), "{ a; b; };");
    EXPECT_EQ(parsed("{ (a) }"), "{ ( a; ); };");
    EXPECT_EQ(parsed("(a; b)"), "( a; b; );");
    EXPECT_EQ(parsed("( (a) )"), "( ( a; ); );");
    EXPECT_EQ(parsed("( (a) | b )"), "( ( a; ) | b; );");
}

TEST(ParserTest, IfWhileUntil) {
    EXPECT_EQ(parsed("if a; then b; fi"), "if a; then b; fi;");
    EXPECT_EQ(parsed("if a\nthen b\nelif c; then d\nelif e; then f\nelse g\nfi"),
              "if a; then b; elif c; then d; elif e; then f; else g; fi;");
    EXPECT_EQ(parsed("if (a) then b; fi"), "if ( a; ); then b; fi;");
    EXPECT_EQ(parsed("while a; do b; done"), "while a; do b; done;");
    EXPECT_EQ(parsed("until a; do b; done"), "until a; do b; done;");
    EXPECT_EQ(parsed("while a; b; do c; d; done"), "while a; b; do c; d; done;");
}

TEST(ParserTest, ForAndSelect) {
    EXPECT_EQ(parsed("for x in a b c; do echo $x; done"), "for x in a b c; do echo ${x}; done;");
    EXPECT_EQ(parsed("for x; do :; done"), "for x do :; done;");
    EXPECT_EQ(parsed("for x do :; done"), "for x do :; done;");
    EXPECT_EQ(parsed("for x\ndo :; done"), "for x do :; done;");
    EXPECT_EQ(parsed("for x in; do :; done"), "for x in; do :; done;");
    EXPECT_EQ(parsed("for x\nin a b\ndo :; done"), "for x in a b; do :; done;");
    EXPECT_EQ(parsed("for x in a b; { echo $x; }"), "for x in a b; do echo ${x}; done;");
    EXPECT_EQ(parsed("for ((i = 0; i < 3; i++)); do echo $i; done"), "for ((i = 0; i < 3; i++)) do echo ${i}; done;");
    EXPECT_EQ(parsed("for ((;;)); do break; done"), "for ((;;)) do break; done;");
    EXPECT_EQ(parsed("for (( i=0 ; i<3 ; i++ )) { :; }"), "for (( i=0 ; i<3 ; i++ )) do :; done;");
    EXPECT_EQ(parsed("for ((i=0;i<3;i++))\ndo :; done"), "for ((i=0;i<3;i++)) do :; done;");
    EXPECT_EQ(parsed("select x in a b; do break; done"), "select x in a b; do break; done;");
}

TEST(ParserTest, Case) {
    EXPECT_EQ(parsed("case $x in a) echo a;; b|c) echo bc;; (d) echo d;; *) echo other;; esac"),
              "case ${x} in a) echo a; ;; b|c) echo bc; ;; d) echo d; ;; *) echo other; ;; esac;");
    EXPECT_EQ(parsed("case x in\n  a)\n    echo a\n    ;;\n  b) echo b ;&\n  c) echo c ;;&\n  d) ;;\nesac"),
              "case x in a) echo a; ;; b) echo b; ;& c) echo c; ;;& d)  ;; esac;");
    EXPECT_EQ(parsed("case x in a) echo a\nesac"), "case x in a) echo a; ;; esac;");
    EXPECT_EQ(parsed("case x in (esac) echo e;; esac"), "case x in esac) echo e; ;; esac;");
    EXPECT_EQ(parsed("case x in x|esac) :;; esac"), "case x in x|esac) :; ;; esac;");
    EXPECT_EQ(parsed("case x in esac"), "case x in esac;");
    EXPECT_EQ(parsed("case x\nin x) ;;\nesac"), "case x in x)  ;; esac;");
}

TEST(ParserTest, Functions) {
    EXPECT_EQ(parsed("f() { echo f; }"), "function f { echo f; };");
    EXPECT_EQ(parsed("f () { echo f; }"), "function f { echo f; };");
    EXPECT_EQ(parsed("f()\n{\n  echo f\n}"), "function f { echo f; };");
    EXPECT_EQ(parsed("f() ( echo sub )"), "function f ( echo sub; );");
    EXPECT_EQ(parsed("f() if a; then b; fi"), "function f if a; then b; fi;");
    EXPECT_EQ(parsed("f() { :; } >out 2>&1"), "function f { :; } >out 2>&1;");
    EXPECT_EQ(parsed("function f { :; }"), "function f { :; };");
    EXPECT_EQ(parsed("function f() { :; }"), "function f { :; };");
    EXPECT_EQ(parsed("function f\n{ :; }"), "function f { :; };");
    EXPECT_EQ(parsed("a.b-c:d() { :; }"), "function a.b-c:d { :; };");
    EXPECT_EQ(parsed("f() { g() { :; }; }"), "function f { function g { :; }; };");
}

TEST(ParserTest, ArithmeticCommandOrNestedSubshell) {
    EXPECT_EQ(parsed("(( x = 1 + 2 ))"), "(( x = 1 + 2 ));");
    EXPECT_EQ(parsed("((x++)) && echo y"), "((x++)) && echo y;");
    EXPECT_EQ(parsed("((a) )"), "( ( a; ); );");
    EXPECT_EQ(parsed("((a) | b)"), "( ( a; ) | b; );");
    EXPECT_EQ(parsed("((x = (1 + 2) * 3))"), "((x = (1 + 2) * 3));");
    EXPECT_EQ(parsed("(( \"1\" + $(echo 2) ))"), "(( '1' + $(echo 2;) ));");
}

TEST(ParserTest, Conditional) {
    EXPECT_EQ(parsed("[[ -f file ]]"), "[[ (-f file) ]];");
    EXPECT_EQ(parsed("[[ $a == b* && ! -z $c || ( -n x ) ]]"), "[[ (((${a} == b*) && (! (-z ${c}))) || (-n x)) ]];");
    EXPECT_EQ(parsed("[[ a ]]"), "[[ a ]];");
    EXPECT_EQ(parsed("[[ ! a ]]"), "[[ (! a) ]];");
    EXPECT_EQ(parsed("[[ a < b ]]"), "[[ (a < b) ]];");
    EXPECT_EQ(parsed("[[ a > b ]]"), "[[ (a > b) ]];");
    EXPECT_EQ(parsed("[[ x =~ ^(a|b)[0-9]+$ ]]"), "[[ (x =~ ^(a|b)[0-9]+$) ]];");
    EXPECT_EQ(parsed("[[ x =~ (a b) ]]"), "[[ (x =~ (a b)) ]];");
    EXPECT_EQ(parsed("[[ $x =~ $re ]]"), "[[ (${x} =~ ${re}) ]];");
    EXPECT_EQ(parsed("[[ a -eq 1 && b -nt c && d -ef e ]]"), "[[ (((a -eq 1) && (b -nt c)) && (d -ef e)) ]];");
    EXPECT_EQ(parsed("[[\n  a == b\n  &&\n  c != d\n]]"), "[[ ((a == b) && (c != d)) ]];");
    EXPECT_EQ(parsed("[[ -v x && -o errexit && -a f ]]"), "[[ (((-v x) && (-o errexit)) && (-a f)) ]];");
    EXPECT_EQ(parsed("[[ (a == b) ]]"), "[[ (a == b) ]];");
}

TEST(ParserTest, Coproc) {
    EXPECT_EQ(parsed("coproc cat"), "coproc COPROC cat;");
    EXPECT_EQ(parsed("coproc NAME { cat; }"), "coproc NAME { cat; };");
    EXPECT_EQ(parsed("coproc { cat; } >x"), "coproc COPROC { cat; } >x;");
    EXPECT_EQ(parsed("coproc cat >x\n"), "coproc COPROC cat >x;");
}

TEST(ParserTest, RedirectionFields) {
    Program program = parse_ok("cmd 2>&1 >&- <&3 3<>f &>x &>>y >|z <<<s {fd}>file 10>x 2>&1- <in >>app");
    const auto& redirects = first_simple(program).redirects;
    ASSERT_EQ(redirects.size(), 13u);
    struct Expected {
        int fd;
        RedirectOp op;
        const char* target;
    };
    const Expected expected[] = {
        {2, RedirectOp::dup_output, "1"},  {-1, RedirectOp::dup_output, "-"}, {-1, RedirectOp::dup_input, "3"},
        {3, RedirectOp::read_write, "f"},  {-1, RedirectOp::output_both, "x"}, {-1, RedirectOp::append_both, "y"},
        {-1, RedirectOp::clobber, "z"},    {-1, RedirectOp::herestring, "s"}, {-1, RedirectOp::output, "file"},
        {10, RedirectOp::output, "x"},     {2, RedirectOp::dup_output, "1-"}, {-1, RedirectOp::input, "in"},
        {-1, RedirectOp::append, "app"},
    };
    for (size_t i = 0; i < redirects.size(); ++i) {
        EXPECT_EQ(redirects[i].fd, expected[i].fd) << i;
        EXPECT_EQ(redirects[i].op, expected[i].op) << i;
        EXPECT_EQ(dump(redirects[i].target), expected[i].target) << i;
    }
    EXPECT_EQ(redirects[8].fd_variable, "fd");
}

TEST(ParserTest, FdPrefixOnlyWhenAdjacentAndNumeric) {
    EXPECT_EQ(parsed("echo 2 >x"), "echo 2 >x;");
    EXPECT_EQ(parsed("echo a2>x"), "echo a2 >x;");
    EXPECT_EQ(parsed("echo \"2\">x"), "echo '2' >x;");
    EXPECT_EQ(parsed("echo 2&>x"), "echo 2 &>x;");
    EXPECT_EQ(parsed("echo {a b}>x"), "echo {a b} >x;");
    EXPECT_EQ(parsed("echo {1x}>x"), "echo {1x} >x;");
    Program program = parse_ok("exec {log}>>file 99<in");
    const auto& redirects = first_simple(program).redirects;
    ASSERT_EQ(redirects.size(), 2u);
    EXPECT_EQ(redirects[0].fd_variable, "log");
    EXPECT_EQ(redirects[0].op, RedirectOp::append);
    EXPECT_EQ(redirects[1].fd, 99);
}

TEST(ParserTest, AssignmentsOnlyBeforeTheCommandName) {
    Program program = parse_ok("a=1 >f b=2 cmd c=3");
    const auto& simple = first_simple(program);
    ASSERT_EQ(simple.assignments.size(), 2u);
    EXPECT_EQ(simple.assignments[0].name, "a");
    EXPECT_EQ(simple.assignments[1].name, "b");
    ASSERT_EQ(simple.words.size(), 2u);
    EXPECT_EQ(dump(simple.words[1]), "c=3");
    EXPECT_TRUE(simple.declarations.empty());
}

TEST(ParserTest, DeclarationArgumentsAreAlsoAssignments) {
    Program program = parse_ok("declare -a a=(1 \"2 3\") b+=x -x c[1]=y d");
    const auto& simple = first_simple(program);
    ASSERT_EQ(simple.words.size(), 7u);
    EXPECT_EQ(dump(simple.words[2]), "a=(1 '2 3')");
    ASSERT_EQ(simple.declarations.size(), 3u);
    EXPECT_EQ(simple.declarations[0].first, 2u);
    EXPECT_EQ(dump(simple.declarations[0].second), "a=(1 '2 3')");
    ASSERT_TRUE(simple.declarations[0].second.array.has_value());
    EXPECT_EQ(simple.declarations[0].second.array->size(), 2u);
    EXPECT_EQ(simple.declarations[1].first, 3u);
    EXPECT_TRUE(simple.declarations[1].second.append);
    EXPECT_EQ(simple.declarations[2].first, 5u);
    EXPECT_EQ(dump(*simple.declarations[2].second.index), "1");
    for (const char* builtin : {"local", "export", "readonly", "typeset"})
        EXPECT_EQ(first_simple(parse_ok(std::string(builtin) + " x=(1)")).declarations.size(), 1u) << builtin;
    EXPECT_EQ(parsed("echo x=(1)"), "error: 1: syntax error near unexpected token `('");
    EXPECT_EQ(parsed("\"declare\" x=(1)"), "error: 1: syntax error near unexpected token `('");
}

TEST(ParserTest, AssignmentStructure) {
    Program program = parse_ok("a[i+1]+=(x [k]=v) b=$c");
    const auto& assignments = first_simple(program).assignments;
    ASSERT_EQ(assignments.size(), 2u);
    EXPECT_EQ(assignments[0].name, "a");
    ASSERT_NE(assignments[0].index, nullptr);
    EXPECT_EQ(dump(*assignments[0].index), "i+1");
    EXPECT_TRUE(assignments[0].append);
    EXPECT_FALSE(assignments[0].value.has_value());
    ASSERT_TRUE(assignments[0].array.has_value());
    ASSERT_EQ(assignments[0].array->size(), 2u);
    EXPECT_EQ(dump((*assignments[0].array)[1]), "[k]=v");
    ASSERT_TRUE(assignments[1].value.has_value());
    EXPECT_EQ(dump(*assignments[1].value), "${c}");
    EXPECT_EQ(assignments[1].span.begin, 18u);
    EXPECT_EQ(assignments[1].span.end, 22u);
}

TEST(ParserTest, LineNumbersOfNodes) {
    Program program = parse_ok("echo one\n\nif true\nthen\n  echo two\nfi\necho \\\nthree; echo four\n");
    ASSERT_EQ(program.items.size(), 4u);
    EXPECT_EQ(program.items[0].span.line, 1u);
    EXPECT_EQ(program.items[1].span.line, 3u);
    EXPECT_EQ(program.items[2].span.line, 7u);
    EXPECT_EQ(program.items[3].span.line, 8u);
    const auto& clause = std::get<IfClause>(program.items[1].and_or.first.commands[0].node);
    const auto& inner = clause.branches[0].body->items[0].and_or.first.commands[0];
    EXPECT_EQ(inner.span.line, 5u);
    EXPECT_EQ(std::get<SimpleCommand>(inner.node).words[1].span.line, 5u);
    const auto& words = std::get<SimpleCommand>(program.items[2].and_or.first.commands[0].node).words;
    EXPECT_EQ(words[1].span.line, 8u);  // after the line continuation
    Program redirects = parse_ok("cat \\\n  <in\n");
    EXPECT_EQ(first_simple(redirects).redirects[0].line, 2u);
}

TEST(ParserTest, SourceTextsAreAsWritten) {
    const char* text = "f() {  echo  a; } >x\n! a  |  b  &&  c;  d &\ncase $x in a) e;; esac";
    Program program = parse_ok(text);
    ASSERT_EQ(program.items.size(), 4u);
    EXPECT_EQ(program.items[0].source, "f() {  echo  a; } >x");
    const auto& definition = std::get<FunctionDefinition>(first_command(program).node);
    EXPECT_EQ(definition.name, "f");
    EXPECT_EQ(definition.source, "f() {  echo  a; } >x");
    EXPECT_EQ(definition.body->source, "{  echo  a; } >x");
    ASSERT_EQ(definition.body->redirects.size(), 1u);
    const auto& pipeline = program.items[1].and_or.first;
    EXPECT_EQ(program.items[1].source, "! a  |  b  &&  c");
    EXPECT_EQ(pipeline.source, "! a  |  b");
    EXPECT_EQ(pipeline.commands[1].source, "b");
    EXPECT_EQ(program.items[1].and_or.rest[0].second.source, "c");
    EXPECT_EQ(program.items[2].source, "d");
    EXPECT_TRUE(program.items[2].background);
    EXPECT_EQ(program.items[3].source, "case $x in a) e;; esac");
    EXPECT_EQ(program.items[1].span.begin, 21u);
    EXPECT_EQ(program.items[1].span.end, 37u);
}

TEST(ParserTest, SourceTextsKeepContinuationsAndComments) {
    Program program = parse_ok("{ echo a \\\n  b # note\n}\n");
    EXPECT_EQ(first_command(program).source, "{ echo a \\\n  b # note\n}");
    Program function = parse_ok("function g\n{\n  (cd /; ls)\n}");
    EXPECT_EQ(std::get<FunctionDefinition>(first_command(function).node).source, "function g\n{\n  (cd /; ls)\n}");
}

TEST(ParserTest, SubstitutionSourcesAreTheTextBetweenDelimiters) {
    Program program = parse_ok("echo $( a  |  b ) <( c ) >(d) `e \\`f\\``\n");
    const auto& parts = first_word(program, 1).parts;
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(std::get<CommandSubstitution>(parts[0]).source, " a  |  b ");
    EXPECT_EQ(std::get<ProcessSubstitution>(first_word(program, 2).parts[0]).source, " c ");
    EXPECT_FALSE(std::get<ProcessSubstitution>(first_word(program, 2).parts[0]).output);
    EXPECT_TRUE(std::get<ProcessSubstitution>(first_word(program, 3).parts[0]).output);
    const auto& backquoted = std::get<CommandSubstitution>(first_word(program, 4).parts[0]);
    EXPECT_TRUE(backquoted.backquoted);
    EXPECT_EQ(backquoted.source, "e `f`");
    EXPECT_EQ(dump(*backquoted.program), "e `f;`;");
}

TEST(ParserTest, PipelineFlags) {
    Program program = parse_ok("time -p ! a |& b | c");
    const auto& pipeline = program.items[0].and_or.first;
    EXPECT_TRUE(pipeline.timed);
    EXPECT_TRUE(pipeline.time_posix);
    EXPECT_TRUE(pipeline.negated);
    ASSERT_EQ(pipeline.commands.size(), 3u);
    EXPECT_EQ(pipeline.stderr_too, (std::vector<bool>{true, false}));
    Program bare = parse_ok("!");
    EXPECT_TRUE(bare.items[0].and_or.first.commands.empty());
}

TEST(ParserTest, CaseTerminatorsAndPatterns) {
    Program program = parse_ok("case x in a|b) ;; c) ;& d) ;;& e) f\nesac");
    const auto& clause = std::get<CaseClause>(first_command(program).node);
    ASSERT_EQ(clause.items.size(), 4u);
    EXPECT_EQ(clause.items[0].patterns.size(), 2u);
    EXPECT_EQ(clause.items[0].terminator, CaseClause::Terminator::end);
    EXPECT_EQ(clause.items[1].terminator, CaseClause::Terminator::fallthrough);
    EXPECT_EQ(clause.items[2].terminator, CaseClause::Terminator::test_next);
    EXPECT_EQ(clause.items[3].terminator, CaseClause::Terminator::end);
    EXPECT_TRUE(clause.items[0].body->items.empty());
}

TEST(ParserTest, ForWithoutInHasNoItems) {
    EXPECT_FALSE(std::get<ForClause>(first_command(parse_ok("for x; do :; done")).node).items.has_value());
    Program program = parse_ok("for x in; do :; done");
    auto& clause = std::get<ForClause>(first_command(program).node);
    ASSERT_TRUE(clause.items.has_value());
    EXPECT_TRUE(clause.items->empty());
    EXPECT_TRUE(std::get<ForClause>(first_command(parse_ok("select y in a; do :; done")).node).select);
    // bash checks the name when the loop runs.
    EXPECT_EQ(std::get<ForClause>(first_command(parse_ok("for 1x in a; do :; done")).node).variable, "1x");
}

TEST(ParserTest, ArithmeticForParts) {
    Program program = parse_ok("for ((i = 0; i < $n; i++)); do :; done");
    const auto& clause = std::get<ArithForClause>(first_command(program).node);
    EXPECT_EQ(dump(clause.init), "i = 0");
    EXPECT_EQ(dump(clause.condition), " i < ${n}");
    EXPECT_EQ(dump(clause.step), " i++");
    Program forever = parse_ok("for ((;;)) do :; done");
    const auto& empty = std::get<ArithForClause>(first_command(forever).node);
    EXPECT_TRUE(empty.init.parts.empty());
    EXPECT_TRUE(empty.condition.parts.empty());
    EXPECT_EQ(parsed("for ((i=0; i<3)); do :; done"), "error: 1: syntax error: arithmetic expression required");
}

TEST(ParserTest, ConditionalStructure) {
    Program program = parse_ok("[[ ! -f $x || a =~ b ]]");
    const auto& expression = *std::get<CondCommand>(first_command(program).node).expression;
    EXPECT_EQ(expression.kind, CondExpression::Kind::disjunction);
    EXPECT_EQ(expression.first->kind, CondExpression::Kind::negation);
    EXPECT_EQ(expression.first->first->kind, CondExpression::Kind::unary);
    EXPECT_EQ(expression.first->first->op, "-f");
    EXPECT_EQ(expression.second->kind, CondExpression::Kind::binary);
    EXPECT_EQ(expression.second->op, "=~");
    EXPECT_EQ(dump(expression.second->right), "b");
}

TEST(ParserTest, ConditionalWordsAreOrdinaryWords) {
    EXPECT_EQ(parsed("[[ \"$a\" == 'b'* ]]"), "[[ (\"${a}\" == 'b'*) ]];");
    EXPECT_EQ(parsed("[[ $(echo a) == ~ ]]"), "[[ ($(echo a;) == (~)) ]];");
    EXPECT_EQ(parsed("[[ 1<2 ]]"), "[[ (1 < 2) ]];");
    EXPECT_EQ(parsed("[[ a == @(b|c) ]]"), "[[ (a == @(b|c)) ]];");
    EXPECT_EQ(parsed("[[ a =~ x\\ y ]]"), "[[ (a =~ x' 'y) ]];");
    EXPECT_EQ(parsed("[[ a =~ \"(\" ]]"), "[[ (a =~ '(') ]];");
}

TEST(ParserTest, CoprocStructure) {
    Program program = parse_ok("coproc LINES { read x; } 2>/dev/null");
    const auto& clause = std::get<CoprocClause>(first_command(program).node);
    EXPECT_EQ(clause.name, "LINES");
    EXPECT_EQ(clause.body->redirects.size(), 1u);
    EXPECT_EQ(first_command(program).source, "coproc LINES { read x; } 2>/dev/null");
    EXPECT_EQ(std::get<CoprocClause>(first_command(parse_ok("coproc sort -n")).node).name, "COPROC");
}

}  // namespace
}  // namespace sh::test
