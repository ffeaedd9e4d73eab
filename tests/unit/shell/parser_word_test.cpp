// parser_word_test.cpp — how words are read: quoting, $ forms, ${…} operators, substitutions,
// tildes, $'…', assignments and arrays, extglob groups and =~ regexes. The expectations follow
// bash 5.2 (checked on the host where bash's own output shows the structure).
#include <gtest/gtest.h>

#include "sh/lang/ansi_c.h"
#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

TEST(ParserWordTest, Quoting) {
    EXPECT_EQ(parsed("echo 'a b' \"c d\" e\\ f"), "echo 'a b' 'c d' e' 'f;");
    EXPECT_EQ(parsed("echo '' \"\" x''y"), "echo '' '' x''y;");
    EXPECT_EQ(parsed("echo \"a\\$b\\`c\\\"d\\\\e\\f\""), "echo 'a$b`c\"d\\e\\f';");
    EXPECT_EQ(parsed("echo \\a\\b\\\\\\'"), "echo 'ab\\\\'';");
    EXPECT_EQ(parsed("echo \"$'x'\" '$x' \"$\""), "echo '$\\'x\\'' '$x' '$';");
    EXPECT_EQ(parsed("echo a\\\nb \"c\\\nd\" 'e\\\nf'"), "echo ab 'cd' 'e\\\nf';");
}

TEST(ParserWordTest, QuotedAndUnquotedTextStayApart) {
    Program program = parse_ok("echo a'b'\\c\\\\d\\\\");
    const auto& parts = first_word(program, 1).parts;
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(std::get<Literal>(parts[0]).text, "a");
    EXPECT_FALSE(std::get<Literal>(parts[0]).quoted);
    EXPECT_EQ(std::get<Literal>(parts[1]).text, "bc\\");
    EXPECT_TRUE(std::get<Literal>(parts[1]).quoted);
    EXPECT_EQ(std::get<Literal>(parts[2]).text, "d");
    EXPECT_FALSE(std::get<Literal>(parts[2]).quoted);
    EXPECT_EQ(std::get<Literal>(parts[3]).text, "\\");
    EXPECT_TRUE(std::get<Literal>(parts[3]).quoted);
    // An empty quoted string is still a word.
    Program empty = parse_ok("echo \"\"");
    ASSERT_EQ(first_word(empty, 1).parts.size(), 1u);
    EXPECT_EQ(std::get<Literal>(first_word(empty, 1).parts[0]).text, "");
    EXPECT_TRUE(std::get<Literal>(first_word(empty, 1).parts[0]).quoted);
}

TEST(ParserWordTest, ParametersAndSpecialParameters) {
    EXPECT_EQ(parsed("echo \"$x\" \"${x}\" \"$(x)\" \"`x`\" \"$((1))\""),
              "echo \"${x}\" \"${x}\" \"$(x;)\" \"`x;`\" \"$((1))\";");
    EXPECT_EQ(parsed("echo $x$y${z}w"), "echo ${x}${y}${z}w;");
    EXPECT_EQ(parsed("echo $ \"$\" $/ \"a$\""), "echo $ '$' $/ 'a$';");
    EXPECT_EQ(parsed("echo $1 $12 ${12} $@ $* $# $? $- $$ $! $0 $_"),
              "echo ${1} ${1}2 ${12} ${@} ${*} ${#} ${?} ${-} ${$} ${!} ${0} ${_};");
    Program program = parse_ok("echo $x \"$y\"");
    EXPECT_FALSE(std::get<ParamExpansion>(first_word(program, 1).parts[0]).quoted);
    EXPECT_TRUE(std::get<ParamExpansion>(first_word(program, 2).parts[0]).quoted);
}

