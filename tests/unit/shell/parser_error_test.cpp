// parser_error_test.cpp — syntax errors as bash 5.2 reports them (message, line, and the line it
// quotes), incomplete input (what makes an interactive shell read another line), and going on
// after an error. Each expectation in kBashErrors was produced by running the text as a script
// with the host's bash.
#include <gtest/gtest.h>

#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

struct BashError {
    const char* text;
    uint32_t line;
    const char* message;
    const char* quoted_line;  // bash's second line, "NAME: line N: `…'"; empty when none
};

const BashError kBashErrors[] = {
        {"if true; then fi", 1, "syntax error near unexpected token `fi'", "if true; then fi"},
        {"if true; then", 2, "syntax error: unexpected end of file", ""},
        {"if true; then\nfi fi", 2, "syntax error near unexpected token `fi'", "fi fi"},
        {"echo a |", 2, "syntax error: unexpected end of file", ""},
        {"echo a &&", 2, "syntax error: unexpected end of file", ""},
        {"echo \"abc", 1, "unexpected EOF while looking for matching `\"'", ""},
        {"echo 'abc", 1, "unexpected EOF while looking for matching `''", ""},
        {"echo $(ls", 2, "unexpected EOF while looking for matching `)'", ""},
        {"echo ${x", 1, "unexpected EOF while looking for matching `}'", ""},
        {"echo `ls", 1, "unexpected EOF while looking for matching ``'", ""},
        {"echo $((1+2", 1, "unexpected EOF while looking for matching `)'", ""},
        {"a=(1 2", 1, "unexpected EOF while looking for matching `)'", ""},
        {"[[ a b ]]", 1, "conditional binary operator expected", ""},
        {"[[ -f ]]", 1, "unexpected argument `]]' to conditional unary operator", ""},
        {"[[ a == ]]", 1, "unexpected argument `]]' to conditional binary operator", ""},
        {"[[ ( a ]]", 1, "unexpected token `]]', expected `)'", ""},
        {"[[ a", 1, "unexpected token `newline', conditional binary operator expected", ""},
        {"case x in", 2, "syntax error: unexpected end of file", ""},
        {"for x in a b; echo", 1, "syntax error near unexpected token `echo'", "for x in a b; echo"},
        {")", 1, "syntax error near unexpected token `)'", ")"},
        {"echo a; ;", 1, "syntax error near unexpected token `;'", "echo a; ;"},
        {"&& x", 1, "syntax error near unexpected token `&&'", "&& x"},
        {"f() echo", 1, "syntax error near unexpected token `echo'", "f() echo"},
        {"echo <", 1, "syntax error near unexpected token `newline'", "echo <"},
        {"echo > ;", 1, "syntax error near unexpected token `;'", "echo > ;"},
        {"echo a;;", 1, "syntax error near unexpected token `;;'", "echo a;;"},
        {"x\ny\nfor x in\n\n a\n b; echo", 5, "syntax error near unexpected token `a'", " a"},
        {"case x in\n a) echo ;;\n", 3, "syntax error: unexpected end of file", ""},
        {"{ echo\n", 2, "syntax error: unexpected end of file", ""},
        {"(echo\n", 2, "syntax error: unexpected end of file", ""},
        {"echo (a)", 1, "syntax error near unexpected token `a'", "echo (a)"},
        {"{ (echo x) } foo", 1, "syntax error near unexpected token `foo'", "{ (echo x) } foo"},
        {"for ((i=0; i<3)); do :; done", 1, "syntax error: arithmetic expression required", ""},
        {"echo $(if true)", 1, "syntax error near unexpected token `)'", "echo $(if true)"},
        {"echo $(if true\n", 2, "unexpected EOF while looking for matching `)'", ""},
        {"x=1 f() { :; }", 1, "syntax error near unexpected token `('", "x=1 f() { :; }"},
        {"function f echo", 1, "syntax error near unexpected token `echo'", "function f echo"},
        {"[[ a &&", 2, "unexpected token `EOF' in conditional command", ""},
        {"[[ -f", 1, "unexpected argument `newline' to conditional unary operator", ""},
        {"[[ a ==", 1, "unexpected argument `newline' to conditional binary operator", ""},
        {"[[ (", 2, "unexpected token `EOF' in conditional command", ""},
        {"[[ !", 2, "unexpected token `EOF' in conditional command", ""},
        {"[[ a ; ]]", 1, "unexpected token `;', conditional binary operator expected", ""},
        {"[[ a | b ]]", 1, "unexpected token `|', conditional binary operator expected", ""},
        {"[[ a\n== b ]]", 1, "unexpected token `newline', conditional binary operator expected", ""},
        {"[[ a ==\nb ]]", 1, "unexpected argument `newline' to conditional binary operator", ""},
        {"[[ a =~ a<b ]]", 1, "syntax error in conditional expression: unexpected token `<'", ""},
        {"[[ a == b c ]]", 1, "syntax error in conditional expression", ""},
        {"[[ a ) ]]", 1, "syntax error in conditional expression: unexpected token `)'", ""},
        {"[[ -f a b ]]", 1, "syntax error in conditional expression", ""},
        {"while true; do", 2, "syntax error: unexpected end of file", ""},
        {"while true; done", 1, "syntax error near unexpected token `done'", "while true; done"},
        {"until do done", 1, "syntax error near unexpected token `do'", "until do done"},
        {"if then fi", 1, "syntax error near unexpected token `then'", "if then fi"},
        {"if true; then echo; else fi", 1, "syntax error near unexpected token `fi'", "if true; then echo; else fi"},
        {"if true; then echo; elif fi", 1, "syntax error near unexpected token `fi'", "if true; then echo; elif fi"},
        {"case a in esac); esac", 1, "syntax error near unexpected token `)'", "case a in esac); esac"},
        {"case a b in esac", 1, "syntax error near unexpected token `b'", "case a b in esac"},
        {"case a in a) echo;; b echo", 1, "syntax error near unexpected token `echo'", "case a in a) echo;; b echo"},
        {"{ }", 1, "syntax error near unexpected token `}'", "{ }"},
        {"( )", 1, "syntax error near unexpected token `)'", "( )"},
        {"echo a | | b", 1, "syntax error near unexpected token `|'", "echo a | | b"},
        {"! &", 1, "syntax error near unexpected token `&'", "! &"},
        {"time &", 1, "syntax error near unexpected token `&'", "time &"},
        {"a | ! b", 1, "syntax error near unexpected token `!'", "a | ! b"},
        {"echo >", 1, "syntax error near unexpected token `newline'", "echo >"},
        {"echo 2>&", 1, "syntax error near unexpected token `newline'", "echo 2>&"},
        {"cat <<", 1, "syntax error near unexpected token `newline'", "cat <<"},
        {"echo a >& ;", 1, "syntax error near unexpected token `;'", "echo a >& ;"},
        {"fi", 1, "syntax error near unexpected token `fi'", "fi"},
        {"done", 1, "syntax error near unexpected token `done'", "done"},
        {"}", 1, "syntax error near unexpected token `}'", "}"},
        {"then", 1, "syntax error near unexpected token `then'", "then"},
        {"esac", 1, "syntax error near unexpected token `esac'", "esac"},
        {"in", 1, "syntax error near unexpected token `in'", "in"},
        {"]]", 1, "syntax error near unexpected token `]]'", "]]"},
        {"echo \"a\nb\nc", 1, "unexpected EOF while looking for matching `\"'", ""},
        {"echo a\necho 'x\ny", 2, "unexpected EOF while looking for matching `''", ""},
        {"echo $(( (1 )", 1, "unexpected EOF while looking for matching `)'", ""},
        {"function", 1, "syntax error near unexpected token `newline'", "function"},
        {"function f", 2, "syntax error: unexpected end of file", ""},
        {"f (", 1, "syntax error near unexpected token `newline'", "f ("},
        {"f ( x", 1, "syntax error near unexpected token `x'", "f ( x"},
        {"for", 1, "syntax error near unexpected token `newline'", "for"},
        {"for x in a b", 2, "syntax error: unexpected end of file", ""},
        {"select x in a; do", 2, "syntax error: unexpected end of file", ""},
        {"echo ${x:-$(ls}", 2, "unexpected EOF while looking for matching `)'", ""},
        {"echo \"$(echo \")\"", 2, "unexpected EOF while looking for matching `)'", ""},
        {"a=(x ; y)", 1, "syntax error near unexpected token `;'", "a=(x ; y)"},
        {"echo a |& | b", 1, "syntax error near unexpected token `|'", "echo a |& | b"},
        {"echo a || || b", 1, "syntax error near unexpected token `||'", "echo a || || b"},
        {"(( 1 +", 1, "unexpected EOF while looking for matching `)'", ""},
        {"for (( ; ; ))", 2, "syntax error: unexpected end of file", ""},
        {"echo ok; (", 2, "syntax error: unexpected end of file", ""},
        {"foo() { echo; }; foo() bar\n", 1, "syntax error near unexpected token `bar'", "foo() { echo; }; foo() bar"},
};

