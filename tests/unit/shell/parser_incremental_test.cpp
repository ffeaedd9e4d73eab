// parser_incremental_test.cpp — Parser::next() reading one command line at a time, options that
// change between lines (extglob, aliases), and alias substitution as bash does it (checked with
// the host's bash running a script with `shopt -s expand_aliases`).
#include <gtest/gtest.h>

#include <map>

#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

// Every command line of `parser`, dumped (errors as "error N: message").
std::vector<std::string> lines(Parser& parser) {
    std::vector<std::string> out;
    while (auto result = parser.next()) {
        if (auto* error = std::get_if<ParseError>(&*result))
            out.push_back("error " + std::to_string(error->line) + ": " + error->message);
        else
            out.push_back(dump(std::get<Program>(*result)));
    }
    return out;
}

using AliasTable = std::map<std::string, std::string>;

class Aliases {
public:
    Aliases() = default;
    explicit Aliases(std::map<std::string, std::string> table) : m_table(std::move(table)) {}
    ParseOptions options() {
        ParseOptions options;
        options.alias = [this](std::string_view name) -> const std::string* {
            auto found = m_table.find(std::string(name));
            return found == m_table.end() ? nullptr : &found->second;
        };
        return options;
    }
    std::map<std::string, std::string>& table() { return m_table; }

private:
    std::map<std::string, std::string> m_table;
};

TEST(ParserIncrementalTest, OneCommandLineAtATime) {
    Parser parser("echo a; echo b\n\n# comment\nif x\nthen y\nfi; z &\ncat <<E | tr a b\nbody\nE\nlast");
    auto first = parser.next();
    ASSERT_TRUE(first.has_value());
    const auto& program = std::get<Program>(*first);
    EXPECT_EQ(dump(program), "echo a; echo b;");
    EXPECT_EQ(program.items[1].span.line, 1u);
    EXPECT_EQ(lines(parser), (std::vector<std::string>{
                                 "if x; then y; fi; z &",
                                 "cat <<{'body\n'} | tr a b;",
                                 "last;",
                             }));
    EXPECT_FALSE(parser.next().has_value());
}

TEST(ParserIncrementalTest, EmptyAndCommentOnlyInputHasNoCommands) {
    for (const char* text : {"", "\n\n", "# only a comment", "  \t \n# x\n   "}) {
        Parser parser(text);
        EXPECT_FALSE(parser.next().has_value()) << text;
    }
    EXPECT_EQ(parsed(""), "");
}

TEST(ParserIncrementalTest, ParseAllJoinsTheLines) {
    EXPECT_EQ(parsed("a\nb; c\n\nd &"), "a; b; c; d &");
}

TEST(ParserIncrementalTest, ExtglobAppliesFromTheNextLine) {
    Parser parser("ls @(a|b)\nls @(a|b)\n");
    auto first = parser.next();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(std::holds_alternative<ParseError>(*first));
    EXPECT_EQ(std::get<ParseError>(*first).message, "syntax error near unexpected token `('");
    parser.options().extglob = true;
    auto second = parser.next();
    ASSERT_TRUE(second.has_value());
    ASSERT_TRUE(std::holds_alternative<Program>(*second));
    EXPECT_EQ(dump(std::get<Program>(*second)), "ls @(a|b);");
}

TEST(ParserIncrementalTest, AliasesDefinedBetweenLines) {
    Aliases aliases;
    Parser parser("ll x\nll y\n", aliases.options());
    auto first = parser.next();
    EXPECT_EQ(dump(std::get<Program>(*first)), "ll x;");
    aliases.table()["ll"] = "ls -l";
    auto second = parser.next();
    const auto& program = std::get<Program>(*second);
    EXPECT_EQ(dump(program), "ls -l y;");
    // The source text holds the alias's text: a child shell needs no aliases to run it.
    EXPECT_EQ(program.items[0].source, "ls -l y");
}