TEST(ParserWordTest, LengthIndirectionAndNames) {
    EXPECT_EQ(parsed("echo ${#} ${##} ${#x} ${#1} ${#@} ${#a[@]} ${#a[*]} ${#a[1]}"),
              "echo ${#} ${##} ${#x} ${#1} ${#@} ${#a[@]} ${#a[*]} ${#a[1]};");
    EXPECT_EQ(parsed("echo ${#-} ${#-x} ${#:-x}"), "echo ${#-} ${#-x} ${#:-x};");
    EXPECT_EQ(parsed("echo ${!x} ${!1} ${!#} ${!x[1]} ${!x:-d} ${!} ${!-}"),
              "echo ${!x} ${!1} ${!#} ${!x[1]} ${!x:-d} ${!} ${!-};");
    EXPECT_EQ(parsed("echo ${!pre*} ${!pre@} ${!a[@]} ${!a[*]}"), "echo ${!pre*} ${!pre@} ${!a[@]} ${!a[*]};");
}

TEST(ParserWordTest, LengthOrSpecialHash) {
    Program program = parse_ok("echo ${#-} ${#-x}");
    const auto& length = std::get<ParamExpansion>(first_word(program, 1).parts[0]);
    EXPECT_EQ(length.op, ParamOp::length);
    EXPECT_EQ(length.name, "-");
    const auto& count = std::get<ParamExpansion>(first_word(program, 2).parts[0]);
    EXPECT_EQ(count.op, ParamOp::default_value);
    EXPECT_EQ(count.name, "#");
    EXPECT_FALSE(count.colon);
}

TEST(ParserWordTest, IndirectionWithOperators) {
    Program program = parse_ok("echo ${!x:-d} ${!a[@]} ${!p*} ${!a[2]}");
    const auto& indirect = std::get<ParamExpansion>(first_word(program, 1).parts[0]);
    EXPECT_TRUE(indirect.indirect);
    EXPECT_EQ(indirect.op, ParamOp::default_value);
    EXPECT_TRUE(indirect.colon);
    const auto& keys = std::get<ParamExpansion>(first_word(program, 2).parts[0]);
    EXPECT_FALSE(keys.indirect);
    EXPECT_EQ(keys.op, ParamOp::array_keys);
    EXPECT_FALSE(keys.star);
    const auto& names = std::get<ParamExpansion>(first_word(program, 3).parts[0]);
    EXPECT_EQ(names.op, ParamOp::names_matching);
    EXPECT_EQ(names.name, "p");
    EXPECT_TRUE(names.star);
    const auto& element = std::get<ParamExpansion>(first_word(program, 4).parts[0]);
    EXPECT_TRUE(element.indirect);
    EXPECT_EQ(element.op, ParamOp::plain);
    EXPECT_EQ(dump(*element.index), "2");
}

TEST(ParserWordTest, ArraySubscripts) {
    EXPECT_EQ(parsed("echo ${a[0]} ${a[i+1]} ${a[$i]} ${a[\"k\"]} ${a[@]} ${a[*]} ${a[@]:1:2}"),
              "echo ${a[0]} ${a[i+1]} ${a[${i}]} ${a['k']} ${a[@]} ${a[*]} ${a[@]:1:2};");
}

TEST(ParserWordTest, DefaultFamily) {
    EXPECT_EQ(parsed("echo ${x-a} ${x:-a} ${x=a} ${x:=a} ${x?a} ${x:?a} ${x+a} ${x:+a}"),
              "echo ${x-a} ${x:-a} ${x=a} ${x:=a} ${x?a} ${x:?a} ${x+a} ${x:+a};");
    EXPECT_EQ(parsed("echo ${x:-} ${x:-a b} ${x:-\"a b\"} ${x:-'a b'} ${x:-$y} ${x:-${y:-z}}"),
              "echo ${x:-} ${x:-a b} ${x:-'a b'} ${x:-'a b'} ${x:-${y}} ${x:-${y:-z}};");
    EXPECT_EQ(parsed("echo \"${x:-a b}\" \"${x:-'a'}\" \"${x:-\"a b\"}\" \"${x:-$y}\""),
              "echo \"${x:-'a b'}\" \"${x:-'\\'a\\''}\" \"${x:-'a b'}\" \"${x:-\"${y}\"}\";");
}

