// parser_heredoc_test.cpp — here-documents: bodies read after their line in operator order,
// quoted delimiters, <<- tab stripping, backslash-newline joining, bodies inside $( ) and
// compound commands, the source texts that carry their bodies, and end-of-file handling (a
// warning in a script, an incomplete command when interactive). Messages are bash 5.2's.
#include <gtest/gtest.h>

#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

TEST(ParserHeredocTest, Bodies) {
    EXPECT_EQ(parsed("cat <<EOF\nhello\nEOF"), "cat <<{'hello\n'};");
    EXPECT_EQ(parsed("cat <<EOF\na $x ${y} $(z) `w` $((1+1)) \\$ \\` \\\\ \\\" \\x 'q' \"d\"\nEOF"),
              "cat <<{'a '\"${x}\"' '\"${y}\"' '\"$(z;)\"' '\"`w;`\"' '\"$((1+1))\"' "
              "$ ` \\ \\\" \\x \\'q\\' \"d\"\n'};");
    EXPECT_EQ(parsed("cat <<EOF\nEOF"), "cat <<{};");
    EXPECT_EQ(parsed("cat <<EOF\n  EOF\n EOF\nEOF"), "cat <<{'  EOF\n EOF\n'};");
    EXPECT_EQ(parsed("cat <<EOF\nlast line without newline\nEOF"), "cat <<{'last line without newline\n'};");
    EXPECT_EQ(parsed("cat << EOF\nspaced\nEOF"), "cat <<{'spaced\n'};");
    EXPECT_EQ(parsed("cat <<EOF >out 2>&1\nx\nEOF"), "cat <<{'x\n'} >out 2>&1;");
    EXPECT_EQ(parsed("cat <<EOF\nEOF\necho after\n"), "cat <<{}; echo after;");
}

TEST(ParserHeredocTest, QuotedDelimitersKeepTheBody) {
    EXPECT_EQ(parsed("cat <<'EOF'\na $x `w` \\$\nEOF"), "cat <<q{'a $x `w` \\$\n'};");
    EXPECT_EQ(parsed("cat <<\"EOF\"\n$x\nEOF"), "cat <<q{'$x\n'};");
    EXPECT_EQ(parsed("cat <<\\EOF\n$x\nEOF"), "cat <<q{'$x\n'};");
    EXPECT_EQ(parsed("cat <<E\"O\"F\n$x\nEOF"), "cat <<q{'$x\n'};");
    Program program = parse_ok("cat <<'EOF'\n$x\nEOF\n");
    const auto& redirect = first_simple(program).redirects.at(0);
    EXPECT_TRUE(redirect.heredoc_quoted);
    EXPECT_EQ(redirect.op, RedirectOp::heredoc);
    ASSERT_EQ(redirect.target.parts.size(), 1u);
    EXPECT_TRUE(std::get<Literal>(redirect.target.parts[0]).quoted);
}

TEST(ParserHeredocTest, UnquotedBodiesAreExpandedButNotSplit) {
    Program program = parse_ok("cat <<EOF\na $x b\nEOF\n");
    const auto& target = first_simple(program).redirects.at(0).target;
    ASSERT_EQ(target.parts.size(), 3u);
    EXPECT_TRUE(std::get<Literal>(target.parts[0]).quoted);
    EXPECT_TRUE(std::get<ParamExpansion>(target.parts[1]).quoted);
    EXPECT_EQ(std::get<Literal>(target.parts[2]).text, " b\n");
    EXPECT_FALSE(first_simple(program).redirects.at(0).heredoc_quoted);
}

TEST(ParserHeredocTest, StripTabs) {
    EXPECT_EQ(parsed("cat <<-EOF\n\ta\n\t\tb\n\tEOF"), "cat <<-{'a\nb\n'};");
    EXPECT_EQ(parsed("cat <<-'EOF'\n\t$x\n\tEOF"), "cat <<-q{'$x\n'};");
    EXPECT_EQ(parsed("cat <<-EOF\n\t \ta\n  b\n\t\tEOF\n"), "cat <<-{' \ta\n  b\n'};");
    EXPECT_EQ(first_simple(parse_ok("cat <<-X\nX\n")).redirects.at(0).op, RedirectOp::heredoc_strip);
}

