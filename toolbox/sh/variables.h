// variables.h — shell variables: scalars, indexed and associative arrays, their attributes, and
// the scopes `local` makes (dynamic scoping, as bash: a function sees its callers' locals).
// Thread safety: single-threaded (the toolbox is).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sh {

namespace attribute {
constexpr uint16_t exported = 1 << 0;
constexpr uint16_t readonly = 1 << 1;
constexpr uint16_t integer = 1 << 2;
constexpr uint16_t lowercase = 1 << 3;
constexpr uint16_t uppercase = 1 << 4;
constexpr uint16_t indexed_array = 1 << 5;
constexpr uint16_t assoc_array = 1 << 6;
// Not user-visible: an array that was assigned, even empty (declare -p shows `x=()`).
constexpr uint16_t array_assigned = 1 << 7;
constexpr uint16_t nameref = 1 << 8;  // declare -n: the value names the variable meant
}  // namespace attribute

struct Variable {
    std::optional<std::string> value;            // scalars (and element 0 of an indexed array)
    std::map<int64_t, std::string> elements;     // indexed arrays, sparse
    std::vector<std::pair<std::string, std::string>> pairs;  // associative arrays, insertion order
    uint16_t attributes{0};

    bool is_array() const { return attributes & (attribute::indexed_array | attribute::assoc_array); }
    bool is_assoc() const { return attributes & attribute::assoc_array; }
    // Set means it has a value: `declare x` alone makes a variable with attributes but unset.
    bool is_set() const;
    // $x of an array is its element 0 (or key "0").
    std::optional<std::string> scalar() const;
    std::optional<std::string> element(std::string_view key) const;
    void set_element(std::string_view key, std::string value);
    bool unset_element(std::string_view key);
    // All values in order ("${a[@]}") and all keys ("${!a[@]}").
    std::vector<std::string> values() const;
    std::vector<std::string> keys() const;
};

// Its attributes as declare's option letters ("aix"), and declare -p's line for it.
std::string attribute_letters(const Variable& variable);
std::string declare_line(const std::string& name, const Variable& variable);

// What an assignment to a readonly variable or a bad name reports.
enum class AssignError : uint8_t { none, readonly, bad_name };

// Whether a negative index counts back past the first element of `variable` (for a scalar: any
// negative index): bash's "bad array subscript".
bool negative_index_out_of_range(const Variable& variable, int64_t index);

class Variables {
public:
    Variables();

    // find, get, set, set_element and unset follow namerefs; find_raw does not.
    Variable* find(std::string_view name);
    const Variable* find(std::string_view name) const;
    Variable* find_raw(std::string_view name);
    // The name a nameref chain ends at (the name itself if it is no nameref).
    std::string resolve(std::string_view name) const;
    std::optional<std::string> get(std::string_view name) const;
    // Assigns in the innermost scope that has `name` (global if none), applying the variable's
    // case attributes. Integer attributes are the caller's business (it has the evaluator).
    AssignError set(std::string_view name, std::string value);
    AssignError set_element(std::string_view name, std::string_view key, std::string value);
    // Creates or finds the variable in the current function scope (local) or the global one.
    Variable& declare(std::string_view name, bool local);
    AssignError unset(std::string_view name);
    void set_attribute(std::string_view name, uint16_t flags, bool local = false);

    void push_scope();
    void pop_scope();
    size_t depth() const { return m_scopes.size(); }

    // "NAME=value" for every exported, set variable (the environment a child gets).
    std::vector<std::string> environment() const;
    // Every visible variable name, sorted (for `set`, `declare -p`, ${!prefix*}).
    std::vector<std::string> names() const;

    static bool valid_name(std::string_view name);

private:
    using Scope = std::unordered_map<std::string, Variable>;
    std::vector<Scope> m_scopes;  // [0] global; one more per function call with locals
};

}  // namespace sh