TEST(ParserWordTest, PatternOperators) {
    EXPECT_EQ(parsed("echo ${x#a} ${x##a*} ${x%a} ${x%%a*} ${x#'*'} \"${x#*b}\" \"${x#'*'}\""),
              "echo ${x#a} ${x##a*} ${x%a} ${x%%a*} ${x#'*'} \"${x#*b}\" \"${x#'*'}\";");
    EXPECT_EQ(parsed("echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x/a/} ${x//\\//_}"),
              "echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x/a/} ${x//'/'/_};");
    EXPECT_EQ(parsed("echo ${x^} ${x^^} ${x,} ${x,,} ${x^[ab]} ${x,,[AB]}"),
              "echo ${x^} ${x^^} ${x,} ${x,,} ${x^[ab]} ${x,,[AB]};");
}

TEST(ParserWordTest, PatternsInsideDoubleQuotesAreUnquoted) {
    // "${x#*b}" matches with the *: the pattern is not double-quoted text; "${x:-*}" is.
    Program program = parse_ok("echo \"${x#*b}\" \"${x:-*}\"");
    const auto& pattern = std::get<ParamExpansion>(first_word(program, 1).parts[0]);
    EXPECT_TRUE(pattern.quoted);
    EXPECT_FALSE(std::get<Literal>(pattern.argument->parts[0]).quoted);
    const auto& value = std::get<ParamExpansion>(first_word(program, 2).parts[0]);
    EXPECT_TRUE(std::get<Literal>(value.argument->parts[0]).quoted);
    // bash-completion's dequote: \' inside "${…%%[…]}" is an escaped quote, not a quote.
    EXPECT_EQ(parsed("x=\"${rest%%[\\\\\\'\\\"]*}\""), "x=\"${rest%%['\\\\'\"']*}\";");
}

TEST(ParserWordTest, ReplaceFields) {
    Program program = parse_ok("echo ${x//a/b} ${x/#a} ${x/%a/}");
    const auto& all = std::get<ParamExpansion>(first_word(program, 1).parts[0]);
    EXPECT_EQ(all.op, ParamOp::replace);
    EXPECT_TRUE(all.longest);
    EXPECT_EQ(dump(*all.replacement), "b");
    const auto& start = std::get<ParamExpansion>(first_word(program, 2).parts[0]);
    EXPECT_EQ(start.anchor, ReplaceAnchor::start);
    EXPECT_EQ(start.replacement, nullptr);
    const auto& end = std::get<ParamExpansion>(first_word(program, 3).parts[0]);
    EXPECT_EQ(end.anchor, ReplaceAnchor::end);
    ASSERT_NE(end.replacement, nullptr);
    EXPECT_TRUE(end.replacement->parts.empty());
}

TEST(ParserWordTest, Substrings) {
    EXPECT_EQ(parsed("echo ${x:1} ${x:1:2} ${x: -1} ${x:(-1)} ${x:a?1:2} ${x:$n:${#y}}"),
              "echo ${x:1} ${x:1:2} ${x: -1} ${x:(-1)} ${x:a?1:2} ${x:${n}:${#y}};");
    Program program = parse_ok("echo ${x:1:2}");
    const auto& substring = std::get<ParamExpansion>(first_word(program, 1).parts[0]);
    EXPECT_EQ(substring.op, ParamOp::substring);
    EXPECT_EQ(dump(*substring.argument), "1");
    EXPECT_EQ(dump(*substring.replacement), "2");
}

TEST(ParserWordTest, TransformsAndBadSubstitutions) {
    EXPECT_EQ(parsed("echo ${x@Q} ${x@E} ${x@P} ${x@A} ${x@a} ${x@U} ${x@u} ${x@L} ${x@K} ${x@k}"),
              "echo ${x@Q} ${x@E} ${x@P} ${x@A} ${x@a} ${x@U} ${x@u} ${x@L} ${x@K} ${x@k};");
    EXPECT_EQ(parsed("echo ${x!} ${} ${x@Z} ${1x} ${x:-a}}"),
              "echo ${bad '${x!}'} ${bad '${}'} ${bad '${x@Z}'} ${bad '${1x}'} ${x:-a}};");
    // bash reports these when it expands them, so they parse (and `true || echo ${x!}` runs).
    Program program = parse_ok("true || echo ${x!}");
    EXPECT_EQ(program.items.size(), 1u);
    EXPECT_EQ(parsed("echo ${x"), "error: 1: unexpected EOF while looking for matching `}'");
    EXPECT_EQ(parsed("echo ${x!"), "error: 1: unexpected EOF while looking for matching `}'");
}