TEST(ParserHeredocTest, BackslashNewline) {
    EXPECT_EQ(parsed("cat <<EOF\na\\\nb\nc\\\\\nEOF"), "cat <<{'ab\nc\\\n'};");
    EXPECT_EQ(parsed("cat <<'EOF'\na\\\nEOF"), "cat <<q{'a\\\n'};");
    EXPECT_EQ(parsed("cat <<EOF\nabc\\\nEOF\nEOF"), "cat <<{'abcEOF\n'};");
}

TEST(ParserHeredocTest, SeveralOnOneLineReadInOrder) {
    EXPECT_EQ(parsed("cat <<A; cat <<B\na\nA\nb\nB"), "cat <<{'a\n'}; cat <<{'b\n'};");
    EXPECT_EQ(parsed("cat <<A <<B\na\nA\nb\nB"), "cat <<{'a\n'} <<{'b\n'};");
    EXPECT_EQ(parsed("cat <<A | tr a b; echo done\na\nA"), "cat <<{'a\n'} | tr a b; echo done;");
    EXPECT_EQ(parsed("cat <<EOF && cat <<EOF2\none\nEOF\ntwo\nEOF2"), "cat <<{'one\n'} && cat <<{'two\n'};");
    EXPECT_EQ(parsed("cat <<A; echo \"x\ny\"; cat <<B\nbody a\nA\nbody b\nB\n"),
              "cat <<{'body a\n'}; echo 'x\ny'; cat <<{'body b\n'};");
}

TEST(ParserHeredocTest, InsideCompoundCommandsAndSubstitutions) {
    EXPECT_EQ(parsed("cat <<EOF | while read x; do\nline\nEOF\necho $x\ndone"),
              "cat <<{'line\n'} | while read x; do echo ${x}; done;");
    EXPECT_EQ(parsed("if true; then cat <<EOF\nin if\nEOF\nfi"), "if true; then cat <<{'in if\n'}; fi;");
    EXPECT_EQ(parsed("x=$(cat <<EOF\nin comsub\nEOF\n)"), "x=$(cat <<{'in comsub\n'};);");
    EXPECT_EQ(parsed("f() { cat <<EOF; }\nbody\nEOF"), "function f { cat <<{'body\n'}; };");
    EXPECT_EQ(parsed("a=$(cat <<EOF\n$(echo in)\nEOF\n) b\n"), "a=$(cat <<{\"$(echo in;)\"'\n'};) b;");
    // A here-document begun in $( ) whose line goes on outside it is read after that line.
    EXPECT_EQ(parsed("x=$(cat <<EOF)\nbody\nEOF\necho z"), "x=$(cat <<{'body\n'};); echo z;");
    EXPECT_EQ(parsed("cat <<EOF |\nbody\nEOF\ntr a b"), "cat <<{'body\n'} | tr a b;");
    EXPECT_EQ(parsed("cat <<EOF &&\nbody\nEOF\necho ok"), "cat <<{'body\n'} && echo ok;");
}

TEST(ParserHeredocTest, HereStrings) {
    EXPECT_EQ(parsed("cat <<<word <<<\"$x\" <<< 'a b'"), "cat <<<word <<<\"${x}\" <<<'a b';");
}

TEST(ParserHeredocTest, LinesAfterBodiesAreNumbered) {
    Program program = parse_ok("cat <<A\n1\n2\nA\necho x\n");
    ASSERT_EQ(program.items.size(), 2u);
    EXPECT_EQ(program.items[1].span.line, 5u);
    const auto& redirect = first_simple(program).redirects.at(0);
    EXPECT_EQ(redirect.line, 1u);
    // The body's word spans its lines in the text (without the delimiter line).
    EXPECT_EQ(redirect.target.span.line, 2u);
    EXPECT_EQ(redirect.target.span.begin, 8u);
    EXPECT_EQ(redirect.target.span.end, 12u);
}

