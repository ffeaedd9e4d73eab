// Word expansion. A word expands into pieces of text, each quoted or not and splittable or not;
// "$@" and arrays also start new fields. Field splitting then cuts the splittable text at IFS,
// and pathname expansion globs the fields with unquoted pattern characters.
#include "sh/expand.h"

#include <algorithm>
#include <utility>

#include "sh/glob.h"
#include "sh/lang_bridge.h"
#include "sh/parameters.h"
#include "sh/substitution.h"

namespace sh {

namespace {

// One field being built: its text and which characters were quoted.
struct Field {
    std::string text;
    std::string quoted;  // '1' per quoted character, '0' otherwise
    std::string split;   // '1' per character that field splitting may cut at
    bool forced{false};  // contains a quoted (possibly empty) part: never vanishes
};

class Builder {
public:
    explicit Builder(Shell& shell) : m_shell(shell) { m_fields.emplace_back(); }

    void add(std::string_view text, bool quoted, bool splittable) {
        Field& field = m_fields.back();
        field.text += text;
        field.quoted.append(text.size(), quoted ? '1' : '0');
        field.split.append(text.size(), splittable && !quoted ? '1' : '0');
        if (quoted)
            field.forced = true;
    }
    // The next text goes into a new field ("$@", arrays): the current one is complete.
    void next_field() { m_fields.emplace_back(); }
    std::vector<Field>& fields() { return m_fields; }

    bool expand_part(const WordPart& part, bool in_quotes);

private:
    bool add_list(const std::vector<std::string>& values, bool quoted, bool join, char separator);

    Shell& m_shell;
    std::vector<Field> m_fields;
    bool m_split_literals{false};  // inside an unquoted ${x:-w}: w's unquoted text is split too
};

bool Builder::add_list(const std::vector<std::string>& values, bool quoted, bool join, char separator) {
    if (join || !quoted) {
        // "$*": one field joined by IFS's first character; unquoted: split later anyway.
        std::string text;
        for (size_t i = 0; i < values.size(); ++i) {
            if (i > 0 && (quoted ? separator != '\0' : true))
                text += quoted ? std::string(1, separator) : std::string(1, ' ');
            text += values[i];
        }
        if (!quoted) {
            for (size_t i = 0; i < values.size(); ++i) {
                if (i > 0)
                    next_field();
                add(values[i], false, true);
            }
            return true;
        }
        add(text, true, false);
        return true;
    }
    // "$@": each value its own field; none at all when empty.
    if (values.empty()) {
        m_fields.back().forced = m_fields.back().forced;  // nothing added: "$@" alone vanishes
        return true;
    }
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            next_field();
        add(values[i], true, false);
    }
    return true;
}

bool Builder::expand_part(const WordPart& part, bool in_quotes) {
    if (auto* literal = std::get_if<Literal>(&part)) {
        bool quoted = literal->quoted || in_quotes;
        add(literal->text, quoted, m_split_literals && !quoted);
        return true;
    }
    if (auto* tilde = std::get_if<Tilde>(&part)) {
        add(expand_tilde(m_shell, tilde->user), true, false);
        return true;
    }
    if (auto* parameter = std::get_if<ParamExpansion>(&part)) {
        bool quoted = parameter->quoted || in_quotes;
        auto value = expand_parameter(m_shell, *parameter, !quoted);
        if (!value)
            return false;
        if (value->word) {
            bool saved = std::exchange(m_split_literals, true);
            bool ok = std::all_of(value->word->parts.begin(), value->word->parts.end(),
                                  [&](const WordPart& inner) { return expand_part(inner, false); });
            m_split_literals = saved;
            return ok;
        }
        if (value->is_list)
            return add_list(value->values, quoted, value->joined, value->separator);
        add(value->values.empty() ? "" : value->values.front(), quoted, true);
        return true;
    }
    if (auto* substitution = std::get_if<CommandSubstitution>(&part)) {
        auto output = command_substitution(m_shell, *substitution);
        if (!output)
            return false;
        add(*output, substitution->quoted || in_quotes, true);
        return true;
    }
    if (auto* arithmetic_part = std::get_if<ArithmeticSubstitution>(&part)) {
        auto text = expand_string(m_shell, *arithmetic_part->expression);
        if (!text)
            return false;
        auto value = arithmetic(m_shell, *text);
        if (!value) {
            m_shell.expansion_failed();
            return false;
        }
        add(std::to_string(*value), arithmetic_part->quoted || in_quotes, true);
        return true;
    }
    if (auto* process = std::get_if<ProcessSubstitution>(&part)) {
        auto path = process_substitution(m_shell, *process);
        if (!path)
            return false;
        add(*path, true, false);
        return true;
    }
    return true;
}

bool is_ifs_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Field splitting (bash manual "Word Splitting"): IFS whitespace runs and each other IFS
// character (with the whitespace around it) delimit fields; text that is not splittable never does.
void split_field(const Field& field, std::string_view ifs, std::vector<Field>& out) {
    Field current;
    bool started = field.forced && field.text.empty();
    bool ended_by_space = false;
    auto emit = [&] {
        out.push_back(current);
        current = Field{};
        started = false;
    };
    for (size_t i = 0; i < field.text.size(); ++i) {
        char c = field.text[i];
        if (field.split[i] == '1' && ifs.find(c) != std::string_view::npos) {
            if (is_ifs_space(c)) {
                if (started) {
                    emit();
                    ended_by_space = true;
                }
            } else {
                if (started)
                    emit();
                else if (!ended_by_space)
                    emit();  // an empty field between two delimiters
                ended_by_space = false;
            }
            continue;
        }
        current.text += c;
        current.quoted += field.quoted[i];
        current.split += '0';
        started = true;
        ended_by_space = false;
    }
    if (started || (field.forced && out.empty() && current.text.empty() && field.text.empty()))
        out.push_back(current);
}

std::vector<Field> split_fields(Shell& shell, std::vector<Field>& fields) {
    auto ifs_value = shell.variables.get("IFS");
    std::string ifs = ifs_value ? *ifs_value : std::string(" \t\n");
    std::vector<Field> out;
    for (auto& field : fields) {
        bool splittable = std::find(field.split.begin(), field.split.end(), '1') != field.split.end();
        if (!splittable || ifs.empty()) {
            // Unquoted expansions that came out empty vanish; anything quoted stays.
            if (!field.text.empty() || field.forced)
                out.push_back(field);
            continue;
        }
        split_field(field, ifs, out);
    }
    return out;
}

// The field as a pattern: its quoted characters escaped where the syntax would see them. An
// unquoted backslash (from an unquoted expansion) stays an escape, as in bash.
std::string as_pattern(const Field& field, PatternSyntax syntax = PatternSyntax::glob) {
    // & is in the glob set too: a quoted & in ${x/p/r}'s replacement is itself, not the match.
    std::string_view special = syntax == PatternSyntax::glob    ? "*?[]\\!^(){}|@+-&"
                               : syntax == PatternSyntax::regex ? ".[]*+?(){}|^$\\"
                                                                : std::string_view();
    std::string pattern;
    for (size_t i = 0; i < field.text.size(); ++i) {
        char c = field.text[i];
        if (field.quoted[i] == '1' &&
            (syntax == PatternSyntax::every_quoted || special.find(c) != std::string_view::npos))
            pattern += '\\';
        pattern += c;
    }
    return pattern;
}

// Whether pathname expansion applies: an unquoted * ? [ (or, with extglob, +( @( !( ).
bool has_unquoted_glob(const Field& field, bool extglob) {
    for (size_t i = 0; i < field.text.size(); ++i) {
        if (field.quoted[i] != '0')
            continue;
        char c = field.text[i];
        if (c == '*' || c == '?' || c == '[')
            return true;
        if (extglob && (c == '+' || c == '@' || c == '!') && i + 1 < field.text.size() && field.text[i + 1] == '(' &&
            field.quoted[i + 1] == '0')
            return true;
    }
    return false;
}

std::optional<std::vector<Field>> expand_word_fields(Shell& shell, const Word& word) {
    Builder builder(shell);
    for (const auto& part : word.parts)
        if (!builder.expand_part(part, false))
            return std::nullopt;
    return std::move(builder.fields());
}

}  // namespace