TEST(ParserWordTest, CommandSubstitutions) {
    EXPECT_EQ(parsed("echo $(echo a) $( echo b ) $(\necho c\n)"), "echo $(echo a;) $(echo b;) $(echo c;);");
    EXPECT_EQ(parsed("echo $(case x in x) echo y;; esac) $(case x in (x) echo y;; esac)"),
              "echo $(case x in x) echo y; ;; esac;) $(case x in x) echo y; ;; esac;);");
    EXPECT_EQ(parsed("echo $( (a) ) $( (a); b ) $((a)) $(( (a) + (b) )) $((a) )"),
              "echo $(( a; );) $(( a; ); b;) $((a)) $(( (a) + (b) )) $(( a; ););");
    EXPECT_EQ(parsed("echo `echo a` `echo \\`echo b\\`` \"`echo \\\"c\\\"`\" `echo \\$x \\\\\\\\`"),
              "echo `echo a;` `echo `echo b;`;` \"`echo 'c';`\" `echo ${x} '\\';`;");
    Program program = parse_ok("echo \"$(a)\" `b`");
    const auto& quoted = std::get<CommandSubstitution>(first_word(program, 1).parts[0]);
    EXPECT_TRUE(quoted.quoted);
    EXPECT_FALSE(quoted.backquoted);
    const auto& backquoted = std::get<CommandSubstitution>(first_word(program, 2).parts[0]);
    EXPECT_FALSE(backquoted.quoted);
    EXPECT_TRUE(backquoted.backquoted);
}

TEST(ParserWordTest, CommentsQuotesAndCaseInsideCommandSubstitution) {
    EXPECT_EQ(parsed("echo $(echo a # ) not the end\n)"), "echo $(echo a;);");
    EXPECT_EQ(parsed("echo $(case $x in\n a) echo a;;\n (b|c) echo bc;;\nesac)"),
              "echo $(case ${x} in a) echo a; ;; b|c) echo bc; ;; esac;);");
    EXPECT_EQ(parsed("echo \"$(echo \")\")\""), "echo \"$(echo ')';)\";");
    EXPECT_EQ(parsed("echo $(echo ${x:-)})"), "echo $(echo ${x:-)};);");
    EXPECT_EQ(parsed("echo $(echo ')')"), "echo $(echo ')';);");
}

TEST(ParserWordTest, BackquotesParseLateWhenBroken) {
    // bash parses backquoted text when it runs it: a broken one is an error only then.
    Program program = parse_ok("echo `if`");
    const auto& substitution = std::get<CommandSubstitution>(first_word(program, 1).parts[0]);
    EXPECT_EQ(substitution.program, nullptr);
    EXPECT_EQ(substitution.source, "if");
    EXPECT_EQ(parsed("echo `a"), "error: 1: unexpected EOF while looking for matching ``'");
}

TEST(ParserWordTest, Arithmetic) {
    EXPECT_EQ(parsed("echo $((1 + 2)) $(( $x * ${y} )) $(( \"1\" + 1 )) $[1+2] \"$((x))\""),
              "echo $((1 + 2)) $(( ${x} * ${y} )) $(( '1' + 1 )) $((1+2)) \"$((x))\";");
    Program program = parse_ok("echo $(( x + $(echo 1) ))");
    const auto& arithmetic = std::get<ArithmeticSubstitution>(first_word(program, 1).parts[0]);
    ASSERT_EQ(arithmetic.expression->parts.size(), 3u);
    EXPECT_EQ(std::get<Literal>(arithmetic.expression->parts[0]).text, " x + ");
    EXPECT_TRUE(std::holds_alternative<CommandSubstitution>(arithmetic.expression->parts[1]));
    // Single quotes are not quotes in arithmetic (bash then fails on them at run time).
    EXPECT_EQ(parsed("echo $(( 'a' ))"), "echo $(( 'a' ));");
    EXPECT_FALSE(std::get<Literal>(std::get<ArithmeticSubstitution>(
                                       first_word(parse_ok("echo $(('a'))"), 1).parts[0]).expression->parts[0])
                     .quoted);
}

