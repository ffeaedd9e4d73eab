// The DEBUG and ERR traps and BASH_COMMAND; see traps.h.
#include "sh/traps.h"

namespace sh {

namespace {

// A word's text as written, from the source of the command that holds it (empty if the offsets
// do not fit, as after an alias substitution moved them).
std::string_view word_text(const Command& command, const Word& word) {
    const SourceSpan& span = word.span;
    if (span.begin < command.span.begin || span.end < span.begin ||
        span.end - command.span.begin > command.source.size())
        return {};
    return std::string_view(command.source).substr(span.begin - command.span.begin, span.end - span.begin);
}

std::string join_words(const Command& command, const std::vector<Word>& words) {
    std::string text;
    for (const auto& word : words) {
        if (!text.empty())
            text += ' ';
        text += word_text(command, word);
    }
    return text;
}

}  // namespace

std::string_view command_text(const Command& command) { return command.source; }

std::string for_text(const Command& command, const ForClause& clause) {
    std::string text = std::string(clause.select ? "select " : "for ") + clause.variable + " in ";
    return text + (clause.items ? join_words(command, *clause.items) : "\"$@\"");
}

std::string case_text(const Command& command, const CaseClause& clause) {
    return "case " + std::string(word_text(command, clause.subject)) + " in ";
}

// bash drops the blanks before the expression, not those after it.
std::string arith_for_text(const Command& command, const Word& expression) {
    std::string_view text = word_text(command, expression);
    size_t start = text.find_first_not_of(" \t\n");
    return "((" + std::string(start == std::string_view::npos ? "" : text.substr(start)) + "))";
}

bool begin_command(Shell& shell, std::string_view text, uint32_t line) {
    shell.line = line;
    if (shell.trap_depth > 0)
        return true;  // a trap's commands leave BASH_COMMAND naming the one it interrupted
    shell.bash_command.assign(text);
    auto debug = shell.traps.find(k_debug_trap);
    if (debug == shell.traps.end() || debug->second.empty())
        return true;
    shell.run_trap(k_debug_trap);
    return shell.flow == Flow::normal;
}

void run_err_trap(Shell& shell) {
    if (shell.trap_depth == 0)
        shell.run_trap(k_err_trap);
}

HiddenTraps::HiddenTraps(Shell& shell) {
    auto hide = [&](int signal) {
        if (auto it = shell.traps.find(signal); it != shell.traps.end()) {
            m_saved.emplace_back(signal, std::move(it->second));
            shell.traps.erase(it);
        }
    };
    if (!shell.options.errtrace)
        hide(k_err_trap);
    if (!shell.options.functrace) {
        hide(k_debug_trap);
        hide(k_return_trap);
    }
}

void HiddenTraps::restore(Shell& shell) {
    for (auto& [signal, action] : m_saved)
        shell.traps.try_emplace(signal, std::move(action));
    m_saved.clear();
}

}  // namespace sh
