// Compound commands: { }, if, while/until, for, for ((;;)), case, (( )) and [[ ]].
#include "sh/builtins/test_expression.h"
#include "sh/execute.h"
#include "sh/expand.h"
#include "sh/lang_bridge.h"
#include "sh/trace.h"
#include "sh/word_source.h"
#include "sh/traps.h"

namespace sh {

namespace {

// A word of `command` as written (set -x shows the words of for and case so).
std::string written(const Command& command, const Word& word) {
    const SourceSpan& span = word.span;
    if (span.begin < command.span.begin || span.end <= span.begin || span.end > command.span.end)
        return word_source(word);
    return command.source.substr(span.begin - command.span.begin, span.end - span.begin);
}

// set -x before each pass of a for loop: "for NAME in WORDS" as written, at the loop's line.
void trace_for(Shell& shell, const Command& command, const ForClause& clause) {
    if (!shell.options.xtrace)
        return;
    std::string text = "for " + clause.variable + " in";
    if (!clause.items)
        text += " \"$@\"";
    else
        for (const auto& item : *clause.items)
            text += " " + written(command, item);
    shell.line = command.span.line;
    trace_line(shell, text);
}

// set -x for an arithmetic expression: "(( EXPRESSION ))"; for (( )) shows its three parts
// without their leading blanks, and an empty one as 1.
void trace_arithmetic(Shell& shell, std::string_view expression, bool for_part) {
    if (!shell.options.xtrace)
        return;
    if (!for_part) {
        trace_line(shell, "(( " + std::string(expression) + " ))");
        return;
    }
    size_t start = expression.find_first_not_of(" \t");
    trace_line(shell, "(( " + (start == std::string_view::npos ? "1" : std::string(expression.substr(start))) + " ))");
}

// Runs a condition list: errexit does not apply inside it.
int condition(Shell& shell, const Program& program) {
    bool saved = shell.in_condition;
    shell.in_condition = true;
    int status = execute_program(shell, program);
    shell.in_condition = saved;
    return status;
}

// After a loop body: whether to leave the loop, consuming one level of break/continue.
bool leave_loop(Shell& shell) {
    if (shell.flow == Flow::breaking || shell.flow == Flow::continuing) {
        bool breaking = shell.flow == Flow::breaking;
        if (--shell.flow_levels <= 0) {
            shell.flow = Flow::normal;
            shell.flow_levels = 0;
            return breaking;
        }
        return true;  // more levels: the enclosing loop handles the rest
    }
    return shell.flow != Flow::normal;
}

int run_if(Shell& shell, const IfClause& clause) {
    for (const auto& branch : clause.branches) {
        int status = condition(shell, *branch.condition);
        if (shell.flow != Flow::normal)
            return status;
        if (status == 0)
            return execute_program(shell, *branch.body);
    }
    return clause.else_body ? execute_program(shell, *clause.else_body) : 0;
}

int run_loop(Shell& shell, const LoopClause& clause) {
    int status = 0;
    ++shell.loop_depth;
    while (true) {
        int test = condition(shell, *clause.condition);
        if (shell.flow != Flow::normal && leave_loop(shell))
            break;
        if ((test == 0) == clause.until)
            break;
        status = execute_program(shell, *clause.body);
        if (shell.flow != Flow::normal && leave_loop(shell))
            break;
    }
    --shell.loop_depth;
    return status;
}

int run_for(Shell& shell, const Command& command, const ForClause& clause) {
    if (!Variables::valid_name(clause.variable)) {
        shell.error("`" + clause.variable + "': not a valid identifier");
        return 1;
    }
    std::string header = for_text(command, clause);
    if (!begin_command(shell, header, command.span.line))
        return shell.status;
    std::vector<std::string> items;
    if (clause.items) {
        auto expanded = expand_fields(shell, *clause.items);
        if (!expanded)
            return 1;
        items = std::move(*expanded);
    } else {
        items = shell.positional;
    }
    int status = 0;
    ++shell.loop_depth;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && !begin_command(shell, header, command.span.line))  // before each item
            break;
        const std::string& item = items[i];
        trace_for(shell, command, clause);
        if (shell.variables.set(clause.variable, item) == AssignError::readonly) {
            shell.error(clause.variable + ": readonly variable");
            status = 1;
            break;
        }
        status = execute_program(shell, *clause.body);
        if (shell.flow != Flow::normal && leave_loop(shell))
            break;
    }
    --shell.loop_depth;
    return status;
}