TEST(ParserWordTest, ProcessSubstitution) {
    EXPECT_EQ(parsed("echo <(a) >(b) x<(c)y"), "echo <(a;) >(b;) x<(c;)y;");
    EXPECT_EQ(parsed("cat <(a) > >(b)"), "cat <(a;) >>(b;);");
    EXPECT_EQ(parsed("diff <(sort a) <(sort b) | head"), "diff <(sort a;) <(sort b;) | head;");
}

TEST(ParserWordTest, Tildes) {
    EXPECT_EQ(parsed("echo ~ ~/a ~user ~user/b ~+ ~- ~+1 a~ ~\"u\" \"~\" \\~ ~$u"),
              "echo (~) (~)/a (~user) (~user)/b (~+) (~-) (~+1) a~ ~'u' '~' '~' ~${u};");
    EXPECT_EQ(parsed("a=~ b=~/x c=x:~/y:~u d=~:~ e=\"~\" f=a~"), "a=(~) b=(~)/x c=x:(~)/y:(~u) d=(~):(~) e='~' f=a~;");
    EXPECT_EQ(parsed("echo a=~/x a=x:~/y --opt=~/p"), "echo a=(~)/x a=x:(~)/y --opt=~/p;");
    EXPECT_EQ(parsed("local x=~/a y"), "local x=(~)/a y;");
    EXPECT_EQ(parsed("export PATH=~/bin:$PATH"), "export PATH=(~)/bin:${PATH};");
    EXPECT_EQ(parsed("echo ${x:-~} \"${x:-~}\" ${x:-~/a} ${x#~}"),
              "echo ${x:-(~)} \"${x:-'~'}\" ${x:-(~)/a} ${x#(~)};");
    EXPECT_EQ(parsed("case ~ in ~/x) ;; esac"), "case (~) in (~)/x)  ;; esac;");
}

TEST(ParserWordTest, AnsiCQuoting) {
    Program program = parse_ok("echo $'a\\tb\\nc' $'\\x41\\101\\u00e9' $'\\'' $'\\e\\E\\cA\\c?' "
                               "$'a\\0b' $'\\q' $'x\\\ny'");
    auto text = [&](size_t index) {
        const auto& literal = std::get<Literal>(first_word(program, index).parts.at(0));
        EXPECT_TRUE(literal.quoted);
        return literal.text;
    };
    EXPECT_EQ(text(1), "a\tb\nc");
    EXPECT_EQ(text(2), "AA\xc3\xa9");
    EXPECT_EQ(text(3), "'");
    EXPECT_EQ(text(4), "\x1b\x1b\x01\x7f");
    EXPECT_EQ(text(5), "a");
    EXPECT_EQ(text(6), "\\q");
    EXPECT_EQ(text(7), "x\\\ny");  // no line continuation inside $'…'
    EXPECT_EQ(parsed("echo $\"hello $x\" \"$'x'\""), "echo 'hello '\"${x}\" '$\\'x\\'';");
    EXPECT_EQ(parsed("echo $'abc"), "error: 1: unexpected EOF while looking for matching `''");
    // shopt extquote (on by default): $'…' is a quote inside "${…}", and not elsewhere in "…".
    EXPECT_EQ(parsed("echo \"${x:-$'\\t'}\" \"$'\\t'\" \"${x:-$\"a\"}\""),
              "echo \"${x:-'\t'}\" '$\\'\\t\\'' \"${x:-'a'}\";");
}

TEST(ParserWordTest, DecodeAnsiC) {
    EXPECT_EQ(decode_ansi_c("\\a\\b\\f\\r\\v\\\\\\\"\\?"), "\a\b\f\r\v\\\"?");
    EXPECT_EQ(decode_ansi_c("\\0101\\101\\7\\777"), "\b1A\x07\xff");
    EXPECT_EQ(decode_ansi_c("\\x4g\\xg"), "\x04g\\xg");
    EXPECT_EQ(decode_ansi_c("\\u263a\\U0001F600"), "\xe2\x98\xba\xf0\x9f\x98\x80");
    EXPECT_EQ(decode_ansi_c("\\ca\\cZ\\c["), "\x01\x1a\x1b");
    EXPECT_EQ(decode_ansi_c("x\\u0y"), "x");
    EXPECT_EQ(decode_ansi_c("trailing\\"), "trailing\\");
}