TEST(ParserErrorTest, MessagesAndLinesMatchBash) {
    for (const auto& expected : kBashErrors) {
        ParseError error = parse_error(expected.text);
        EXPECT_EQ(error.message, expected.message) << expected.text;
        EXPECT_EQ(error.line, expected.line) << expected.text;
        EXPECT_EQ(error.source_line, expected.quoted_line) << expected.text;
    }
}

TEST(ParserErrorTest, NestedSubstitutionErrors) {
    EXPECT_EQ(parsed("echo $(echo $(ls)"), "error: 2: unexpected EOF while looking for matching `)'");
    EXPECT_EQ(parsed("echo \"$(echo \"a)\""), "error: 2: unexpected EOF while looking for matching `)'");
    EXPECT_EQ(parsed("echo $(fi)"), "error: 1: syntax error near unexpected token `fi'");
    EXPECT_EQ(parsed("echo <(a"), "error: 2: unexpected EOF while looking for matching `)'");
    EXPECT_EQ(parsed("echo ${x:-$(a}"), "error: 2: unexpected EOF while looking for matching `)'");
}

TEST(ParserErrorTest, IncompleteInput) {
    const char* incomplete[] = {
        "if true; then",  "if true; then echo; else",  "while true",    "until false; do",  "for x in a",
        "for x in a; do", "case x in",                 "case x in a)",  "{ echo",           "( echo",
        "f() {",          "function f",                "echo a |",      "echo a &&",        "echo a ||",
        "echo 'a",        "echo \"a",                  "echo `a",       "echo $(a",         "echo ${a",
        "echo $((1",      "echo $'a",                  "a=(1",          "[[ a &&",          "((1 +",
        "echo $(if x",    "select x in a; do",         "echo a |\n\n",  "if\n",
    };
    for (const char* text : incomplete)
        EXPECT_TRUE(parse_error(text).incomplete) << text;
}

