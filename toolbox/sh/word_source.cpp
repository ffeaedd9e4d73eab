#include "sh/word_source.h"

namespace sh {

std::string word_source(const Word& word) {
    std::string text;
    for (const auto& part : word.parts) {
        if (auto* literal = std::get_if<Literal>(&part))
            text += literal->text;
        else if (auto* parameter = std::get_if<ParamExpansion>(&part))
            text += (parameter->op == ParamOp::plain && !parameter->index && !parameter->indirect)
                        ? "$" + parameter->name
                        : "${" + parameter->name + "}";
        else if (auto* substitution = std::get_if<CommandSubstitution>(&part))
            text += substitution->backquoted ? "`" + substitution->source + "`" : "$(" + substitution->source + ")";
        else if (std::holds_alternative<ArithmeticSubstitution>(part))
            text += "$((...))";
        else if (auto* tilde = std::get_if<Tilde>(&part))
            text += "~" + tilde->user;
    }
    return text;
}

}  // namespace sh
