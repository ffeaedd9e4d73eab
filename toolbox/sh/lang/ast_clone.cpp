// ast_clone.cpp — deep copies; see ast_clone.h.
#include "sh/lang/ast_clone.h"

namespace sh {

namespace {

std::unique_ptr<Word> clone_pointer(const std::unique_ptr<Word>& word) {
    return word ? std::make_unique<Word>(clone_word(*word)) : nullptr;
}

WordPart clone_part(const WordPart& part) {
    if (auto* parameter = std::get_if<ParamExpansion>(&part)) {
        ParamExpansion copy;
        copy.name = parameter->name;
        copy.index = clone_pointer(parameter->index);
        copy.indirect = parameter->indirect;
        copy.op = parameter->op;
        copy.colon = parameter->colon;
        copy.longest = parameter->longest;
        copy.anchor = parameter->anchor;
        copy.star = parameter->star;
        copy.argument = clone_pointer(parameter->argument);
        copy.replacement = clone_pointer(parameter->replacement);
        copy.quoted = parameter->quoted;
        return copy;
    }
    if (auto* arithmetic = std::get_if<ArithmeticSubstitution>(&part))
        return ArithmeticSubstitution{clone_pointer(arithmetic->expression), arithmetic->quoted};
    if (auto* literal = std::get_if<Literal>(&part))
        return *literal;
    if (auto* substitution = std::get_if<CommandSubstitution>(&part))
        return *substitution;
    if (auto* tilde = std::get_if<Tilde>(&part))
        return *tilde;
    return std::get<ProcessSubstitution>(part);
}

}  // namespace

Word clone_word(const Word& word) {
    Word copy;
    copy.span = word.span;
    copy.parts.reserve(word.parts.size());
    for (const auto& part : word.parts)
        copy.parts.push_back(clone_part(part));
    return copy;
}

Assignment clone_assignment(const Assignment& assignment) {
    Assignment copy;
    copy.name = assignment.name;
    copy.index = clone_pointer(assignment.index);
    copy.append = assignment.append;
    if (assignment.value)
        copy.value = clone_word(*assignment.value);
    if (assignment.array) {
        std::vector<Word> elements;
        for (const auto& element : *assignment.array)
            elements.push_back(clone_word(element));
        copy.array = std::move(elements);
    }
    copy.span = assignment.span;
    copy.trace_text = assignment.trace_text;
    return copy;
}

}  // namespace sh