std::optional<std::vector<std::string>> expand_word(Shell& shell, const Word& original) {
    std::vector<std::string> out;
    std::vector<Word> braced = brace_expand(shell, original);
    std::vector<const Word*> pending;
    if (braced.empty())
        pending.push_back(&original);
    for (const auto& word : braced)
        pending.push_back(&word);
    for (const Word* word : pending) {
        auto fields = expand_word_fields(shell, *word);
        if (!fields)
            return std::nullopt;
        for (auto& field : split_fields(shell, *fields)) {
            if (shell.options.noglob || !has_unquoted_glob(field, shell.options.extglob)) {
                out.push_back(std::move(field.text));
                continue;
            }
            auto matches = glob(shell, as_pattern(field));
            if (matches.empty()) {
                if (shell.options.failglob) {
                    shell.error("no match: " + field.text);
                    shell.expansion_failed();
                    return std::nullopt;
                }
                if (!shell.options.nullglob)
                    out.push_back(std::move(field.text));
                continue;
            }
            out.insert(out.end(), matches.begin(), matches.end());
        }
    }
    return out;
}

std::optional<std::vector<std::string>> expand_fields(Shell& shell, const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const auto& word : words) {
        auto fields = expand_word(shell, word);
        if (!fields)
            return std::nullopt;
        out.insert(out.end(), std::make_move_iterator(fields->begin()), std::make_move_iterator(fields->end()));
    }
    return out;
}

std::optional<std::string> expand_string(Shell& shell, const Word& word) {
    Builder builder(shell);
    for (const auto& part : word.parts) {
        // "$@" in a string context joins with spaces, as bash does in assignments.
        if (!builder.expand_part(part, true))
            return std::nullopt;
    }
    std::string text;
    auto& fields = builder.fields();
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            text += ' ';
        text += fields[i].text;
    }
    return text;
}

std::optional<std::string> expand_pattern(Shell& shell, const Word& word, PatternSyntax syntax, std::string* shown) {
    Builder builder(shell);
    for (const auto& part : word.parts)
        if (!builder.expand_part(part, false))
            return std::nullopt;
    std::string pattern;
    auto& fields = builder.fields();
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            pattern += ' ';
        pattern += as_pattern(fields[i], syntax);
    }
    if (shown) {
        shown->clear();
        for (size_t i = 0; i < fields.size(); ++i)
            *shown += (i > 0 ? " " : "") + as_pattern(fields[i], syntax == PatternSyntax::regex ? syntax : PatternSyntax::every_quoted);
    }
    return pattern;
}

std::optional<std::string> expand_heredoc(Shell& shell, const Word& body, bool quoted) {
    if (quoted) {
        std::string text;
        for (const auto& part : body.parts)
            if (auto* literal = std::get_if<Literal>(&part))
                text += literal->text;
        return text;
    }
    return expand_string(shell, body);
}

}  // namespace sh
