// parser_fuzz_test.cpp — robustness: every prefix and many random mutations of a script corpus
// parse without crashing, every source text the parser keeps parses on its own, nesting deeper
// than max_depth is an error (not a stack overflow), and long inputs take linear time.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <cstdint>
#include <string>
#include <vector>

#include "unit/shell/parser_test_util.h"

namespace sh::test {
namespace {

// Scripts that use every construct the parser knows; each parses on its own.
const char* const kCorpus[] = {
    "#!/bin/sh\n# a comment\nset -eu\nname=${1:-world}\necho \"hello, $name\" >&2\n",
    "for f in *.txt \"$@\"; do\n  [ -f \"$f\" ] || continue\n  wc -l <\"$f\"\ndone\n",
    "while IFS= read -r line; do\n  case $line in\n    \\#*|'') continue ;;\n    *=*) key=${line%%=*};;\n"
    "    (*) echo \"bad: $line\" ;;&\n  esac\ndone <config\n",
    "if [ -d /tmp ] && ! test -e /nope; then\n  echo yes\nelif false; then :\nelse\n  exit 1\nfi\n",
    "f() {\n  local x=$1 y=(a b [3]=c)\n  declare -A m=([k]=v)\n  echo \"${#y[@]} ${!m[@]} ${y[*]:1}\"\n"
    "  return $(( x > 2 ? 0 : 1 ))\n}\nf 3 || echo no\n",
    "function g { typeset -i n=0; until (( n >= 3 )); do ((n++)); done; } 2>/dev/null\n",
    "cat <<EOF | tr a-z A-Z\nvalue: $HOME `date` $(pwd)\n  \\$literal\nEOF\ncat <<-'END'\n\tkept $x\n\tEND\n",
    "[[ $x == a* && ( -n $y || $z =~ ^[0-9]+(\\.[0-9]+)?$ ) ]] && echo match\n",
    "for ((i = 0; i < 10; i += 2)); do printf '%d\\n' \"$i\"; done\nselect c in a b; do break; done\n",
    "out=$(ls -1 | while read -r f; do echo \"[$f]\"; done)\nexec 3<>/tmp/fd {log}>>/tmp/log 2>&1\n",
    "diff <(sort a) <(sort b) |& tee >(wc -l) >/dev/null\ntime -p sleep 0 &\nwait\n",
    "echo $'tab\\there' $\"loc\" 'it'\\''s' \"a\\\"b\" \\$x ~ ~/d x=~:~ {a,b}c ${x//\\//_} ${x^^} ${x@Q}\n",
    "trap 'echo bye' EXIT\nalias ll='ls -l'\n( cd / && pwd ) ; { echo a; echo b; } > out\n",
    "x=1 y=2 env | grep -q x= && echo found || echo missing\n: ${z:=default} ${w:?message}\n",
    "case \"$1\" in\n  start|stop) svc \"$1\" ;;\n  *) echo \"usage: $0 start|stop\" >&2; exit 2 ;;\nesac\n",
    "coproc worker { read -r q; echo \"$q\"; }\necho ping >&\"${worker[1]}\"\n",
    "a=`echo \\`echo nested\\``\nb=\"$(echo \"$(echo deep)\")\"\nc=$((1 + $(echo 2) * ${#a}))\n",
    "if cat <<A && cat <<B\none\nA\ntwo\nB\nthen :; fi\n",
};

std::string whole_corpus() {
    std::string text;
    for (const char* script : kCorpus)
        text += script;
    return text;
}

// A small fixed-seed generator, so failures reproduce.
class Random {
public:
    explicit Random(uint64_t seed) : m_state(seed) {}
    uint64_t next() {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    size_t below(size_t bound) { return bound == 0 ? 0 : next() % bound; }

private:
    uint64_t m_state;
};

std::vector<ParseOptions> option_sets() {
    std::vector<ParseOptions> sets(4);
    sets[1].extglob = true;
    sets[2].interactive = true;
    sets[3].extglob = true;
    sets[3].interactive = true;
    return sets;
}

void parse_everything(const std::string& text, const ParseOptions& options) {
    Parser parser(text, options);
    size_t guard = 0;
    while (parser.next())
        ASSERT_LT(++guard, text.size() + 2) << "next() doesn't end";
}

// Every source text kept for a node must parse by itself: a child shell is given exactly that.
void expect_sources_parse(const Program& program, const std::string& origin);

void expect_source_parses(const std::string& source, const std::string& origin) {
    auto result = parse_all(source);
    if (auto* error = std::get_if<ParseError>(&result))
        ADD_FAILURE() << "source `" << source << "' doesn't parse (" << error->message << ") in: " << origin;
}

void expect_command_sources_parse(const Command& command, const std::string& origin) {
    expect_source_parses(command.source, origin);
    auto body = [&](const std::shared_ptr<Program>& program) {
        if (program)
            expect_sources_parse(*program, origin);
    };
    if (auto* group = std::get_if<BraceGroup>(&command.node))
        body(group->body);
    else if (auto* subshell = std::get_if<Subshell>(&command.node))
        body(subshell->body);
    else if (auto* loop = std::get_if<LoopClause>(&command.node))
        body(loop->body);
    else if (auto* for_clause = std::get_if<ForClause>(&command.node))
        body(for_clause->body);
    else if (auto* definition = std::get_if<FunctionDefinition>(&command.node)) {
        expect_source_parses(definition->source, origin);
        expect_command_sources_parse(*definition->body, origin);
    } else if (auto* clause = std::get_if<IfClause>(&command.node)) {
        for (const auto& branch : clause->branches) {
            body(branch.condition);
            body(branch.body);
        }
    }
}

void expect_sources_parse(const Program& program, const std::string& origin) {
    for (const auto& item : program.items) {
        expect_source_parses(item.source, origin);
        expect_source_parses(item.and_or.first.source, origin);
        for (const auto& command : item.and_or.first.commands)
            expect_command_sources_parse(command, origin);
        for (const auto& [op, pipeline] : item.and_or.rest) {
            expect_source_parses(pipeline.source, origin);
            for (const auto& command : pipeline.commands)
                expect_command_sources_parse(command, origin);
        }
    }
}

TEST(ParserFuzzTest, CorpusParses) {
    for (const char* script : kCorpus)
        expect_sources_parse(parse_ok(script), script);
    std::string text = whole_corpus();
    Program program = parse_ok(text);
    EXPECT_GT(program.items.size(), 30u);
}

TEST(ParserFuzzTest, EveryPrefixOfTheCorpus) {
    std::string text = whole_corpus();
    auto sets = option_sets();
    for (size_t length = 0; length <= text.size(); ++length) {
        std::string prefix = text.substr(0, length);
        parse_everything(prefix, sets[length % sets.size()]);
        if (HasFatalFailure())
            FAIL() << "at prefix length " << length;
    }
}

TEST(ParserFuzzTest, EveryPrefixOfEachScriptAlone) {
    for (const char* script : kCorpus) {
        std::string text = script;
        for (size_t length = 0; length <= text.size(); ++length)
            parse_everything(text.substr(0, length), ParseOptions{});
    }
}

TEST(ParserFuzzTest, RandomMutations) {
    static constexpr std::string_view alphabet = "\"'`$(){}[]\\\n;|&<>#~!*?@=+-%/:, \tab0{}";
    std::string text = whole_corpus();
    auto sets = option_sets();
    Random random(0x5eed);
    size_t parsed_programs = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string mutated = text.substr(random.below(text.size() / 2), 200 + random.below(600));
        for (size_t edits = 1 + random.below(8); edits > 0 && !mutated.empty(); --edits) {
            size_t at = random.below(mutated.size());
            char c = alphabet[random.below(alphabet.size())];
            switch (random.below(3)) {
            case 0: mutated[at] = c; break;
            case 1: mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(at), c); break;
            default: mutated.erase(at, 1 + random.below(4)); break;
            }
        }
        const ParseOptions& options = sets[static_cast<size_t>(round) % sets.size()];
        parse_everything(mutated, options);
        if (HasFatalFailure())
            FAIL() << "input: " << mutated;
        auto result = parse_all(mutated);
        if (auto* program = std::get_if<Program>(&result)) {
            expect_sources_parse(*program, mutated);
            ++parsed_programs;
        }
    }
    EXPECT_GT(parsed_programs, 100u);  // the mutations still leave many valid programs
}

std::string repeat(std::string_view piece, size_t count) {
    std::string out;
    out.reserve(piece.size() * count);
    for (size_t i = 0; i < count; ++i)
        out += piece;
    return out;
}

// Nestings of every recursive construct: (open, middle, close).
struct Nesting {
    const char* open;
    const char* middle;
    const char* close;
};
const Nesting kNestings[] = {
    {"( ", "x", " )"},        {"{ ", "x", "; }"},         {"$(", "x", ")"},
    {"\"$(", "x", ")\""},     {"${x:-", "y", "}"},        {"\"${x:-", "y", "}\""},
    {"<(", "x", ")"},         {"if x; then ", "y", "; fi"}, {"while x; do ", "y", "; done"},
    {"case x in x) ", "y", ";; esac"}, {"f() { ", "y", "; }"}, {"$((", "1", "))"},
    {"[[ ( ", "a", " ) ]]"},  {"[[ ! ", "a", " ]]"},      {"for x in a; do ", "y", "; done"},
    {"coproc { ", "x", "; }"}, {"\"${x#", "y", "}\""},     {"$(( (", "1", ") ))"},
};

TEST(ParserFuzzTest, NestingDeeperThanTheLimitIsAnError) {
    ParseOptions options;
    options.max_depth = 150;
    for (const auto& nesting : kNestings) {
        std::string text = repeat(nesting.open, 5000) + nesting.middle + repeat(nesting.close, 5000);
        if (std::string_view(nesting.open) == "[[ ( " || std::string_view(nesting.open) == "[[ ! ")
            text = "[[ " + repeat(std::string_view(nesting.open).substr(3), 5000) + "a" +
                   (std::string_view(nesting.open) == "[[ ( " ? repeat(" )", 5000) : "") + " ]]";
        ParseError error = parse_error(text, options);
        EXPECT_EQ(error.message, "maximum nesting depth (150) exceeded") << nesting.open;
        EXPECT_FALSE(error.incomplete) << nesting.open;
    }
}

TEST(ParserFuzzTest, NestingWithinTheLimitParses) {
    for (const auto& nesting : kNestings) {
        if (std::string_view(nesting.open).starts_with("[["))
            continue;
        std::string text = repeat(nesting.open, 120) + nesting.middle + repeat(nesting.close, 120);
        auto result = parse_all(text);
        EXPECT_TRUE(std::holds_alternative<Program>(result)) << nesting.open;
    }
    std::string conditional = "[[ " + repeat("( ", 120) + "a" + repeat(" )", 120) + " ]]";
    EXPECT_TRUE(std::holds_alternative<Program>(parse_all(conditional)));
}

TEST(ParserFuzzTest, UnterminatedNestingAtDepth) {
    // Openers with nothing after them: an error at the end, whatever the depth.
    for (const char* open : {"((", "$(", "${", "\"$(", "$((", "[[ (", "{ ", "<(", "`", "'", "\"", "${x:-\"$("}) {
        auto result = parse_all(repeat(open, 3001));
        EXPECT_TRUE(std::holds_alternative<ParseError>(result)) << open;
    }
}

// Runs `body` and checks it took less than `limit_ms`; generous, for slow sanitizer builds.
template <typename Body>
void expect_fast(const char* what, Body body, long limit_ms = 5000) {
    auto start = std::chrono::steady_clock::now();
    body();
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_LT(elapsed.count(), limit_ms) << what;
}

TEST(ParserFuzzTest, LongInputsTakeLinearTime) {
    expect_fast("pipeline", [] { parse_ok(repeat("a | ", 100000) + "b"); });
    expect_fast("and-or", [] { parse_ok(repeat("a && ", 100000) + "b"); });
    expect_fast("negations", [] { parse_ok(repeat("! ", 100000) + "b"); });
    expect_fast("lines", [] { parse_ok(repeat("echo $x \"${y:-z}\" $(a) >f\n", 20000)); });
    expect_fast("one word", [] { parse_ok("echo " + repeat("a", 1000000)); });
    expect_fast("array", [] { parse_ok("a=(" + repeat("x ", 100000) + ")"); });
    expect_fast("here-documents", [] { parse_ok(repeat("cat <<E;", 5000) + "\n" + repeat("x\nE\n", 5000)); });
    expect_fast("errors on every line", [] {
        Parser parser(repeat("fi\n", 50000));
        size_t errors = 0;
        while (auto result = parser.next())
            errors += std::holds_alternative<ParseError>(*result);
        EXPECT_EQ(errors, 50000u);
    });
    expect_fast("double parens", [] { parse_all(repeat("((", 20000)); });
    expect_fast("subshell guesses", [] { parse_all(repeat("((a) ", 800) + repeat(")", 800)); });
    expect_fast("arithmetic guesses", [] { parse_all("echo " + repeat("$((a) ", 800) + repeat(")", 800)); });
    expect_fast("unclosed quotes", [] { parse_all(repeat("echo 'a\n", 20000)); });
}

TEST(ParserFuzzTest, AliasesCannotLoop) {
    std::map<std::string, std::string> table = {{"a", "b c "}, {"b", "a "}, {"c", "a b "}, {"e", ""}};
    ParseOptions options;
    options.alias = [&](std::string_view name) -> const std::string* {
        auto found = table.find(std::string(name));
        return found == table.end() ? nullptr : &found->second;
    };
    expect_fast("aliases", [&] {
        auto result = parse_all(repeat("a b c e ", 2000) + "\n" + repeat("e ", 2000), options);
        EXPECT_TRUE(std::holds_alternative<Program>(result));
    });
}

}  // namespace
}  // namespace sh::test
