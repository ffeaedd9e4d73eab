#include "sh/variables.h"

#include "sh/quote.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace sh {

namespace {

std::string with_case(const Variable& variable, std::string value) {
    if (variable.attributes & attribute::lowercase)
        std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    else if (variable.attributes & attribute::uppercase)
        std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    return value;
}

std::optional<int64_t> index_of(std::string_view key) {
    int64_t index = 0;
    auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
    if (error != std::errc{} || end != key.data() + key.size())
        return std::nullopt;
    return index;
}

}  // namespace

bool Variable::is_set() const {
    if (is_assoc())
        return !pairs.empty();
    if (attributes & attribute::indexed_array)
        return !elements.empty();
    return value.has_value();
}

std::optional<std::string> Variable::scalar() const { return element("0"); }

bool negative_index_out_of_range(const Variable& variable, int64_t index) {
    if (!(variable.attributes & attribute::indexed_array))
        return index < 0;  // bash counts no element back from a scalar
    int64_t size = variable.elements.empty() ? 0 : variable.elements.rbegin()->first + 1;
    return size + index < 0;
}

std::optional<std::string> Variable::element(std::string_view key) const {
    if (is_assoc()) {
        for (const auto& [k, v] : pairs)
            if (k == key)
                return v;
        return std::nullopt;
    }
    if (!(attributes & attribute::indexed_array))
        return key == "0" ? value : std::nullopt;
    auto index = index_of(key);
    if (!index)
        return std::nullopt;
    if (*index < 0 && !elements.empty())
        index = elements.rbegin()->first + 1 + *index;  // a[-1] is the last element
    auto it = elements.find(*index);
    return it == elements.end() ? std::nullopt : std::optional<std::string>(it->second);
}

void Variable::set_element(std::string_view key, std::string text) {
    text = with_case(*this, std::move(text));
    if (is_assoc()) {
        for (auto& [k, v] : pairs)
            if (k == key) {
                v = std::move(text);
                return;
            }
        pairs.emplace_back(std::string(key), std::move(text));
        return;
    }
    if (!(attributes & attribute::indexed_array)) {
        attributes |= attribute::indexed_array;  // a[1]=x turns a scalar into an array
        if (value)
            elements[0] = *value;
        value.reset();
    }
    auto index = index_of(key).value_or(0);
    if (index < 0 && !elements.empty())
        index = elements.rbegin()->first + 1 + index;
    elements[index] = std::move(text);
}

bool Variable::unset_element(std::string_view key) {
    if (is_assoc()) {
        auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& pair) { return pair.first == key; });
        if (it == pairs.end())
            return false;
        pairs.erase(it);
        return true;
    }
    if (!(attributes & attribute::indexed_array)) {
        if (key != "0")
            return false;
        value.reset();
        return true;
    }
    auto index = index_of(key);
    return index && elements.erase(*index) > 0;
}

std::vector<std::string> Variable::values() const {
    std::vector<std::string> out;
    if (is_assoc()) {
        for (const auto& [k, v] : pairs)
            out.push_back(v);
    } else if (attributes & attribute::indexed_array) {
        for (const auto& [k, v] : elements)
            out.push_back(v);
    } else if (value) {
        out.push_back(*value);
    }
    return out;
}

std::vector<std::string> Variable::keys() const {
    std::vector<std::string> out;
    if (is_assoc()) {
        for (const auto& [k, v] : pairs)
            out.push_back(k);
    } else if (attributes & attribute::indexed_array) {
        for (const auto& [k, v] : elements)
            out.push_back(std::to_string(k));
    } else if (value) {
        out.push_back("0");
    }
    return out;
}

Variables::Variables() : m_scopes(1) {}

bool Variables::valid_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
        return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

Variable* Variables::find(std::string_view name) {
    Variable* variable = find_raw(name);
    for (int depth = 0; variable && (variable->attributes & attribute::nameref) && depth < 8; ++depth) {
        if (!variable->value || !valid_name(*variable->value))
            break;
        variable = find_raw(*variable->value);
    }
    return variable;
}

std::string Variables::resolve(std::string_view name) const {
    std::string current(name);
    for (int depth = 0; depth < 8; ++depth) {
        const Variable* variable = const_cast<Variables*>(this)->find_raw(current);
        if (!variable || !(variable->attributes & attribute::nameref) || !variable->value ||
            !valid_name(*variable->value))
            break;
        current = *variable->value;
    }
    return current;
}

Variable* Variables::find_raw(std::string_view name) {
    for (auto scope = m_scopes.rbegin(); scope != m_scopes.rend(); ++scope) {
        auto it = scope->find(std::string(name));
        if (it != scope->end())
            return &it->second;
    }
    return nullptr;
}

