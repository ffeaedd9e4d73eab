#include "sh/lang_bridge.h"

#include "sh/lang/arith.h"
#include "sh/lang/ast_clone.h"
#include "sh/lang/brace.h"
#include "sh/lang/pattern.h"

namespace sh {

namespace {

// The shell's variables as arithmetic sees them.
class ShellArithmetic final : public ArithEnvironment {
public:
    explicit ShellArithmetic(Shell& shell) : m_shell(shell) {}

    std::optional<std::string> get(std::string_view name) override {
        if (name == "RANDOM")
            return m_shell.random_text();
        if (name == "LINENO")
            return std::to_string(m_shell.line + m_shell.line_base);
        return m_shell.variables.get(name);
    }
    std::optional<std::string> get_element(std::string_view name, const Subscript& subscript) override {
        const Variable* variable = m_shell.variables.find(name);
        if (!variable)
            return std::nullopt;
        return variable->element(subscript.index ? std::to_string(*subscript.index) : subscript.key);
    }
    std::optional<std::string> set(std::string_view name, int64_t value) override {
        return refusal(name, m_shell.variables.set(name, std::to_string(value)));
    }
    std::optional<std::string> set_element(std::string_view name, const Subscript& subscript, int64_t value) override {
        std::string key = subscript.index ? std::to_string(*subscript.index) : subscript.key;
        return refusal(name, m_shell.variables.set_element(name, key, std::to_string(value)));
    }
    bool is_associative(std::string_view name) override {
        const Variable* variable = m_shell.variables.find(name);
        return variable && variable->is_assoc();
    }
    bool unset_is_error() override { return m_shell.options.nounset; }
    bool exists(std::string_view name) override {
        const Variable* variable = m_shell.variables.find(name);
        return variable && variable->is_set();
    }

private:
    static std::optional<std::string> refusal(std::string_view name, AssignError error) {
        if (error == AssignError::readonly)
            return std::string(name) + ": readonly variable";
        if (error == AssignError::bad_name)
            return std::string(name) + ": not a valid identifier";
        return std::nullopt;
    }

    Shell& m_shell;
};

}  // namespace

std::optional<int64_t> arithmetic(Shell& shell, std::string_view expression, std::string_view context) {
    ShellArithmetic environment(shell);
    ArithResult result = evaluate_arithmetic(expression, environment);
    if (result.ok())
        return result.value();
    shell.error((context.empty() ? "" : std::string(context) + ": ") + result.error().to_string());
    shell.status = 1;
    if (result.error().kind == ArithError::Kind::unbound_variable)
        shell.expansion_failed(true);
    return std::nullopt;
}

bool pattern_matches(const Shell& shell, std::string_view pattern, std::string_view text, bool extglob) {
    PatternOptions options{.extglob = extglob || shell.options.extglob, .nocase = shell.options.nocasematch};
    return pattern_match(pattern, text, options);
}

Pattern compile_pattern(const Shell& shell, std::string_view pattern) {
    return Pattern::compile(pattern, {.extglob = shell.options.extglob, .nocase = shell.options.nocasematch});
}

std::vector<Word> brace_expand(const Shell&, const Word& word) {
    BraceWord segments;
    for (size_t i = 0; i < word.parts.size(); ++i) {
        if (auto* literal = std::get_if<Literal>(&word.parts[i]))
            segments.push_back(BraceSegment{literal->text, literal->quoted, std::nullopt});
        else
            segments.push_back(BraceSegment{"", false, i});
    }
    if (!may_have_braces(segments))
        return {};
    auto expanded = expand_braces(segments);
    if (!expanded || (expanded->size() == 1 && expanded->front() == segments))
        return {};
    std::vector<Word> words;
    for (const auto& result : *expanded) {
        Word source = clone_word(word);  // each expansion part appears once per result
        Word out;
        out.span = word.span;
        for (const auto& segment : result) {
            if (segment.opaque)
                out.parts.push_back(std::move(source.parts[*segment.opaque]));
            else
                out.parts.push_back(Literal{segment.text, segment.quoted});
        }
        words.push_back(std::move(out));
    }
    return words;
}

}  // namespace sh
