// command_parser_sources.cpp — makes source texts self-contained: a node whose here-document
// bodies follow its line gets those bodies (and delimiter lines) appended, so a child shell given
// `cat <<EOF | tr a b`'s first stage can parse it alone.
#include <algorithm>
#include <unordered_map>

#include "sh/lang/command_parser.h"

namespace sh {

namespace {

using Range = std::pair<size_t, size_t>;
using Ranges = std::vector<Range>;

class HeredocSources final {
public:
    HeredocSources(const Reader& reader, const std::vector<Lexer::HeredocRange>& ranges) : m_reader(reader) {
        for (const auto& range : ranges)
            m_ranges.emplace(range.redirect, Range{range.begin, range.end});
    }

    Ranges visit(Program& program) {
        Ranges ranges;
        for (auto& item : program.items) {
            Ranges inner = visit(item.and_or.first);
            for (auto& [op, pipeline] : item.and_or.rest)
                merge(inner, visit(pipeline));
            append(item.source, item.span.end, inner);
            merge(ranges, inner);
        }
        return ranges;
    }

private:
    Ranges visit(Pipeline& pipeline) {
        Ranges ranges;
        for (auto& command : pipeline.commands)
            merge(ranges, visit(command));
        append(pipeline.source, pipeline.span.end, ranges);
        return ranges;
    }

    Ranges visit(Command& command) {
        Ranges ranges = visit_node(command.node);
        redirects(command.redirects, ranges);
        append(command.source, command.span.end, ranges);
        if (auto* definition = std::get_if<FunctionDefinition>(&command.node))
            append(definition->source, command.span.end, ranges);
        return ranges;
    }

    Ranges visit(const std::shared_ptr<Program>& program) { return program ? visit(*program) : Ranges{}; }

    Ranges visit_node(CommandNode& node) {
        Ranges ranges;
        if (auto* simple = std::get_if<SimpleCommand>(&node)) {
            redirects(simple->redirects, ranges);
        } else if (auto* subshell = std::get_if<Subshell>(&node)) {
            ranges = visit(subshell->body);
        } else if (auto* group = std::get_if<BraceGroup>(&node)) {
            ranges = visit(group->body);
        } else if (auto* clause = std::get_if<IfClause>(&node)) {
            for (auto& branch : clause->branches) {
                merge(ranges, visit(branch.condition));
                merge(ranges, visit(branch.body));
            }
            merge(ranges, visit(clause->else_body));
        } else if (auto* loop = std::get_if<LoopClause>(&node)) {
            ranges = visit(loop->condition);
            merge(ranges, visit(loop->body));
        } else if (auto* for_clause = std::get_if<ForClause>(&node)) {
            ranges = visit(for_clause->body);
        } else if (auto* arith_for = std::get_if<ArithForClause>(&node)) {
            ranges = visit(arith_for->body);
        } else if (auto* case_clause = std::get_if<CaseClause>(&node)) {
            for (auto& item : case_clause->items)
                merge(ranges, visit(item.body));
        } else if (auto* definition = std::get_if<FunctionDefinition>(&node)) {
            if (definition->body)
                ranges = visit(*definition->body);
        } else if (auto* coproc = std::get_if<CoprocClause>(&node)) {
            if (coproc->body)
                ranges = visit(*coproc->body);
        }
        return ranges;
    }

    void redirects(const std::vector<Redirect>& list, Ranges& ranges) {
        for (const auto& redirect : list) {
            auto found = m_ranges.find(&redirect);
            if (found != m_ranges.end())
                merge(ranges, {found->second});
        }
    }

    static void merge(Ranges& into, const Ranges& more) {
        into.insert(into.end(), more.begin(), more.end());
        std::sort(into.begin(), into.end());
        into.erase(std::unique(into.begin(), into.end()), into.end());
    }

    void append(std::string& source, size_t end, const Ranges& ranges) {
        for (const auto& [begin, body_end] : ranges) {
            if (begin < end)
                continue;  // the body is inside the node's own text
            source.push_back('\n');
            source.append(m_reader.slice(begin, body_end));
        }
    }

    const Reader& m_reader;
    std::unordered_map<const Redirect*, Range> m_ranges;
};

}  // namespace

void CommandParser::append_heredoc_sources(Program& program) {
    if (m_lexer.heredoc_ranges().empty())
        return;
    HeredocSources(m_reader, m_lexer.heredoc_ranges()).visit(program);
}

}  // namespace sh