const Variable* Variables::find(std::string_view name) const {
    return const_cast<Variables*>(this)->find(name);
}

std::optional<std::string> Variables::get(std::string_view name) const {
    const Variable* variable = find(name);
    return variable ? variable->scalar() : std::nullopt;
}

AssignError Variables::set(std::string_view name_or_ref, std::string value) {
    if (!valid_name(name_or_ref))
        return AssignError::bad_name;
    std::string name = resolve(name_or_ref);
    Variable* variable = find(name);
    if (!variable)
        variable = &m_scopes.front()[std::string(name)];
    if (variable->attributes & attribute::readonly)
        return AssignError::readonly;
    if (variable->is_array())
        variable->set_element("0", std::move(value));
    else
        variable->value = with_case(*variable, std::move(value));
    return AssignError::none;
}

AssignError Variables::set_element(std::string_view name_or_ref, std::string_view key, std::string value) {
    if (!valid_name(name_or_ref))
        return AssignError::bad_name;
    std::string name = resolve(name_or_ref);
    Variable* variable = find(name);
    if (!variable)
        variable = &m_scopes.front()[std::string(name)];
    if (variable->attributes & attribute::readonly)
        return AssignError::readonly;
    variable->set_element(key, std::move(value));
    return AssignError::none;
}

Variable& Variables::declare(std::string_view name, bool local) {
    auto& scope = local ? m_scopes.back() : m_scopes.front();
    auto it = scope.find(std::string(name));
    if (it != scope.end())
        return it->second;
    Variable fresh;
    // A local inherits nothing but the exported attribute is not carried either (bash).
    return scope.emplace(std::string(name), std::move(fresh)).first->second;
}

AssignError Variables::unset(std::string_view name_or_ref) {
    std::string name = resolve(name_or_ref);
    for (auto scope = m_scopes.rbegin(); scope != m_scopes.rend(); ++scope) {
        auto it = scope->find(std::string(name));
        if (it == scope->end())
            continue;
        if (it->second.attributes & attribute::readonly)
            return AssignError::readonly;
        // A local of the running function stays local, only unset (bash): the caller's
        // variable of that name does not show through until the function returns.
        if (scope == m_scopes.rbegin() && m_scopes.size() > 1)
            it->second = Variable{};
        else
            scope->erase(it);
        return AssignError::none;
    }
    return AssignError::none;
}

void Variables::set_attribute(std::string_view name, uint16_t flags, bool local) {
    Variable* variable = local ? &declare(name, true) : find(name);
    if (!variable)
        variable = &declare(name, false);
    variable->attributes |= flags;
}

void Variables::push_scope() { m_scopes.emplace_back(); }

void Variables::pop_scope() {
    if (m_scopes.size() > 1)
        m_scopes.pop_back();
}

std::vector<std::string> Variables::environment() const {
    std::vector<std::string> out;
    for (const auto& name : names()) {
        const Variable* variable = find(name);
        if (variable && (variable->attributes & attribute::exported)) {
            auto value = variable->scalar();
            if (value)
                out.push_back(name + "=" + *value);
        }
    }
    return out;
}

std::vector<std::string> Variables::names() const {
    std::set<std::string> all;
    for (const auto& scope : m_scopes)
        for (const auto& [name, variable] : scope)
            all.insert(name);
    return {all.begin(), all.end()};
}

std::string attribute_letters(const Variable& variable) {
    std::string flags;
    if (variable.attributes & attribute::indexed_array) flags += 'a';
    if (variable.attributes & attribute::assoc_array) flags += 'A';
    if (variable.attributes & attribute::integer) flags += 'i';
    if (variable.attributes & attribute::lowercase) flags += 'l';
    if (variable.attributes & attribute::nameref) flags += 'n';
    if (variable.attributes & attribute::readonly) flags += 'r';
    if (variable.attributes & attribute::uppercase) flags += 'u';
    if (variable.attributes & attribute::exported) flags += 'x';
    return flags;
}

std::string declare_line(const std::string& name, const Variable& variable) {
    std::string letters = attribute_letters(variable);
    std::string line = "declare " + (letters.empty() ? "--" : "-" + letters) + " " + name;
    if (variable.is_array()) {
        if (!variable.is_set() && !(variable.attributes & attribute::array_assigned))
            return line + "\n";
        line += "=(";
        auto keys = variable.keys();
        auto values = variable.values();
        for (size_t i = 0; i < keys.size(); ++i)
            line += (i ? " [" : "[") + keys[i] + "]=" + quote_double(values[i]);
        return line + (variable.is_assoc() ? " )\n" : ")\n");
    }
    if (variable.value)
        line += "=" + quote_double(*variable.value);
    return line + "\n";
}

}  // namespace sh
