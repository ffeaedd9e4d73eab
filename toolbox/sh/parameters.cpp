#include "sh/parameters.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "sh/assign.h"
#include "sh/builtins/builtins.h"
#include "sh/expand.h"
#include "sh/lang/ansi_c.h"
#include "sh/lang/pattern.h"
#include "sh/word_source.h"
#include "sh/lang_bridge.h"
#include "sh/quote.h"

namespace sh {

namespace {

struct Lookup {
    bool set{false};
    std::vector<std::string> values;
    bool is_list{false};
    bool joined{false};
};

bool is_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

int64_t now_seconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

Lookup single(std::optional<std::string> value) {
    if (!value)
        return {};
    return Lookup{true, {std::move(*value)}, false, false};
}

// SHELLOPTS: the `set -o` options that are on, in bash's (alphabetical) order.
std::string shell_options_text(const Shell& shell) {
    static constexpr std::string_view names[] = {"allexport", "braceexpand", "errexit", "errtrace", "functrace", "hashall",
        "interactive-comments", "monitor", "noclobber", "noexec", "noglob", "nounset", "pipefail",
        "verbose", "xtrace"};
    std::string text;
    for (std::string_view name : names) {
        bool always = name == "braceexpand" || name == "hashall" || name == "interactive-comments";
        if (always || set_option_value(shell, name).value_or(false))
            text += (text.empty() ? "" : ":") + std::string(name);
    }
    return text;
}

std::optional<std::string> dynamic_variable(Shell& shell, std::string_view name) {
    if (name == "BASH_ARGV0")
        return shell.name;
    if (name == "SHELLOPTS")
        return shell_options_text(shell);
    if (name == "RANDOM")
        return shell.random_text();
    if (name == "SECONDS")
        return shell.seconds_text();
    if (name == "EPOCHSECONDS")
        return std::to_string(now_seconds());
    if (name == "EPOCHREALTIME") {
        auto since = std::chrono::system_clock::now().time_since_epoch();
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since).count();
        char text[32];
        std::snprintf(text, sizeof text, "%lld.%06lld", static_cast<long long>(micros / 1000000),
                      static_cast<long long>(micros % 1000000));
        return std::string(text);
    }
    if (name == "LINENO")
        return std::to_string(shell.line + shell.line_base);
    if (name == "BASH_COMMAND")
        return shell.bash_command;
    if (name == "BASHPID")
        return std::to_string(shell.own_pid);
    if (name == "BASH_SUBSHELL")
        return std::to_string(shell.subshell_level);
    return std::nullopt;
}

// FUNCNAME, BASH_SOURCE, BASH_LINENO: read-only arrays made from the call stack.
std::optional<std::vector<std::string>> call_stack_array(const Shell& shell, std::string_view name) {
    if (name == "FUNCNAME")
        return shell.function_names();
    if (name == "BASH_SOURCE")
        return shell.source_names();
    if (name == "BASH_LINENO")
        return shell.call_lines();
    return std::nullopt;
}

Lookup lookup_array(Shell& shell, const std::string& name, const Word& index) {
    auto key_text = expand_string(shell, index);
    if (!key_text)
        return {};
    std::vector<std::string> values;
    bool have = false;
    if (name == "PIPESTATUS") {
        for (int status : shell.pipe_status)
            values.push_back(std::to_string(status));
        have = true;
    } else if (auto stack = call_stack_array(shell, name)) {
        values = std::move(*stack);
        have = true;
    }
    const Variable* variable = have ? nullptr : shell.variables.find(name);
    if (*key_text == "@" || *key_text == "*") {
        if (variable)
            values = variable->values();
        return Lookup{!values.empty(), values, true, *key_text == "*"};
    }
    if (have) {
        auto index_value = arithmetic(shell, *key_text);
        if (!index_value || *index_value < 0 || *index_value >= static_cast<int64_t>(values.size()))
            return {};
        return single(values[*index_value]);
    }
    if (!variable)
        return {};
    if (variable->is_assoc())
        return single(variable->element(*key_text));
    auto index_value = arithmetic(shell, *key_text);
    if (!index_value)
        return {};
    if (*index_value < 0 && negative_index_out_of_range(*variable, *index_value)) {
        shell.error(name + ": bad array subscript");  // reported, and the value is empty (bash)
        return {};
    }
    return single(variable->element(std::to_string(*index_value)));
}

// `target` overrides the name for ${!x} (its key part, "a[3]", is handled by the caller).
Lookup lookup(Shell& shell, const ParamExpansion& expansion, const std::string* target = nullptr,
              const Word* target_index = nullptr) {
    const std::string& name = target ? *target : expansion.name;
    if (target_index)
        return lookup_array(shell, name, *target_index);
    if (expansion.index && !target)
        return lookup_array(shell, name, *expansion.index);
    if (name == "@" || name == "*")
        return Lookup{!shell.positional.empty(), shell.positional, true, name == "*"};
    if (name == "#")
        return single(std::to_string(shell.positional.size()));
    if (name == "?")
        return single(std::to_string(shell.status));
    if (name == "$")
        return single(std::to_string(shell.shell_pid));
    if (name == "!")
        return shell.last_background ? single(std::to_string(shell.last_background)) : Lookup{};
    if (name == "-")
        return single(shell.options.flags());
    if (name == "0")
        return single(shell.name);
    if (is_digits(name)) {
        size_t index = std::strtoul(name.c_str(), nullptr, 10);
        if (index == 0 || index > shell.positional.size())
            return {};
        return single(shell.positional[index - 1]);
    }
    if (auto dynamic = dynamic_variable(shell, name))
        return single(dynamic);
    if (name == "PIPESTATUS" && !shell.pipe_status.empty())
        return single(std::to_string(shell.pipe_status.front()));
    if (auto stack = call_stack_array(shell, name))
        return stack->empty() ? Lookup{} : single(stack->front());
    return single(shell.variables.get(name));
}

char ifs_separator(Shell& shell) {
    auto ifs = shell.variables.get("IFS");
    if (!ifs)
        return ' ';
    return ifs->empty() ? '\0' : (*ifs)[0];
}

std::optional<std::string> argument_text(Shell& shell, const std::unique_ptr<Word>& word) {
    if (!word)
        return std::string();
    return expand_string(shell, *word);
}

std::optional<std::string> argument_pattern(Shell& shell, const std::unique_ptr<Word>& word) {
    if (!word)
        return std::string();
    return expand_pattern(shell, *word);
}

// ${x#p} ${x##p} ${x%p} ${x%%p} on one value.
std::string remove_affix(const Pattern& pattern, const std::string& value, bool prefix, bool longest) {
    PatternLength length = longest ? PatternLength::longest : PatternLength::shortest;
    if (prefix) {
        auto cut = pattern.match_prefix(value, length);
        return cut ? value.substr(*cut) : value;
    }
    auto cut = pattern.match_suffix(value, length);
    return cut ? value.substr(0, *cut) : value;
}

// ${x/p/r} ${x//p/r} ${x/#p/r} ${x/%p/r}: the pattern core finds the spans by bash's rules.
// The replacement of ${x/p/r} for one match: with patsub_replacement, `replacement` is in pattern
// form (quoted characters backslash-escaped) and an unquoted & stands for the matched text.
std::string replacement_for(const std::string& replacement, bool ampersand, std::string_view matched) {
    if (!ampersand)
        return replacement;
    std::string out;
    for (size_t i = 0; i < replacement.size(); ++i) {
        if (replacement[i] == '\\' && i + 1 < replacement.size())
            out += replacement[++i];
        else if (replacement[i] == '&')
            out += matched;
        else
            out += replacement[i];
    }
    return out;
}

std::string replace(const Pattern& pattern, const std::string& value, const std::string& replacement, bool ampersand,
                    bool all, ReplaceAnchor anchor) {
    ReplaceMode mode = anchor == ReplaceAnchor::start ? ReplaceMode::prefix
                       : anchor == ReplaceAnchor::end ? ReplaceMode::suffix
                       : all                          ? ReplaceMode::all
                                                      : ReplaceMode::first;
    std::string out;
    size_t at = 0;
    for (const auto& span : pattern.replace_spans(value, mode)) {
        out.append(value, at, span.begin - at);
        out += replacement_for(replacement, ampersand, std::string_view(value).substr(span.begin, span.end - span.begin));
        at = span.end;
    }
    out.append(value, at, std::string::npos);
    return out;
}

// ${x^p} ${x^^p} ${x,p} ${x,,p}: characters the pattern matches (all when it is empty).
std::string change_case(const Pattern& pattern, bool any, const std::string& value, ParamOp op, bool all) {
    std::string out = value;
    for (size_t i = 0; i < out.size(); ++i) {
        if (!any && !pattern.matches(std::string_view(out).substr(i, 1)))
            continue;
        auto c = static_cast<unsigned char>(out[i]);
        bool upper = op == ParamOp::upper || (op == ParamOp::toggle_case && std::islower(c));
        out[i] = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
        if (!all)
            break;
    }
    return out;
}

std::string upper_case(std::string value) {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    return value;
}

// ${x@A}: an assignment statement that recreates x.
std::string assignment_statement(const std::string& name, const Variable* variable, const std::string& value) {
    if (variable && variable->is_array()) {
        std::string line = declare_line(name, *variable);
        line.pop_back();  // its newline
        return line;
    }
    std::string letters = variable ? attribute_letters(*variable) : "";
    return (letters.empty() ? "" : "declare -" + letters + " ") + name + "=" + quote_single(value);
}

// ${x@OP} on each value: Q quoted, E escapes decoded, U u L case, a attributes, A assignment,
// K k quoted (for scalars the same as Q).
void transform(Shell& shell, const std::string& name, const std::string& letter, std::vector<std::string>& values) {
    const Variable* variable = shell.variables.find(name);
    for (auto& value : values) {
        if (letter == "Q" || letter == "K" || letter == "k") value = quote_single(value);
        else if (letter == "E") value = decode_ansi_c(value);
        else if (letter == "U") value = upper_case(value);
        else if (letter == "L") std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
        else if (letter == "u" && !value.empty()) value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
        else if (letter == "a") value = variable ? attribute_letters(*variable) : "";
        else if (letter == "A") value = assignment_statement(name, variable, value);
    }
}

bool fail(Shell& shell, const std::string& message, bool fatal = false) {
    shell.error(message);
    shell.expansion_failed(fatal);
    return false;
}

// ${x:offset:length} on a string, or on a list (positional parameters, arrays).
template <typename Sequence>
Sequence slice(const Sequence& all, int64_t offset, std::optional<int64_t> length, bool& ok) {
    int64_t size = static_cast<int64_t>(all.size());
    if (offset < 0)
        offset += size;
    if (offset < 0 || offset > size)
        return Sequence{};
    int64_t count = length ? *length : size - offset;
    if (count < 0)
        count = size - offset + count;
    if (count < 0) {
        ok = false;
        return Sequence{};
    }
    count = std::min(count, size - offset);
    return Sequence(all.begin() + offset, all.begin() + offset + count);
}

}  // namespace