TEST(ParserIncrementalTest, AliasSubstitutionFollowsBash) {
    Aliases aliases(AliasTable{{"ll", "echo LL"},
                     {"sudo", "echo SUDO "},
                     {"a", "b"},
                     {"b", "a"},
                     {"cond", "if"},
                     {"two", "echo one; echo two"},
                     {"e", ""},
                     {"begin", "{"},
                     {"ls", "ls -Q"},
                     {"nospace", "echo NS"}});
    ParseOptions options = aliases.options();
    EXPECT_EQ(parsed("ll x", options), "echo LL x;");
    EXPECT_EQ(parsed("sudo ll", options), "echo SUDO echo LL;");
    EXPECT_EQ(parsed("echo ll", options), "echo ll;");
    EXPECT_EQ(parsed("true && ll; (ll); { ll; }", options), "true && echo LL; ( echo LL; ); { echo LL; };");
    EXPECT_EQ(parsed("if true; then ll; fi", options), "if true; then echo LL; fi;");
    EXPECT_EQ(parsed("a", options), "a;");
    EXPECT_EQ(parsed("ls", options), "ls -Q;");
    EXPECT_EQ(parsed("cond true; then echo y; fi", options), "if true; then echo y; fi;");
    EXPECT_EQ(parsed("two", options), "echo one; echo two;");
    EXPECT_EQ(parsed("e echo after", options), "echo after;");
    EXPECT_EQ(parsed("x=1 ll", options), "x=1 echo LL;");
    EXPECT_EQ(parsed("\\ll; 'll'", options), "'l'l; 'll';");
    EXPECT_EQ(parsed("case ll in ll) ll;; esac", options), "case ll in ll) echo LL; ;; esac;");
    EXPECT_EQ(parsed("begin echo in; }", options), "{ echo in; };");
    EXPECT_EQ(parsed("nospace ll", options), "echo NS ll;");
    EXPECT_EQ(parsed("f() { ll; }", options), "function f { echo LL; };");
    EXPECT_EQ(parsed("echo $(ll) `ll`", options), "echo $(echo LL;) `echo LL;`;");
}

TEST(ParserIncrementalTest, AliasesOverrideReservedWords) {
    // Outside posix mode bash substitutes before it recognises reserved words.
    Aliases aliases(AliasTable{{"if", "echo IF"}});
    EXPECT_EQ(parsed("if true", aliases.options()), "echo IF true;");
}

TEST(ParserIncrementalTest, KeywordsAfterAHeaderWordAreNotAliases) {
    // bash: `in` and `do` right after `for x` (or its `;` or newlines) and `in` after `case x`
    // are keywords; `do` after a word list is a command word and so an alias.
    Aliases aliases(AliasTable{{"in", "echo IN"}, {"do", "echo DO"}});
    ParseOptions options = aliases.options();
    EXPECT_EQ(parsed("for j do :; done", options), "for j do :; done;");
    EXPECT_EQ(parsed("for j; do :; done", options), "for j do :; done;");
    EXPECT_EQ(parsed("for j\ndo :; done", options), "for j do :; done;");
    EXPECT_EQ(parsed("case x in x) :;; esac", options), "case x in x) :; ;; esac;");
    EXPECT_EQ(parsed("case x\nin x) :;; esac", options), "case x in x) :; ;; esac;");
    EXPECT_EQ(parsed("for i in a b; do echo $i; done", options), "error: 1: syntax error near unexpected token `echo'");
    EXPECT_EQ(parsed("for k\nin a; do :; done", options), "error: 2: syntax error near unexpected token `echo'");
}

TEST(ParserIncrementalTest, AliasRecursionStops) {
    // An alias is not substituted inside its own text; a trailing blank makes the word after
    // the whole text a candidate, not the words inside it.
    Aliases aliases(AliasTable{{"x", "echo x y "}, {"y", "x"}, {"loop", "loop loop"}, {"p", "echo p "}, {"q", "p "},
                               {"r", "s "}, {"s", "r "}});
    ParseOptions options = aliases.options();
    EXPECT_EQ(parsed("x", options), "echo x y;");
    EXPECT_EQ(parsed("loop", options), "loop loop;");
    EXPECT_EQ(parsed("q q q", options), "echo p echo p echo p;");
    EXPECT_EQ(parsed("r r r", options), "r r r;");
    // An alias whose text spans lines stays itself on its later lines.
    Aliases lines_alias(AliasTable{{"x", "x\nx y"}});
    Parser parser("x\nz", lines_alias.options());
    EXPECT_EQ(lines(parser), (std::vector<std::string>{"x;", "x y;", "z;"}));
}

TEST(ParserIncrementalTest, AliasesWithSyntax) {
    Aliases aliases(
        AliasTable{{"bg", "sleep 1 &"}, {"quote", "echo \"a b\" 'c"}, {"redir", ">out"}, {"comment", "echo #"}});
    ParseOptions options = aliases.options();
    EXPECT_EQ(parsed("bg", options), "sleep 1 &");
    EXPECT_EQ(parsed("quote d'", options), "echo 'a b' 'c d';");
    EXPECT_EQ(parsed("redir echo x", options), "echo x >out;");
    EXPECT_EQ(parsed("comment x\necho y", options), "echo; echo y;");
}

}  // namespace
}  // namespace sh::test
