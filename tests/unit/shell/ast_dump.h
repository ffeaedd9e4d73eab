// ast_dump.h — a compact text form of a syntax tree, for the parser tests.
//
// Shell-like but unambiguous where it matters: quoted literal text is shown in '…' (a ' inside
// as \'), a quoted expansion inside "…", here-document bodies in {…}, and every ${…} spelled out
// with its operator; a tilde prefix is (~user). Compound commands read as their keywords; `[[ ]]`
// expressions are parenthesised.
#pragma once

#include <string>
#include <variant>

#include "sh/lang/ast.h"

namespace sh::test {

std::string dump(const Program& program);
std::string dump(const Command& command);

inline std::string dump(const Word& word) {
    std::string out;
    for (const auto& part : word.parts) {
        if (auto* literal = std::get_if<Literal>(&part)) {
            if (!literal->quoted) {
                out += literal->text;
                continue;
            }
            out += '\'';
            for (char c : literal->text) {
                if (c == '\'')
                    out += '\\';
                out += c;
            }
            out += '\'';
        } else if (auto* parameter = std::get_if<ParamExpansion>(&part)) {
            std::string text = "${";
            if (parameter->indirect)
                text += '!';
            if (parameter->op == ParamOp::length)
                text += '#';
            if (parameter->op == ParamOp::names_matching || parameter->op == ParamOp::array_keys)
                text += '!';
            text += parameter->name;
            if (parameter->index)
                text += "[" + dump(*parameter->index) + "]";
            std::string argument = parameter->argument ? dump(*parameter->argument) : "";
            std::string colon = parameter->colon ? ":" : "";
            switch (parameter->op) {
            case ParamOp::plain:
            case ParamOp::length:
            case ParamOp::array_keys:
                break;
            case ParamOp::default_value: text += colon + "-" + argument; break;
            case ParamOp::assign_default: text += colon + "=" + argument; break;
            case ParamOp::error_if_unset: text += colon + "?" + argument; break;
            case ParamOp::alternative: text += colon + "+" + argument; break;
            case ParamOp::remove_prefix: text += (parameter->longest ? "##" : "#") + argument; break;
            case ParamOp::remove_suffix: text += (parameter->longest ? "%%" : "%") + argument; break;
            case ParamOp::replace:
                text += parameter->longest                               ? "//"
                        : parameter->anchor == ReplaceAnchor::start ? "/#"
                        : parameter->anchor == ReplaceAnchor::end   ? "/%"
                                                                     : "/";
                text += argument;
                if (parameter->replacement)
                    text += "/" + dump(*parameter->replacement);
                break;
            case ParamOp::substring:
                text += ":" + argument;
                if (parameter->replacement)
                    text += ":" + dump(*parameter->replacement);
                break;
            case ParamOp::upper: text += (parameter->longest ? "^^" : "^") + argument; break;
            case ParamOp::lower: text += (parameter->longest ? ",," : ",") + argument; break;
            case ParamOp::toggle_case: text += (parameter->longest ? "~~" : "~") + argument; break;
            case ParamOp::names_matching: text += parameter->star ? "*" : "@"; break;
            case ParamOp::transform: text += "@" + argument; break;
            case ParamOp::bad_substitution: text = "${bad " + argument; break;
            }
            text += "}";
            out += parameter->quoted ? "\"" + text + "\"" : text;
        } else if (auto* substitution = std::get_if<CommandSubstitution>(&part)) {
            std::string text = substitution->backquoted ? "`" : "$(";
            text += substitution->program ? dump(*substitution->program) : "!" + substitution->source;
            text += substitution->backquoted ? "`" : ")";
            out += substitution->quoted ? "\"" + text + "\"" : text;
        } else if (auto* arithmetic = std::get_if<ArithmeticSubstitution>(&part)) {
            std::string text = "$((" + dump(*arithmetic->expression) + "))";
            out += arithmetic->quoted ? "\"" + text + "\"" : text;
        } else if (auto* tilde = std::get_if<Tilde>(&part)) {
            out += "(~" + tilde->user + ")";
        } else if (auto* process = std::get_if<ProcessSubstitution>(&part)) {
            out += (process->output ? ">(" : "<(") + dump(*process->program) + ")";
        }
    }
    return out;
}

inline std::string dump(const Redirect& redirect) {
    static constexpr const char* ops[] = {"<", ">", ">>", ">|", "<>", "<&", ">&", "<<", "<<-", "<<<", "&>", "&>>"};
    std::string out;
    if (!redirect.fd_variable.empty())
        out += "{" + redirect.fd_variable + "}";
    else if (redirect.fd >= 0)
        out += std::to_string(redirect.fd);
    out += ops[static_cast<int>(redirect.op)];
    if (redirect.op == RedirectOp::heredoc || redirect.op == RedirectOp::heredoc_strip)
        out += std::string(redirect.heredoc_quoted ? "q" : "") + "{" + dump(redirect.target) + "}";
    else
        out += dump(redirect.target);
    return out;
}

inline std::string dump(const Assignment& assignment) {
    std::string out = assignment.name;
    if (assignment.index)
        out += "[" + dump(*assignment.index) + "]";
    out += assignment.append ? "+=" : "=";
    if (assignment.value)
        out += dump(*assignment.value);
    if (assignment.array) {
        out += "(";
        for (size_t i = 0; i < assignment.array->size(); ++i)
            out += (i ? " " : "") + dump((*assignment.array)[i]);
        out += ")";
    }
    return out;
}

inline std::string dump(const CondExpression& expression) {
    switch (expression.kind) {
    case CondExpression::Kind::word: return dump(expression.left);
    case CondExpression::Kind::unary: return "(" + expression.op + " " + dump(expression.left) + ")";
    case CondExpression::Kind::binary:
        return "(" + dump(expression.left) + " " + expression.op + " " + dump(expression.right) + ")";
    case CondExpression::Kind::negation: return "(! " + dump(*expression.first) + ")";
    case CondExpression::Kind::conjunction:
        return "(" + dump(*expression.first) + " && " + dump(*expression.second) + ")";
    case CondExpression::Kind::disjunction:
        return "(" + dump(*expression.first) + " || " + dump(*expression.second) + ")";
    }
    return "?";
}

inline std::string dump_node(const CommandNode& node) {
    auto body = [](const std::shared_ptr<Program>& program) { return program ? dump(*program) : std::string("null"); };
    if (auto* simple = std::get_if<SimpleCommand>(&node)) {
        std::string out;
        auto add = [&](const std::string& text) { out += (out.empty() ? "" : " ") + text; };
        for (const auto& assignment : simple->assignments)
            add(dump(assignment));
        for (const auto& word : simple->words)
            add(dump(word));
        for (const auto& redirect : simple->redirects)
            add(dump(redirect));
        return out;
    }
    if (auto* subshell = std::get_if<Subshell>(&node))
        return "( " + body(subshell->body) + " )";
    if (auto* group = std::get_if<BraceGroup>(&node))
        return "{ " + body(group->body) + " }";
    if (auto* clause = std::get_if<IfClause>(&node)) {
        std::string out;
        for (size_t i = 0; i < clause->branches.size(); ++i)
            out += (i ? " elif " : "if ") + body(clause->branches[i].condition) + " then " +
                   body(clause->branches[i].body);
        if (clause->else_body)
            out += " else " + body(clause->else_body);
        return out + " fi";
    }
    if (auto* loop = std::get_if<LoopClause>(&node))
        return (loop->until ? "until " : "while ") + body(loop->condition) + " do " + body(loop->body) + " done";
    if (auto* clause = std::get_if<ForClause>(&node)) {
        std::string out = (clause->select ? "select " : "for ") + clause->variable;
        if (clause->items) {
            out += " in";
            for (const auto& item : *clause->items)
                out += " " + dump(item);
            out += ";";
        }
        return out + " do " + body(clause->body) + " done";
    }
    if (auto* clause = std::get_if<ArithForClause>(&node))
        return "for ((" + dump(clause->init) + ";" + dump(clause->condition) + ";" + dump(clause->step) + ")) do " +
               body(clause->body) + " done";
    if (auto* clause = std::get_if<CaseClause>(&node)) {
        std::string out = "case " + dump(clause->subject) + " in";
        for (const auto& item : clause->items) {
            out += " ";
            for (size_t i = 0; i < item.patterns.size(); ++i)
                out += (i ? "|" : "") + dump(item.patterns[i]);
            out += ") " + body(item.body);
            out += item.terminator == CaseClause::Terminator::end           ? " ;;"
                   : item.terminator == CaseClause::Terminator::fallthrough ? " ;&"
                                                                            : " ;;&";
        }
        return out + " esac";
    }
    if (auto* definition = std::get_if<FunctionDefinition>(&node))
        return "function " + definition->name + " " + dump(*definition->body);
    if (auto* arithmetic = std::get_if<ArithmeticCommand>(&node))
        return "((" + dump(arithmetic->expression) + "))";
    if (auto* conditional = std::get_if<CondCommand>(&node))
        return "[[ " + dump(*conditional->expression) + " ]]";
    if (auto* coproc = std::get_if<CoprocClause>(&node))
        return "coproc " + coproc->name + " " + dump(*coproc->body);
    return "?";
}

inline std::string dump(const Command& command) {
    std::string out = dump_node(command.node);
    for (const auto& redirect : command.redirects)
        out += " " + dump(redirect);
    return out;
}

inline std::string dump(const Pipeline& pipeline) {
    std::string out;
    if (pipeline.timed)
        out += pipeline.time_posix ? "time -p " : "time ";
    if (pipeline.negated)
        out += "! ";
    for (size_t i = 0; i < pipeline.commands.size(); ++i) {
        if (i)
            out += pipeline.stderr_too[i - 1] ? " |& " : " | ";
        out += dump(pipeline.commands[i]);
    }
    return out;
}

inline std::string dump(const Program& program) {
    std::string out;
    for (size_t i = 0; i < program.items.size(); ++i) {
        const auto& item = program.items[i];
        if (i)
            out += " ";
        out += dump(item.and_or.first);
        for (const auto& [op, pipeline] : item.and_or.rest)
            out += (op == AndOr::Op::and_then ? " && " : " || ") + dump(pipeline);
        out += item.background ? " &" : ";";
    }
    return out;
}

}  // namespace sh::test
