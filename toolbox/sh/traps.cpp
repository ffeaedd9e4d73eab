// The DEBUG and ERR traps and BASH_COMMAND; see traps.h.
#include "sh/traps.h"

#include <optional>

namespace sh {

namespace {

// A node's text as written, from the source of the command that holds it; nullopt if the offsets
// do not fit (an alias substitution moved them).
std::optional<std::string_view> span_text(const Command& command, const SourceSpan& span) {
    if (span.begin < command.span.begin || span.end < span.begin ||
        span.end - command.span.begin > command.source.size())
        return std::nullopt;
    return std::string_view(command.source).substr(span.begin - command.span.begin, span.end - span.begin);
}

std::string_view word_text(const Command& command, const Word& word) {
    return span_text(command, word.span).value_or("");
}

std::string join_words(const Command& command, const std::vector<Word>& words) {
    std::string text;
    for (const auto& word : words) {
        if (!text.empty())
            text += ' ';
        text += word_text(command, word);
    }
    return text;
}

std::string_view redirect_op_text(RedirectOp op) {
    switch (op) {
    case RedirectOp::input: return "<";
    case RedirectOp::output: return ">";
    case RedirectOp::append: return ">>";
    case RedirectOp::clobber: return ">|";
    case RedirectOp::read_write: return "<>";
    case RedirectOp::dup_input: return "<&";
    case RedirectOp::dup_output: return ">&";
    case RedirectOp::heredoc: return "<<";
    case RedirectOp::heredoc_strip: return "<<-";
    case RedirectOp::herestring: return "<<<";
    case RedirectOp::output_both: return "&>";
    case RedirectOp::append_both: return "&>>";
    }
    return ">";
}

// bash prints "2> file", "1>&2" (a duplication always names its fd) and "&> file".
bool append_redirect(const Command& command, const Redirect& redirect, std::string& out) {
    auto target = span_text(command, redirect.target.span);
    if (!target)
        return false;
    bool input = redirect.op == RedirectOp::input || redirect.op == RedirectOp::read_write ||
                 redirect.op == RedirectOp::dup_input || redirect.op == RedirectOp::herestring;
    bool duplicate = redirect.op == RedirectOp::dup_input || redirect.op == RedirectOp::dup_output;
    int fd = redirect.fd >= 0 ? redirect.fd : input ? 0 : 1;
    if (!redirect.fd_variable.empty())
        out += "{" + redirect.fd_variable + "}";
    else if (duplicate || fd != (input ? 0 : 1))
        out += std::to_string(fd);
    out += redirect_op_text(redirect.op);
    if (!duplicate)
        out += ' ';
    out += *target;
    return true;
}

// A simple command as bash prints it: its words as written, one blank apart, redirections last.
bool append_simple(const Command& command, const SimpleCommand& simple, std::string& out) {
    auto add = [&](std::optional<std::string_view> piece) {
        if (!piece)
            return false;
        if (!out.empty())
            out += ' ';
        out += *piece;
        return true;
    };
    for (const auto& assignment : simple.assignments)
        if (!add(span_text(command, assignment.span)))
            return false;
    for (const auto& word : simple.words)
        if (!add(span_text(command, word.span)))
            return false;
    for (const auto& redirect : simple.redirects) {
        if (redirect.op == RedirectOp::heredoc || redirect.op == RedirectOp::heredoc_strip)
            return false;  // its body follows the command: the text as written is what bash shows
        if (!out.empty())
            out += ' ';
        if (!append_redirect(command, redirect, out))
            return false;
    }
    return true;
}

// [[ ]] as bash prints it: operators one blank apart, a lone word as `-n word`.
bool append_condition(const Command& command, const CondExpression& expression, std::string& out) {
    auto word = [&](const Word& operand) {
        auto text = span_text(command, operand.span);
        if (text)
            out += *text;
        return text.has_value();
    };
    switch (expression.kind) {
    case CondExpression::Kind::word:
        out += "-n ";
        return word(expression.left);
    case CondExpression::Kind::unary:
        out += expression.op + " ";
        return word(expression.left);
    case CondExpression::Kind::binary:
        if (!word(expression.left))
            return false;
        out += " " + expression.op + " ";
        return word(expression.right);
    case CondExpression::Kind::negation:
        out += "! ";
        return expression.first && append_condition(command, *expression.first, out);
    case CondExpression::Kind::conjunction:
    case CondExpression::Kind::disjunction:
        if (!expression.first || !expression.second || !append_condition(command, *expression.first, out))
            return false;
        out += expression.kind == CondExpression::Kind::conjunction ? " && " : " || ";
        return append_condition(command, *expression.second, out);
    }
    return false;
}

}  // namespace

void command_text(const Command& command, std::string& out) {
    out.clear();
    bool done = false;
    if (auto* simple = std::get_if<SimpleCommand>(&command.node)) {
        done = append_simple(command, *simple, out);
        if (!done && !simple->redirects.empty())
            return (void)(out.assign(command.source) += '\n');  // a here-document's body ends it
    } else if (auto* condition = std::get_if<CondCommand>(&command.node)) {
        out = "[[ ";
        done = condition->expression && append_condition(command, *condition->expression, out);
        out += " ]]";
    }
    if (!done)
        out.assign(command.source);
}

std::string for_text(const Command& command, const ForClause& clause) {
    std::string text = std::string(clause.select ? "select " : "for ") + clause.variable + " in ";
    return text + (clause.items ? join_words(command, *clause.items) : "\"$@\"");
}

std::string case_text(const Command& command, const CaseClause& clause) {
    return "case " + std::string(word_text(command, clause.subject)) + " in ";
}

// bash drops the blanks before the expression, not those after it.
std::string arith_for_text(const Command& command, const Word& expression) {
    std::string_view text = word_text(command, expression);
    size_t start = text.find_first_not_of(" \t\n");
    return "((" + std::string(start == std::string_view::npos ? "" : text.substr(start)) + "))";
}

namespace {

bool run_debug_trap(Shell& shell) {
    auto debug = shell.traps.find(k_debug_trap);
    if (debug == shell.traps.end() || debug->second.empty())
        return true;
    shell.run_trap(k_debug_trap);
    return shell.flow == Flow::normal;
}

}  // namespace

// A trap's own commands leave BASH_COMMAND naming the one it interrupted, and run no DEBUG trap.
bool begin_command(Shell& shell, const Command& command, uint32_t line) {
    shell.line = line;
    if (shell.trap_depth > 0)
        return true;
    command_text(command, shell.bash_command);
    return run_debug_trap(shell);
}

bool begin_command(Shell& shell, std::string_view text, uint32_t line) {
    shell.line = line;
    if (shell.trap_depth > 0)
        return true;
    shell.bash_command.assign(text);
    return run_debug_trap(shell);
}

void name_command(Shell& shell, const Command& command) {
    if (shell.trap_depth == 0)
        command_text(command, shell.bash_command);
}

void run_err_trap(Shell& shell) {
    if (shell.trap_depth == 0)
        shell.run_trap(k_err_trap);
}

HiddenTraps::HiddenTraps(Shell& shell) {
    auto hide = [&](int signal) {
        if (auto it = shell.traps.find(signal); it != shell.traps.end()) {
            m_saved.emplace_back(signal, std::move(it->second));
            shell.traps.erase(it);
        }
    };
    if (!shell.options.errtrace)
        hide(k_err_trap);
    if (!shell.options.functrace) {
        hide(k_debug_trap);
        hide(k_return_trap);
    }
}

void HiddenTraps::restore(Shell& shell) {
    for (auto& [signal, action] : m_saved)
        shell.traps.try_emplace(signal, std::move(action));
    m_saved.clear();
}

}  // namespace sh
