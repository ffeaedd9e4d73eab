#include "lib/options.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "lib/io.h"
#include "lib/quoting.h"

namespace toolbox {

OptionParser::OptionParser(std::string_view program, int argc, char** argv, std::string_view short_spec,
                           std::span<const LongOption> long_options)
    : m_program(program), m_argc(argc), m_argv(argv), m_short_spec(short_spec), m_long_options(long_options) {
    if (!m_short_spec.empty() && m_short_spec.front() == '+') {
        m_stop_at_operand = true;
        m_short_spec.remove_prefix(1);
    } else if (!m_short_spec.empty() && m_short_spec.front() == '-') {
        m_operands_in_order = true;
        m_short_spec.remove_prefix(1);
    }
    if (std::getenv("POSIXLY_CORRECT") != nullptr)
        m_stop_at_operand = true;
}

Option OptionParser::fail(const std::string& message) {
    write_all(2, std::string(m_program) + ": " + message + "\n");
    if (!m_usage_line.empty())
        write_all(2, std::string(m_usage_line) + "\n");
    if (!m_error_epilogue.empty())
        write_all(2, m_error_epilogue);
    else if (m_prefix_try_help)
        write_all(2, std::string(m_program) + ": Try '" + std::string(m_program) + " --help' for more information.\n");
    else
        try_help(m_program);
    m_done = true;
    return {k_error, nullptr, {}};
}

Option OptionParser::next() {
    if (m_cluster != nullptr && *m_cluster != '\0')
        return next_short();
    m_cluster = nullptr;
    while (!m_done && m_index < m_argc) {
        const char* word = m_argv[m_index];
        if (std::strcmp(word, "--") == 0) {
            ++m_index;
            break;
        }
        if (word[0] == '-' && word[1] == '-') {
            ++m_index;
            return next_long(word + 2);
        }
        bool negative_number = m_negative_numbers && word[0] == '-' &&
                               (word[1] == '.' || (word[1] >= '0' && word[1] <= '9'));
        if (word[0] == '-' && word[1] != '\0' && !negative_number) {
            ++m_index;
            m_cluster = word + 1;
            return next_short();
        }
        if (m_stop_at_operand)
            break;
        if (m_operands_in_order) {
            ++m_index;
            return {k_operand, word, {}};
        }
        m_operands.emplace_back(word);
        ++m_index;
    }
    if (!m_done) {
        for (; m_index < m_argc; ++m_index)
            m_operands.emplace_back(m_argv[m_index]);
        m_done = true;
    }
    return {};
}

Option OptionParser::next_short() {
    char letter = *m_cluster++;
    size_t at = letter == ':' ? std::string_view::npos : m_short_spec.find(letter);
    if (at == std::string_view::npos)
        return fail(std::string("invalid option -- '") + letter + "'");
    bool required = at + 1 < m_short_spec.size() && m_short_spec[at + 1] == ':';
    bool optional = required && at + 2 < m_short_spec.size() && m_short_spec[at + 2] == ':';
    Option option{static_cast<unsigned char>(letter), nullptr, {}};
    if (!required)
        return option;
    if (*m_cluster != '\0') {
        option.argument = m_cluster;
        m_cluster = nullptr;
        return option;
    }
    m_cluster = nullptr;
    if (optional)
        return option;
    if (m_index >= m_argc)
        return fail(std::string("option requires an argument -- '") + letter + "'");
    option.argument = m_argv[m_index++];
    return option;
}

Option OptionParser::next_long(std::string_view word) {
    std::string_view name = word;
    const char* value = nullptr;
    if (size_t equals = word.find('='); equals != std::string_view::npos) {
        name = word.substr(0, equals);
        value = word.data() + equals + 1;
    }
    // An exact name wins; otherwise a prefix must name one option (or several with the same id
    // and argument, which getopt_long does not call ambiguous).
    const LongOption* match = nullptr;
    bool ambiguous = false;
    for (const auto& candidate : m_long_options) {
        if (candidate.name == name) {
            match = &candidate;
            ambiguous = false;
            break;
        }
        if (candidate.name.substr(0, name.size()) != name)
            continue;
        if (match == nullptr)
            match = &candidate;
        else if (match->id != candidate.id || match->argument != candidate.argument)
            ambiguous = true;
    }
    std::string written = "--" + std::string(name);
    if (match == nullptr)
        return fail("unrecognized option '--" + std::string(value != nullptr ? word : name) + "'");
    if (ambiguous) {
        std::string message = "option '" + written + "' is ambiguous; possibilities:";
        // As glibc: the first match and the later ones that differ from it (synonyms of the
        // first match, such as date's --rfc-822 for --rfc-email, are not listed).
        for (const auto& candidate : m_long_options)
            if (candidate.name.substr(0, name.size()) == name &&
                (&candidate == match || candidate.id != match->id || candidate.argument != match->argument))
                message += " '--" + std::string(candidate.name) + "'";
        return fail(message);
    }
    std::string full = "--" + std::string(match->name);
    Option option{match->id, nullptr, match->name};
    switch (match->argument) {
    case Argument::none:
        if (value != nullptr)
            return fail("option '" + full + "' doesn't allow an argument");
        return option;
    case Argument::optional:
        option.argument = value;
        return option;
    case Argument::required:
        if (value != nullptr) {
            option.argument = value;
            return option;
        }
        if (m_index >= m_argc)
            return fail("option '" + full + "' requires an argument");
        option.argument = m_argv[m_index++];
        return option;
    }
    return option;
}

int try_help(std::string_view program, int status) {
    write_all(2, "Try '" + std::string(program) + " --help' for more information.\n");
    return status;
}

int missing_operand(std::string_view program, int status) {
    write_all(2, std::string(program) + ": missing operand\n");
    return try_help(program, status);
}

int extra_operand(std::string_view program, std::string_view operand, int status) {
    write_all(2, std::string(program) + ": extra operand " + quote(operand) + "\n");
    return try_help(program, status);
}

int print_usage(std::string_view text) {
    return write_all(1, text) ? 0 : 1;
}

int print_version(std::string_view program) {
    return write_all(1, std::string(program) + " (secure-exec toolbox) 1.0\n") ? 0 : 1;
}

}  // namespace toolbox