TEST(ParserWordTest, LineContinuations) {
    EXPECT_EQ(parsed("ec\\\nho a\\\n\\\nb"), "echo ab;");
    EXPECT_EQ(parsed("echo $\\\n{x} $\\\n(a)"), "echo ${x} $(a;);");
    EXPECT_EQ(parsed("echo a \\\n| cat"), "echo a | cat;");
    EXPECT_EQ(parsed("echo \\\\\nb"), "echo '\\'; b;");
    EXPECT_EQ(parsed("echo '\\\n'"), "echo '\\\n';");
    EXPECT_EQ(parsed("# comment \\\necho after"), "echo after;");
    EXPECT_EQ(parsed("echo \"a\\\nb\" `echo c\\\nd`"), "echo 'ab' `echo cd;`;");
}

TEST(ParserWordTest, BraceAndGlobCharactersStayUnquotedText) {
    EXPECT_EQ(parsed("echo {a,b} x{1..3} \"{a,b}\" \\{a,b\\} *.txt [ab]? \\* \"*\""),
              "echo {a,b} x{1..3} '{a,b}' '{'a,b'}' *.txt [ab]? '*' '*';");
}

TEST(ParserWordTest, Assignments) {
    EXPECT_EQ(parsed("a=1 b+=2 c[1]=3 d[i+1]+=4 e= f=\"\" g=$x h=$(x) i=(1 2) j+=(3) k=([a]=1 [b]=2) l=()"),
              "a=1 b+=2 c[1]=3 d[i+1]+=4 e= f='' g=${x} h=$(x;) i=(1 2) j+=(3) k=([a]=1 [b]=2) l=();");
    EXPECT_EQ(parsed("a[1 + 1]=x b[\"k e y\"]=v"), "a[1 + 1]=x b['k e y']=v;");
    EXPECT_EQ(parsed("a=(1\n2 # comment\n3)"), "a=(1 2 3);");
    EXPECT_EQ(parsed("a=(x) cmd"), "a=(x) cmd;");
    EXPECT_EQ(parsed("cmd a=1 b[1]=2 c+=3"), "cmd a=1 b[1]=2 c+=3;");
    EXPECT_EQ(parsed("declare a=(1 2) b=1 -x c"), "declare a=(1 2) b=1 -x c;");
    EXPECT_EQ(parsed("echo a=(1)\n"), "error: 1: syntax error near unexpected token `('");
}

TEST(ParserWordTest, ExtglobGroupsWhenEnabled) {
    ParseOptions extglob;
    extglob.extglob = true;
    EXPECT_EQ(parsed("ls @(a|b) !(x) *(y z) +(\"q\") ?($v)", extglob), "ls @(a|b) !(x) *(y z) +('q') ?(${v});");
    EXPECT_EQ(parsed("case x in @(a|b)) :;; esac", extglob), "case x in @(a|b)) :; ;; esac;");
    EXPECT_EQ(parsed("ls @(a|b)"), "error: 1: syntax error near unexpected token `('");
    EXPECT_EQ(parsed("[[ x == +(a) ]]"), "[[ (x == +(a)) ]];");
    EXPECT_EQ(parsed("ls @(a", extglob), "error: 1: unexpected EOF while looking for matching `)'");
}

TEST(ParserWordTest, RegexWords) {
    EXPECT_EQ(parsed("[[ $x =~ ^(a|b)+$ ]]"), "[[ (${x} =~ ^(a|b)+$) ]];");
    EXPECT_EQ(parsed("[[ $x =~ a|b && y ]]"), "[[ ((${x} =~ a|b) && y) ]];");
    EXPECT_EQ(parsed("[[ $x =~ ( a ) ]]"), "[[ (${x} =~ ( a )) ]];");
    EXPECT_EQ(parsed("[[ $x =~ a<b ]]"), "error: 1: syntax error in conditional expression: unexpected token `<'");
    EXPECT_EQ(parsed("[[ ( $x =~ a ) ]]"), "[[ (${x} =~ a) ]];");
}

}  // namespace
}  // namespace sh::test
