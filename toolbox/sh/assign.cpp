#include "sh/assign.h"

#include <cstdlib>
#include <iterator>

#include "sh/expand.h"
#include "sh/lang_bridge.h"
#include "sh/trace.h"

namespace sh {

namespace {

// "[key]=value" inside a compound assignment.
struct KeyedElement {
    std::string key;
    std::string value;
    bool append{false};  // [key]+=value
};

std::optional<KeyedElement> keyed(const std::string& text) {
    if (text.empty() || text[0] != '[')
        return std::nullopt;
    size_t close = text.find("]=");
    size_t close_append = text.find("]+=");
    if (close_append != std::string::npos && (close == std::string::npos || close_append < close))
        return KeyedElement{text.substr(1, close_append - 1), text.substr(close_append + 3), true};
    if (close == std::string::npos)
        return std::nullopt;
    return KeyedElement{text.substr(1, close - 1), text.substr(close + 2)};
}

// An associative array given as "(k1 v1 k2 v2 …)" (bash 5.1): unkeyed fields pair up.
void assign_pairs(Variable& target, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); i += 2)
        target.set_element(fields[i], i + 1 < fields.size() ? fields[i + 1] : "");
}

bool assign_array(Shell& shell, const Assignment& assignment) {
    // The words expand before the array changes: a=("${a[@]}") reads the old elements.
    std::vector<std::string> fields;
    for (const auto& word : *assignment.array) {
        auto expanded = expand_word(shell, word);
        if (!expanded)
            return false;
        fields.insert(fields.end(), std::make_move_iterator(expanded->begin()), std::make_move_iterator(expanded->end()));
    }
    Variable* existing = shell.variables.find(assignment.name);
    if (existing && (existing->attributes & attribute::readonly)) {
        shell.error(assignment.name + ": readonly variable");
        return false;
    }
    Variable* target = existing ? existing : &shell.variables.declare(assignment.name, false);
    bool assoc = target->is_assoc();
    if (!assignment.append) {
        target->elements.clear();
        target->pairs.clear();
        target->value.reset();
    }
    target->attributes |= (assoc ? attribute::assoc_array : attribute::indexed_array) | attribute::array_assigned;
    int64_t next = target->elements.empty() ? 0 : target->elements.rbegin()->first + 1;
    std::vector<std::string> unkeyed;
    for (auto& field : fields) {
        auto element = keyed(field);
        if (assoc && !element) {
            unkeyed.push_back(std::move(field));
            continue;
        }
        std::string key = element ? element->key : std::to_string(next);
        if (element && !assoc) {
            auto index = arithmetic(shell, key);
            if (!index)
                return false;
            next = *index;
            key = std::to_string(next);
        }
        std::string value = element ? element->value : field;
        if (element && element->append)
            value = target->element(key).value_or("") + value;
        target->set_element(key, std::move(value));
        ++next;
    }
    assign_pairs(*target, unkeyed);
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
    if (key && (!variable || !variable->is_assoc()) && !key->empty() && (*key)[0] == '-' &&
        (!variable || negative_index_out_of_range(*variable, std::atoll(key->c_str())))) {
        shell.error(name + "[" + *key + "]: bad array subscript");
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

bool assign_compound(Shell& shell, const Assignment& assignment) { return assign_array(shell, assignment); }

// set -x shows an assignment before it is made: the compound form as written, before its
// elements expand; a scalar with its value expanded and its subscript as written.
bool perform_assignment(Shell& shell, const Assignment& assignment, bool exported) {
    if (assignment.array) {
        trace_line(shell, assignment.trace_text.empty() ? assignment.name + "=(...)" : assignment.trace_text);
        return assign_array(shell, assignment);
    }
    std::string value;
    if (assignment.value) {
        auto expanded = expand_string(shell, *assignment.value);
        if (!expanded)
            return false;
        value = std::move(*expanded);
    }
    if (shell.options.xtrace)
        trace_line(shell, (assignment.trace_text.empty() ? assignment.name + (assignment.append ? "+=" : "=")
                                                         : assignment.trace_text) +
                              trace_value(shell, value));
    std::optional<std::string> key;
    if (assignment.index) {
        auto index = expand_string(shell, *assignment.index);
        if (!index)
            return false;
        const Variable* variable = shell.variables.find(assignment.name);
        if (variable && variable->is_assoc()) {
            key = *index;
        } else {
            auto number = arithmetic(shell, *index);
            if (!number)
                return false;
            key = std::to_string(*number);
        }
    }
    if (!assign_value(shell, assignment.name, key, std::move(value), assignment.append))
        return false;
    if (exported)
        shell.variables.set_attribute(assignment.name, attribute::exported);
    return true;
}

}  // namespace sh
