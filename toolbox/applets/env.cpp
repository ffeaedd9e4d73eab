// env and printenv, as GNU coreutils. env: -i (or a leading "-"), -u NAME, NAME=VALUE
// operands, -0, -C DIR, -S STRING (split into arguments with GNU's quotes, escapes and
// ${VAR}), then runs the command: a child process (the sandbox has no exec), whose exit status
// env returns, and whose fatal signal env raises on itself, so callers see what they would
// after an exec. printenv: the whole environment or the named variables (status 1 if one is
// missing), -0.
// applet: env env_main
// applet: printenv printenv_main
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sx/posix.h>
#include <sys/wait.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

extern char** environ;

namespace toolbox {

namespace {

constexpr std::string_view k_env_usage =
    "Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n"
    "Set each NAME to VALUE in the environment and run COMMAND.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -i, --ignore-environment  start with an empty environment\n"
    "  -0, --null           end each output line with NUL, not newline\n"
    "  -u, --unset=NAME     remove variable from the environment\n"
    "  -C, --chdir=DIR      change working directory to DIR\n"
    "  -S, --split-string=S  process and split S into separate arguments;\n"
    "                        used to pass multiple arguments on shebang lines\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "A mere - implies -i.  If no COMMAND, print the resulting environment.\n";

constexpr std::string_view k_printenv_usage =
    "Usage: printenv [OPTION]... [VARIABLE]...\n"
    "Print the values of the specified environment VARIABLE(s).\n"
    "If no VARIABLE is specified, print name and value pairs for them all.\n"
    "\n"
    "  -0, --null     end each output line with NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_env_options[] = {
    {"ignore-environment", Argument::none, 'i'},
    {"null", Argument::none, '0'},
    {"unset", Argument::required, 'u'},
    {"chdir", Argument::required, 'C'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_printenv_options[] = {
    {"null", Argument::none, '0'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// The environment as NAME=VALUE strings, edited by -i, -u and assignments.
class Environment final {
public:
    void load() {
        for (char** entry = environ; entry && *entry; ++entry)
            m_entries.emplace_back(*entry);
    }
    void clear() { m_entries.clear(); }
    void unset(std::string_view name) {
        std::erase_if(m_entries, [&](const std::string& entry) {
            return entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 && entry[name.size()] == '=';
        });
    }
    void set(std::string_view assignment) {
        size_t equals = assignment.find('=');
        unset(assignment.substr(0, equals));
        m_entries.emplace_back(assignment);
    }
    const char* get(std::string_view name) const {
        for (const auto& entry : m_entries)
            if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 && entry[name.size()] == '=')
                return entry.c_str() + name.size() + 1;
        return nullptr;
    }
    const std::vector<std::string>& entries() const { return m_entries; }

private:
    std::vector<std::string> m_entries;
};

// Mirrors env.c build_argv() for -S: whitespace splits; '...' is literal but for \\ and \';
// "..." and bare text take \" \\ \$ \_ (a space) \t \n \r \v \f \#, and \c ends the string;
// ${NAME} is replaced; # starts a comment at the start of an argument.
bool split_string(std::string_view text, const Environment& environment, std::vector<std::string>& out) {
    std::string current;
    bool have = false;
    char quote_char = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!quote_char && (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')) {
            if (have)
                out.push_back(current);
            current.clear();
            have = false;
            continue;
        }
        if (!quote_char && c == '#' && !have)
            break;
        if (c == '\'' || c == '"') {
            if (!quote_char) {
                quote_char = c;
                have = true;
                continue;
            }
            if (quote_char == c) {
                quote_char = 0;
                continue;
            }
        }
        if (c == '\\' && i + 1 < text.size()) {
            char next = text[i + 1];
            if (quote_char == '\'') {
                if (next == '\\' || next == '\'') {
                    current.push_back(next);
                    ++i;
                    have = true;
                    continue;
                }
                current.push_back(c);
                have = true;
                continue;
            }
            ++i;
            have = true;
            switch (next) {
            case '"': case '\\': case '$': case '#': case '\'': current.push_back(next); break;
            case '_': current.push_back(' '); break;
            case 't': current.push_back('\t'); break;
            case 'n': current.push_back('\n'); break;
            case 'r': current.push_back('\r'); break;
            case 'v': current.push_back('\v'); break;
            case 'f': current.push_back('\f'); break;
            case 'c':
                if (have && !current.empty())
                    out.push_back(current);
                return true;
            default:
                write_all(2, std::string("env: invalid sequence '\\") + next + "' in -S\n");
                return false;
            }
            continue;
        }
        if (c == '$' && quote_char != '\'' && i + 1 < text.size() && text[i + 1] == '{') {
            size_t close = text.find('}', i + 2);
            if (close == std::string_view::npos) {
                write_all(2, "env: only ${VARNAME} expansion is supported, error at: " + std::string(text.substr(i)) +
                                 "\n");
                return false;
            }
            const char* value = environment.get(text.substr(i + 2, close - i - 2));
            if (value)
                current += value;
            have = true;
            i = close;
            continue;
        }
        current.push_back(c);
        have = true;
    }
    if (quote_char) {
        write_all(2, std::string("env: no terminating quote in -S string\n"));
        return false;
    }
    if (have)
        out.push_back(current);
    return true;
}

// Runs `command` as a child and returns what env's exit status must be.
int run_command(const std::vector<std::string>& command, const Environment& environment, const char* directory) {
    std::vector<char*> arguments;
    for (const auto& word : command)
        arguments.push_back(const_cast<char*>(word.c_str()));
    arguments.push_back(nullptr);
    std::vector<char*> variables;
    for (const auto& entry : environment.entries())
        variables.push_back(const_cast<char*>(entry.c_str()));
    variables.push_back(nullptr);
    sx_spawn_options options = sx_spawn_defaults();
    options.cwd = directory;
    pid_t child = sx_spawn(command[0].c_str(), arguments.data(), variables.data(), &options);
    if (child < 0) {
        int error = errno;
        write_all(2, "env: " + quote(command[0]) + ": " + strerror_gnu(error) + "\n");
        return error == ENOENT ? 127 : 126;
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return 125;
    }
    if (WIFSIGNALED(status)) {
        // What the caller would have seen had env been replaced by the command.
        sx_signal(WTERMSIG(status), SECURE_EXEC_SIG_DEFAULT);
        ::kill(::getpid(), WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

}  // namespace

// env.c: -S's words take the place of the option in argv, options and assignments included.
bool expand_split_strings(int argc, char** argv, const Environment& environment, std::vector<std::string>& out) {
    out.emplace_back(argv[0]);
    int i = 1;
    for (; i < argc; ++i) {
        std::string_view word(argv[i]);
        std::string_view text;
        bool found = true;
        if ((word == "-S" || word == "--split-string") && i + 1 < argc)
            text = argv[++i];
        else if (word.starts_with("-S") && word.size() > 2)
            text = word.substr(2);
        else if (word.starts_with("--split-string="))
            text = word.substr(15);
        else if (word.size() > 2 && word[0] == '-' && word[1] != '-' && word.find('S') != std::string_view::npos &&
                 word.substr(1).find_first_not_of("i0S") == std::string_view::npos && word.back() == 'S' && i + 1 < argc) {
            out.emplace_back(word.substr(0, word.size() - 1));  // "-iS STRING"
            text = argv[++i];
        } else
            found = false;
        if (!found) {
            if (word == "--" || word.empty() || word[0] != '-' || word == "-")
                break;
            out.emplace_back(word);
            bool takes_argument = word == "-u" || word == "-C" || word == "--unset" || word == "--chdir";
            if (takes_argument && i + 1 < argc)
                out.emplace_back(argv[++i]);
            continue;
        }
        std::vector<std::string> words;
        if (!split_string(text, environment, words))
            return false;
        out.insert(out.end(), words.begin(), words.end());
    }
    for (; i < argc; ++i)
        out.emplace_back(argv[i]);
    return true;
}

int env_main(int argc, char** argv) {
    Environment environment;
    environment.load();
    char delimiter = '\n';
    const char* directory = nullptr;
    std::vector<std::string> unsets;
    bool ignore = false;
    std::vector<std::string> expanded;
    if (!expand_split_strings(argc, argv, environment, expanded))
        return 125;
    std::vector<char*> arguments;
    for (auto& word : expanded)
        arguments.push_back(word.data());
    OptionParser parser("env", static_cast<int>(arguments.size()), arguments.data(), "+iu:0C:", k_env_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 125;
        case k_help: return print_usage(k_env_usage);
        case k_version: return print_version("env");
        case 'i': ignore = true; break;
        case 'u': unsets.emplace_back(option.argument); break;
        case '0': delimiter = '\0'; break;
        case 'C': directory = option.argument; break;
        }
    }
    std::vector<std::string_view> operands(parser.operands().begin(), parser.operands().end());
    size_t at = 0;
    if (at < operands.size() && operands[at] == "-") {
        ignore = true;
        ++at;
    }
    if (ignore)
        environment.clear();
    for (const auto& name : unsets) {
        if (name.empty() || name.find('=') != std::string::npos) {
            write_all(2, "env: cannot unset " + quote(name) + ": " + strerror_gnu(EINVAL) + "\n");
            return 125;
        }
        environment.unset(name);
    }
    for (; at < operands.size() && operands[at].find('=') != std::string_view::npos; ++at)
        environment.set(operands[at]);
    std::vector<std::string> command;
    for (; at < operands.size(); ++at)
        command.emplace_back(operands[at]);
    if (command.empty()) {
        if (directory) {
            write_all(2, "env: must specify command with --chdir (-C)\n");
            return try_help("env", 125);
        }
        Output out;
        for (const auto& entry : environment.entries()) {
            out.write(entry);
            out.put(delimiter);
        }
        return finish(out, "env", 0);
    }
    if (delimiter == '\0') {
        write_all(2, "env: cannot specify --null (-0) with command\n");
        return try_help("env", 125);
    }
    if (directory && ::access(directory, F_OK) != 0) {
        write_all(2, "env: cannot change directory to " + quote(directory) + ": " + strerror_gnu(errno) + "\n");
        return 125;
    }
    return run_command(command, environment, directory);
}

int printenv_main(int argc, char** argv) {
    char delimiter = '\n';
    OptionParser parser("printenv", argc, argv, "+0", k_printenv_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 2;
        case k_help: return print_usage(k_printenv_usage);
        case k_version: return print_version("printenv");
        case '0': delimiter = '\0'; break;
        }
    }
    Environment environment;
    environment.load();
    Output out;
    if (parser.operands().empty()) {
        for (const auto& entry : environment.entries()) {
            out.write(entry);
            out.put(delimiter);
        }
        return finish(out, "printenv", 0);
    }
    int status = 0;
    for (std::string_view name : parser.operands()) {
        const char* value = name.find('=') == std::string_view::npos ? environment.get(name) : nullptr;
        if (!value) {
            status = 1;
            continue;
        }
        out.write(value);
        out.put(delimiter);
    }
    return finish(out, "printenv", status);
}

}  // namespace toolbox
