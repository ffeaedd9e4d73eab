#include "sh/parent_stage.h"

#include <fcntl.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/builtins/builtins.h"
#include "sh/execute.h"
#include "sh/expand.h"
#include "sh/trace.h"

namespace sh {

namespace {

bool quiet_word(const Word& word);

// An index that is evaluated without arithmetic side effects: ${a[2]} ${a[@]} ${a[*]}.
bool quiet_index(const Word* index) {
    if (!index)
        return true;
    for (const auto& part : index->parts) {
        auto* literal = std::get_if<Literal>(&part);
        if (!literal || literal->text.find_first_not_of("0123456789@*") != std::string::npos)
            return false;
    }
    return true;
}

// ${…} that neither assigns, evaluates arithmetic, nor can fail: not := ?, substrings, ${!x}.
bool quiet_parameter(const ParamExpansion& expansion) {
    switch (expansion.op) {
    case ParamOp::plain:
    case ParamOp::length:
    case ParamOp::default_value:
    case ParamOp::alternative:
    case ParamOp::remove_prefix:
    case ParamOp::remove_suffix:
    case ParamOp::replace:
    case ParamOp::upper:
    case ParamOp::lower:
        break;
    default:
        return false;
    }
    return !expansion.indirect && quiet_index(expansion.index.get()) &&
           (!expansion.argument || quiet_word(*expansion.argument)) &&
           (!expansion.replacement || quiet_word(*expansion.replacement));
}

// Command substitutions run in children anyway; arithmetic and <( ) are left to a child shell.
bool quiet_word(const Word& word) {
    for (const auto& part : word.parts) {
        if (auto* parameter = std::get_if<ParamExpansion>(&part)) {
            if (!quiet_parameter(*parameter))
                return false;
        } else if (auto* substitution = std::get_if<CommandSubstitution>(&part)) {
            if (!substitution->program)
                return false;  // a `…` that does not parse: its error belongs to the child
        } else if (!std::holds_alternative<Literal>(part) && !std::holds_alternative<Tilde>(part)) {
            return false;
        }
    }
    return true;
}

bool is_literal(const Word& word, std::string_view text) {
    if (word.parts.size() != 1)
        return false;
    auto* literal = std::get_if<Literal>(&word.parts.front());
    return literal && literal->text == text;
}

bool is_plain_literal(const Word& word) {
    return word.parts.size() == 1 && std::holds_alternative<Literal>(word.parts.front());
}

}  // namespace

bool runs_in_parent(const Shell& shell, const Command& command) {
    auto* simple = std::get_if<SimpleCommand>(&command.node);
    if (!simple || simple->words.empty() || !simple->assignments.empty() || !simple->redirects.empty() ||
        !command.redirects.empty())
        return false;
    // Options under which an expansion can end the shell or change it.
    if (shell.options.nounset || shell.options.failglob || shell.jobs.enabled)
        return false;
    const auto& words = simple->words;
    bool echo = is_literal(words[0], "echo");
    // printf -v assigns: only a literal format that is not -v.
    bool printf = is_literal(words[0], "printf") && words.size() > 1 && is_plain_literal(words[1]) &&
                  !is_literal(words[1], "-v");
    if ((!echo && !printf) || shell.functions.contains(echo ? "echo" : "printf") ||
        !lookup_builtin(shell, echo ? "echo" : "printf"))
        return false;
    for (const auto& word : words)
        if (!quiet_word(word))
            return false;
    return true;
}

std::optional<std::vector<std::string>> expand_parent_stage(Shell& shell, const Command& command) {
    Flow flow = shell.flow;
    auto argv = expand_fields(shell, std::get<SimpleCommand>(command.node).words);
    shell.flow = flow;  // a child's failed expansion would not have ended this shell
    if (argv)
        trace_command(shell, *argv);
    return argv;
}

int run_parent_stage(Shell& shell, std::vector<std::string>& argv, int output) {
    int saved = sx_fcntl(1, 1030 /* F_DUPFD_CLOEXEC */, 10);
    dup2(output, 1);
    // The write that finds no reader fails with EPIPE instead of killing this shell.
    int disposition = sx_signal(signal_numbers::pipe, SECURE_EXEC_SIG_IGNORE);
    bool was_in_stage = shell.in_parent_stage;
    shell.in_parent_stage = true;
    int status = find_builtin(argv.front())->run(shell, argv);
    shell.in_parent_stage = was_in_stage;
    (void)sx_signal(signal_numbers::pipe, disposition);
    if (saved >= 0) {
        dup2(saved, 1);
        ::close(saved);
    } else {
        ::close(1);  // it was closed before
    }
    return status;
}

}  // namespace sh