TEST(ParserHeredocTest, SourceTextsCarryTheirBodies) {
    Program program = parse_ok("cat <<A | tr a b; cat <<'B' &\nbody a\nA\nbody b\nB\necho next\n");
    ASSERT_EQ(program.items.size(), 3u);
    const auto& pipeline = program.items[0].and_or.first;
    EXPECT_EQ(pipeline.commands[0].source, "cat <<A\nbody a\nA");
    EXPECT_EQ(pipeline.commands[1].source, "tr a b");
    EXPECT_EQ(pipeline.source, "cat <<A | tr a b\nbody a\nA");
    EXPECT_EQ(program.items[0].source, "cat <<A | tr a b\nbody a\nA");
    EXPECT_EQ(program.items[1].source, "cat <<'B'\nbody b\nB");
    EXPECT_EQ(program.items[2].source, "echo next");
    // A body inside the node's own text is not repeated.
    Program group = parse_ok("{ cat <<A\nx\nA\n} >out; f() { cat <<B; }\ny\nB\n");
    EXPECT_EQ(group.items[0].source, "{ cat <<A\nx\nA\n} >out");
    const auto& definition = std::get<FunctionDefinition>(group.items[1].and_or.first.commands[0].node);
    EXPECT_EQ(definition.source, "f() { cat <<B; }\ny\nB");
    EXPECT_EQ(definition.body->source, "{ cat <<B; }\ny\nB");
    EXPECT_EQ(parsed(definition.source), "function f { cat <<{'y\n'}; };");
}

TEST(ParserHeredocTest, EndOfFileEndsTheBodyWithAWarning) {
    Parser parser("echo a; cat <<EOF\nx\n\n");
    auto result = parser.next();
    ASSERT_TRUE(result.has_value());
    const auto& program = std::get<Program>(*result);
    EXPECT_EQ(dump(program), "echo a; cat <<{'x\n\n'};");
    auto warnings = parser.take_warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].message, "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')");
    EXPECT_EQ(warnings[0].line, 3u);
    EXPECT_TRUE(parser.take_warnings().empty());
    EXPECT_FALSE(parser.next().has_value());
}

TEST(ParserHeredocTest, WarningLinesFollowBash) {
    auto warnings = [](std::string_view text) {
        Parser parser(text);
        while (parser.next()) {
        }
        std::string out;
        for (const auto& warning : parser.take_warnings())
            out += std::to_string(warning.line) + ": " + warning.message + "\n";
        return out;
    };
    EXPECT_EQ(warnings("cat <<EOF"), "1: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
    EXPECT_EQ(warnings("cat <<EOF\n"), "1: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
    EXPECT_EQ(warnings("cat <<A <<B\na\n"),
              "2: warning: here-document at line 1 delimited by end-of-file (wanted `A')\n"
              "2: warning: here-document at line 2 delimited by end-of-file (wanted `B')\n");
    EXPECT_EQ(warnings("cat <<A <<B\na\nA\nb\n"),
              "4: warning: here-document at line 3 delimited by end-of-file (wanted `B')\n");
}

TEST(ParserHeredocTest, InteractiveEndOfFileIsIncomplete) {
    ParseOptions interactive;
    interactive.interactive = true;
    Parser parser("cat <<EOF\nline\n", interactive);
    auto result = parser.next();
    ASSERT_TRUE(result.has_value());
    auto* error = std::get_if<ParseError>(&*result);
    ASSERT_NE(error, nullptr);
    EXPECT_TRUE(error->incomplete);
    EXPECT_FALSE(parser.next().has_value());
    // With the delimiter the same text is complete.
    EXPECT_EQ(parsed("cat <<EOF\nline\nEOF\n", interactive), "cat <<{'line\n'};");
}

TEST(ParserHeredocTest, ErrorsInBodies) {
    // bash only finds these when it expands the body; we parse bodies, so it is an error now.
    EXPECT_EQ(parsed("cat <<EOF\n$(\nEOF\n"), "error: 3: unexpected EOF while looking for matching `)'");
    EXPECT_EQ(parse_error("cat <<EOF\n${x\nEOF\n").incomplete, false);
    EXPECT_EQ(parsed("cat <<\n"), "error: 1: syntax error near unexpected token `newline'");
}

}  // namespace
}  // namespace sh::test