std::string expand_tilde(Shell& shell, const std::string& user) {
    if (user.empty())
        return shell.variables.get("HOME").value_or("/home/user");
    if (user == "+")
        return shell.variables.get("PWD").value_or("~+");
    if (user == "-")
        return shell.variables.get("OLDPWD").value_or("~-");
    if (user == "root")
        return "/root";
    if (user == shell.variables.get("USER").value_or("user"))
        return shell.variables.get("HOME").value_or("/home/" + user);
    return "~" + user;
}

std::optional<ParamValue> expand_parameter(Shell& shell, const ParamExpansion& expansion, bool unquoted) {
    ParamOp op = expansion.op;
    if (op == ParamOp::names_matching) {
        ParamValue out{.is_list = true, .joined = expansion.star, .separator = ifs_separator(shell)};
        for (const auto& name : shell.variables.names())
            if (name.rfind(expansion.name, 0) == 0)
                out.values.push_back(name);
        return out;
    }
    if (op == ParamOp::array_keys) {
        ParamValue out{.is_list = true, .joined = expansion.star, .separator = ifs_separator(shell)};
        if (const Variable* variable = shell.variables.find(expansion.name))
            out.values = variable->keys();
        return out;
    }
    if (op == ParamOp::bad_substitution) {
        std::string text;
        if (expansion.argument)
            for (const auto& part : expansion.argument->parts)
                if (auto* literal = std::get_if<Literal>(&part))
                    text += literal->text;
        fail(shell, text + ": bad substitution");
        return std::nullopt;
    }
    Lookup found;
    if (expansion.indirect) {
        // ${!x}: x's value names the parameter (possibly "a[3]").
        Lookup named = lookup(shell, expansion);
        if (!named.set || named.values.empty() || named.values.front().empty()) {
            fail(shell, expansion.name + ": invalid indirect expansion");
            return std::nullopt;
        }
        std::string target = named.values.front();
        size_t bracket = target.find('[');
        if (bracket != std::string::npos && target.back() == ']') {
            Word index;
            index.parts.push_back(Literal{target.substr(bracket + 1, target.size() - bracket - 2), true});
            target.resize(bracket);
            found = lookup(shell, expansion, &target, &index);
        } else {
            found = lookup(shell, expansion, &target);
        }
    } else {
        found = lookup(shell, expansion);
    }
    if (shell.flow != Flow::normal)  // an unbound variable in an index, under set -u
        return std::nullopt;
    bool empty = !found.set || (found.values.size() == 1 && found.values.front().empty() && !found.is_list) ||
                 (found.is_list && found.values.empty());
    bool missing = !found.set || (expansion.colon && empty);
    ParamValue out{.values = found.values, .is_list = found.is_list, .joined = found.joined,
                   .separator = ifs_separator(shell)};
    switch (op) {
    case ParamOp::default_value:
    case ParamOp::assign_default:
    case ParamOp::error_if_unset:
    case ParamOp::alternative: {
        if (op == ParamOp::alternative) {
            if (missing)
                return ParamValue{.values = {""}};
            if (unquoted && expansion.argument)
                return ParamValue{.word = expansion.argument.get()};
            auto word = argument_text(shell, expansion.argument);
            if (!word)
                return std::nullopt;
            return ParamValue{.values = {*word}};
        }
        if (!missing)
            return out;
        if (unquoted && op == ParamOp::default_value && expansion.argument)
            return ParamValue{.word = expansion.argument.get()};
        auto word = argument_text(shell, expansion.argument);
        if (!word)
            return std::nullopt;
        if (op == ParamOp::error_if_unset) {
            fail(shell, expansion.name + ": " + (word->empty() ? "parameter null or not set" : *word), true);
            return std::nullopt;
        }
        if (op == ParamOp::assign_default) {
            std::optional<std::string> key;
            if (expansion.index) {
                auto index = expand_string(shell, *expansion.index);
                if (!index)
                    return std::nullopt;
                key = *index;
            }
            if (!Variables::valid_name(expansion.name)) {
                fail(shell, "$" + expansion.name + ": cannot assign in this way");
                return std::nullopt;
            }
            if (!assign_value(shell, expansion.name, key, *word, false))
                return std::nullopt;
        }
        return ParamValue{.values = {*word}};
    }
    default:
        break;
    }
    // set -u spares $@, $*, and ${a[@]} of a declared (possibly empty) array, as bash 4.4+ does.
    bool declared_list = found.is_list && shell.variables.find(expansion.name);
    if (!found.set && shell.options.nounset && expansion.name != "@" && expansion.name != "*" && !declared_list) {
        std::string key = expansion.index ? "[" + word_source(*expansion.index) + "]" : "";
        fail(shell, expansion.name + key + ": unbound variable", true);
        return std::nullopt;
    }
    if (op == ParamOp::plain)
        return out;
    if (op == ParamOp::transform) {
        auto letter = argument_text(shell, expansion.argument);
        if (!letter)
            return std::nullopt;
        transform(shell, expansion.name, *letter, out.values);
        return out;
    }
    if (op == ParamOp::length) {
        if (found.is_list)
            return ParamValue{.values = {std::to_string(found.values.size())}};
        return ParamValue{.values = {std::to_string(found.values.empty() ? 0 : found.values.front().size())}};
    }
    if (op == ParamOp::substring && !found.set)
        return out;  // bash does not evaluate the offset of an unset parameter
    if (op == ParamOp::substring) {
        auto offset_text = argument_text(shell, expansion.argument);
        if (!offset_text)
            return std::nullopt;
        auto offset = arithmetic(shell, *offset_text, expansion.name);
        if (!offset) {
            shell.expansion_failed();
            return std::nullopt;
        }
        std::optional<int64_t> length;
        if (expansion.replacement) {
            auto length_text = expand_string(shell, *expansion.replacement);
            if (!length_text)
                return std::nullopt;
            length = arithmetic(shell, *length_text, expansion.name);
            if (!length) {
                shell.expansion_failed();
                return std::nullopt;
            }
        }
        bool ok = true;
        if (found.is_list) {
            // ${@:1} counts $0 as position 0.
            std::vector<std::string> all = found.values;
            int64_t start = *offset;
            if (expansion.name == "@" || expansion.name == "*") {
                all.insert(all.begin(), shell.name);
            }
            out.values = slice(all, start, length, ok);
        } else {
            std::string value = found.values.empty() ? "" : found.values.front();
            out.values = {slice(value, *offset, length, ok)};
        }
        if (!ok) {
            fail(shell, std::to_string(length.value_or(0)) + ": substring expression < 0");
            return std::nullopt;
        }
        return out;
    }
    auto pattern = argument_pattern(shell, expansion.argument);
    if (!pattern)
        return std::nullopt;
    std::optional<std::string> replacement;
    if (op == ParamOp::replace) {
        bool ampersand = shell.options.patsub_replacement;
        replacement = !expansion.replacement ? std::string()
                      : ampersand            ? expand_pattern(shell, *expansion.replacement)
                                             : expand_string(shell, *expansion.replacement);
        if (!replacement)
            return std::nullopt;
    }
    Pattern compiled = compile_pattern(shell, *pattern);
    for (auto& value : out.values) {
        switch (op) {
        case ParamOp::remove_prefix: value = remove_affix(compiled, value, true, expansion.longest); break;
        case ParamOp::remove_suffix: value = remove_affix(compiled, value, false, expansion.longest); break;
        case ParamOp::replace:
            value = replace(compiled, value, *replacement, shell.options.patsub_replacement, expansion.longest,
                            expansion.anchor);
            break;
        case ParamOp::upper:
        case ParamOp::lower:
        case ParamOp::toggle_case: value = change_case(compiled, pattern->empty(), value, op, expansion.longest); break;
        default: break;
        }
    }
    return out;
}

}  // namespace sh