// An empty expression counts as 1 (true) in a for (( )) condition.
std::optional<int64_t> arith_word(Shell& shell, const Command& command, const Word& word, int64_t if_empty) {
    if (!begin_command(shell, arith_for_text(command, word), command.span.line))
        return std::nullopt;
    auto text = expand_string(shell, word);
    if (!text)
        return std::nullopt;
    trace_arithmetic(shell, *text, true);
    if (text->find_first_not_of(" \t\n") == std::string::npos)
        return if_empty;
    return arithmetic(shell, *text, "((");
}

int run_arith_for(Shell& shell, const Command& command, const ArithForClause& clause) {
    if (!arith_word(shell, command, clause.init, 0))
        return 1;
    int status = 0;
    ++shell.loop_depth;
    while (true) {
        auto test = arith_word(shell, command, clause.condition, 1);
        if (!test) {
            status = 1;
            break;
        }
        if (*test == 0)
            break;
        status = execute_program(shell, *clause.body);
        if (shell.flow != Flow::normal && leave_loop(shell))
            break;
        if (!arith_word(shell, command, clause.step, 0)) {
            status = 1;
            break;
        }
    }
    --shell.loop_depth;
    return status;
}

int run_case(Shell& shell, const Command& command, const CaseClause& clause) {
    if (!begin_command(shell, case_text(command, clause), command.span.line))
        return shell.status;
    if (shell.options.xtrace)
        trace_line(shell, "case " + written(command, clause.subject) + " in");
    auto subject = expand_string(shell, clause.subject);
    if (!subject)
        return 1;
    int status = 0;
    bool falling = false;  // ;& runs the next body without testing
    for (size_t i = 0; i < clause.items.size(); ++i) {
        const auto& item = clause.items[i];
        bool matched = falling;
        for (size_t p = 0; !matched && p < item.patterns.size(); ++p) {
            auto pattern = expand_pattern(shell, item.patterns[p]);
            if (!pattern)
                return 1;
            matched = pattern_matches(shell, *pattern, *subject);
        }
        if (!matched)
            continue;
        status = item.body ? execute_program(shell, *item.body) : 0;
        if (shell.flow != Flow::normal)
            break;
        if (item.terminator == CaseClause::Terminator::end)
            break;
        falling = item.terminator == CaseClause::Terminator::fallthrough;
    }
    return status;
}

int run_arithmetic(Shell& shell, const Command& command, const ArithmeticCommand& clause) {
    if (!begin_command(shell, command, command.span.line))
        return shell.status;
    auto text = expand_string(shell, clause.expression);
    if (!text)
        return 1;
    trace_arithmetic(shell, *text, false);
    auto value = arithmetic(shell, *text, "((");
    if (!value)
        return 1;
    return *value != 0 ? 0 : 1;
}

}  // namespace

int execute_compound(Shell& shell, const Command& command) {
    return std::visit(
        [&](const auto& node) -> int {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, BraceGroup>)
                return execute_program(shell, *node.body);
            else if constexpr (std::is_same_v<T, IfClause>)
                return run_if(shell, node);
            else if constexpr (std::is_same_v<T, LoopClause>)
                return run_loop(shell, node);
            else if constexpr (std::is_same_v<T, ForClause>)
                return run_for(shell, command, node);
            else if constexpr (std::is_same_v<T, ArithForClause>)
                return run_arith_for(shell, command, node);
            else if constexpr (std::is_same_v<T, CaseClause>)
                return run_case(shell, command, node);
            else if constexpr (std::is_same_v<T, ArithmeticCommand>)
                return run_arithmetic(shell, command, node);
            else if constexpr (std::is_same_v<T, CondCommand>)
                return begin_command(shell, command, command.span.line)
                           ? evaluate_conditional(shell, *node.expression) : shell.status;
            else
                return 0;  // simple commands, subshells and definitions are handled by the caller
        },
        command.node);
}

}  // namespace sh