TEST(ParserErrorTest, CompleteButWrongIsNotIncomplete) {
    const char* wrong[] = {"if true; then fi", "echo <", ")", "[[ a b ]]", "[[ a", "case x in a b) ;; esac",
                           "echo a; ;", "f() echo", "echo a=(1)"};
    for (const char* text : wrong)
        EXPECT_FALSE(parse_error(text).incomplete) << text;
}

TEST(ParserErrorTest, InteractiveLineContinuationIsIncomplete) {
    ParseOptions interactive;
    interactive.interactive = true;
    EXPECT_TRUE(parse_error("echo a \\\n", interactive).incomplete);
    EXPECT_TRUE(parse_error("\\\n", interactive).incomplete);
    EXPECT_EQ(parsed("echo a \\\nb\n", interactive), "echo a b;");
    // A script simply ends there.
    EXPECT_EQ(parsed("echo a \\\n"), "echo a;");
    EXPECT_EQ(parsed("echo 'a\\\n'", interactive), "echo 'a\\\n';");
}

TEST(ParserErrorTest, NextResumesAfterTheLineOfTheError) {
    Parser parser("echo one\nif true; then fi; echo skipped\necho two\n( echo\n");
    std::vector<std::string> results;
    while (auto result = parser.next()) {
        if (auto* error = std::get_if<ParseError>(&*result))
            results.push_back("error " + std::to_string(error->line) + ": " + error->message);
        else
            results.push_back(dump(std::get<Program>(*result)));
    }
    EXPECT_EQ(results, (std::vector<std::string>{
                           "echo one;",
                           "error 2: syntax error near unexpected token `fi'",
                           "echo two;",
                           "error 5: syntax error: unexpected end of file",
                       }));
}

TEST(ParserErrorTest, ErrorInsideAMultiLineCommandResumesAfterItsLine) {
    Parser parser("if true\nthen fi\necho after\n");
    auto first = parser.next();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(std::holds_alternative<ParseError>(*first));
    EXPECT_EQ(std::get<ParseError>(*first).line, 2u);
    auto second = parser.next();
    ASSERT_TRUE(second.has_value());
    ASSERT_TRUE(std::holds_alternative<Program>(*second));
    EXPECT_EQ(dump(std::get<Program>(*second)), "echo after;");
    EXPECT_EQ(std::get<Program>(*second).items[0].span.line, 3u);
}

TEST(ParserErrorTest, ConditionalMessages) {
    // bash gives no message for these (it silently drops the command); we say what is wrong.
    EXPECT_EQ(parsed("[[ ]]"), "error: 1: syntax error in conditional expression");
    EXPECT_EQ(parsed("[[ a && ]]"), "error: 1: syntax error in conditional expression");
    EXPECT_EQ(parsed("[[ ! ]]"), "error: 1: syntax error in conditional expression");
}

}  // namespace
}  // namespace sh::test
