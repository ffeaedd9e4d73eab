#include "sh/assign.h"

#include "sh/expand.h"
#include "sh/lang_bridge.h"

namespace sh {

namespace {

// "[key]=value" inside a compound assignment.
struct KeyedElement {
    std::string key;
    std::string value;
};

std::optional<KeyedElement> keyed(const std::string& text) {
    if (text.empty() || text[0] != '[')
        return std::nullopt;
    size_t close = text.find("]=");
    if (close == std::string::npos)
        return std::nullopt;
    return KeyedElement{text.substr(1, close - 1), text.substr(close + 2)};
}

bool assign_array(Shell& shell, const Assignment& assignment) {
    Variable* existing = shell.variables.find(assignment.name);
    if (existing && (existing->attributes & attribute::readonly)) {
        shell.error(assignment.name + ": readonly variable");
        return false;
    }
    bool assoc = existing && existing->is_assoc();
    Variable& variable = shell.variables.declare(assignment.name, false);
    Variable* target = existing ? existing : &variable;
    if (!assignment.append) {
        target->elements.clear();
        target->pairs.clear();
        target->value.reset();
    }
    target->attributes |= assoc ? attribute::assoc_array : attribute::indexed_array;
    int64_t next = target->elements.empty() ? 0 : target->elements.rbegin()->first + 1;
    for (const auto& word : *assignment.array) {
        auto fields = expand_word(shell, word);
        if (!fields)
            return false;
        for (auto& field : *fields) {
            if (auto element = keyed(field)) {
                std::string key = element->key;
                if (!assoc) {
                    auto index = arithmetic(shell, key);
                    if (!index)
                        return false;
                    next = *index;
                    key = std::to_string(next);
                }
                target->set_element(key, element->value);
                ++next;
            } else if (!assoc) {
                target->set_element(std::to_string(next++), field);
            } else {
                shell.error(assignment.name + ": " + field + ": must use subscript when assigning associative array");
            }
        }
    }
    return true;
}

}  // namespace

bool assign_value(Shell& shell, const std::string& name, const std::optional<std::string>& key, std::string value,
                  bool append) {
    Variable* variable = shell.variables.find(name);
    if (variable && (variable->attributes & attribute::readonly)) {
        shell.error(name + ": readonly variable");
        return false;
    }
    std::optional<std::string> current = variable ? (key ? variable->element(*key) : variable->scalar()) : std::nullopt;
    if (variable && (variable->attributes & attribute::integer)) {
        std::string expression = append && current ? *current + "+(" + value + ")" : value;
        auto number = arithmetic(shell, expression.empty() ? "0" : expression);
        if (!number)
            return false;
        value = std::to_string(*number);
    } else if (append && current) {
        value = *current + value;
    }
    AssignError error = key ? shell.variables.set_element(name, *key, std::move(value))
                            : shell.variables.set(name, std::move(value));
    if (error == AssignError::bad_name) {
        shell.error("`" + name + "': not a valid identifier");
        return false;
    }
    if (shell.options.allexport)
        shell.variables.set_attribute(name, attribute::exported);
    return error == AssignError::none;
}

std::optional<std::string> perform_assignment(Shell& shell, const Assignment& assignment, bool exported) {
    if (assignment.array) {
        if (!assign_array(shell, assignment))
            return std::nullopt;
        return assignment.name + "=(...)";
    }
    std::optional<std::string> key;
    if (assignment.index) {
        auto index = expand_string(shell, *assignment.index);
        if (!index)
            return std::nullopt;
        const Variable* variable = shell.variables.find(assignment.name);
        if (variable && variable->is_assoc()) {
            key = *index;
        } else {
            auto number = arithmetic(shell, *index);
            if (!number)
                return std::nullopt;
            key = std::to_string(*number);
        }
    }
    std::string value;
    if (assignment.value) {
        auto expanded = expand_string(shell, *assignment.value);
        if (!expanded)
            return std::nullopt;
        value = std::move(*expanded);
    }
    std::string traced = assignment.name + (key ? "[" + *key + "]" : "") + (assignment.append ? "+=" : "=") + value;
    if (!assign_value(shell, assignment.name, key, std::move(value), assignment.append))
        return std::nullopt;
    if (exported)
        shell.variables.set_attribute(assignment.name, attribute::exported);
    return traced;
}

}  // namespace sh
