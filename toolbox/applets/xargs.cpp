// xargs, as GNU findutils 4.9: reads items from stdin (or -a FILE) — blank-separated words
// with '…', "…" and backslash quoting by default, whole lines with -I, raw -0/-d DELIM
// records — and runs the command (default echo) with as many as fit (-n, -L, -s), or once per
// line with -I's replacement. Children run through sx_spawn with stdin from /dev/null, up to
// -P at a time. Exit statuses are GNU's: 123 when a command failed, 124 when one exited 255,
// 125 when one was killed, 126/127 when it could not be run or found.
// applet: xargs xargs_main
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include <sx/posix.h>
#include <sys/wait.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"

extern char** environ;

namespace toolbox {

namespace {

constexpr char k_program[] = "xargs";
constexpr size_t k_default_max_chars = 131072;
constexpr size_t k_largest_max_chars = 2093731;

constexpr std::string_view k_usage =
    "Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\n"
    "Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n"
    "\n"
    "Mandatory and optional arguments to long options are also\n"
    "mandatory or optional for the corresponding short option.\n"
    "  -0, --null                   items are separated by a null, not whitespace;\n"
    "                                 disables quote and backslash processing and\n"
    "                                 logical EOF processing\n"
    "  -a, --arg-file=FILE          read arguments from FILE, not standard input\n"
    "  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,\n"
    "                                 not by whitespace; disables quote and backslash\n"
    "                                 processing and logical EOF processing\n"
    "  -E END                       set logical EOF string; if END occurs as a line\n"
    "                                 of input, the rest of the input is ignored\n"
    "                                 (ignored if -0 or -d was specified)\n"
    "  -e, --eof[=END]              equivalent to -E END if END is specified;\n"
    "                                 otherwise, there is no end-of-file string\n"
    "  -I R                         same as --replace=R\n"
    "  -i, --replace[=R]            replace R in INITIAL-ARGS with names read\n"
    "                                 from standard input, split at newlines;\n"
    "                                 if R is unspecified, assume {}\n"
    "  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per\n"
    "                                 command line\n"
    "  -l[MAX-LINES]                similar to -L but defaults to at most one non-\n"
    "                                 blank input line if MAX-LINES is not specified\n"
    "  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line\n"
    "  -o, --open-tty               Reopen stdin as /dev/tty in the child process\n"
    "                                 before executing the command; useful to run an\n"
    "                                 interactive application.\n"
    "  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time\n"
    "  -p, --interactive            prompt before running commands\n"
    "      --process-slot-var=VAR   set environment variable VAR in child processes\n"
    "  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;\n"
    "                                 if this option is not given, COMMAND will be\n"
    "                                 run at least once\n"
    "  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS\n"
    "      --show-limits            show limits on command-line length\n"
    "  -t, --verbose                print commands before executing them\n"
    "  -x, --exit                   exit if the size (see -s) is exceeded\n"
    "      --help                   display this help and exit\n"
    "      --version                output version information and exit\n";

enum { k_show_limits = k_long_only, k_slot_var };

constexpr LongOption k_options[] = {
    {"null", Argument::none, '0'},
    {"arg-file", Argument::required, 'a'},
    {"delimiter", Argument::required, 'd'},
    {"eof", Argument::optional, 'e'},
    {"replace", Argument::optional, 'i'},
    {"max-lines", Argument::optional, 'l'},
    {"max-args", Argument::required, 'n'},
    {"open-tty", Argument::none, 'o'},
    {"max-procs", Argument::required, 'P'},
    {"interactive", Argument::none, 'p'},
    {"process-slot-var", Argument::required, k_slot_var},
    {"no-run-if-empty", Argument::none, 'r'},
    {"max-chars", Argument::required, 's'},
    {"show-limits", Argument::none, k_show_limits},
    {"verbose", Argument::none, 't'},
    {"exit", Argument::none, 'x'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

void say(std::string_view message) { write_all(2, std::string(k_program) + ": " + std::string(message) + "\n"); }

struct Settings {
    enum class Mode { words, lines, delimited } mode{Mode::words};
    char delimiter{'\n'};
    std::optional<std::string> eof;
    std::optional<std::string> replace;
    size_t max_lines{0};
    size_t max_args{0};
    size_t max_chars{k_default_max_chars};
    size_t procs{1};
    bool no_run_if_empty{false};
    bool trace{false};
    bool exit_on_size{false};
    bool interactive{false};
    const char* arg_file{nullptr};
    const char* slot_variable{nullptr};  // --process-slot-var
    bool open_tty{false};
};

// Reads items from the input, the way the mode says.
class ItemReader final {
public:
    ItemReader(int fd, const Settings& settings) : m_fd(fd), m_settings(settings) {}
    enum class Result { item, end, error };
    // The next item; `line_end` says whether it finished a (logical) input line, for -L.
    Result next(std::string& item, bool& line_end);

private:
    int get() {
        if (m_at == m_size) {
            ssize_t got;
            do
                got = ::read(m_fd, m_buffer, sizeof m_buffer);
            while (got < 0 && errno == EINTR);
            if (got <= 0)
                return -1;
            m_size = static_cast<size_t>(got);
            m_at = 0;
        }
        return static_cast<unsigned char>(m_buffer[m_at++]);
    }
    Result words(std::string& item, bool& line_end);
    Result lines(std::string& item);
    bool take_char(int& c, std::string& item);

    int m_fd;
    const Settings& m_settings;
    char m_buffer[4096];
    size_t m_at{0}, m_size{0};
};

ItemReader::Result ItemReader::next(std::string& item, bool& line_end) {
    item.clear();
    line_end = true;
    if (m_settings.mode == Settings::Mode::delimited) {
        int c = get();
        if (c < 0)
            return Result::end;
        while (c >= 0 && c != static_cast<unsigned char>(m_settings.delimiter)) {
            item += static_cast<char>(c);
            c = get();
        }
        return Result::item;
    }
    return m_settings.mode == Settings::Mode::lines ? lines(item) : words(item, line_end);
}

bool is_blank(int c) { return c == ' ' || c == '\t' || c == '\n'; }

// One character of a default-syntax item: a backslash takes the next one, a quote everything up
// to its match. false after reporting an unmatched quote; `c` ends as the last character read.
bool ItemReader::take_char(int& c, std::string& item) {
    if (c == '\\') {
        c = get();
        if (c >= 0)
            item += static_cast<char>(c);
        return true;
    }
    if (c == '\'' || c == '"') {
        int quote_char = c;
        while ((c = get()) != quote_char) {
            if (c < 0 || c == '\n') {
                say(std::string("unmatched ") + (quote_char == '"' ? "double" : "single") +
                    " quote; by default quotes are special to xargs unless you use the -0 option");
                return false;
            }
            item += static_cast<char>(c);
        }
        return true;
    }
    item += static_cast<char>(c);
    return true;
}

ItemReader::Result ItemReader::words(std::string& item, bool& line_end) {
    int c = get();
    while (is_blank(c))
        c = get();
    if (c < 0)
        return Result::end;
    for (; c >= 0 && !is_blank(c); c = get()) {
        if (!take_char(c, item))
            return Result::error;
        if (c < 0)
            break;
    }
    line_end = c == '\n' || c < 0;
    return Result::item;
}

// -I: a line is one item; leading blanks are dropped, quotes and backslashes still apply.
ItemReader::Result ItemReader::lines(std::string& item) {
    int c;
    do {
        c = get();
        while (c == ' ' || c == '\t')
            c = get();
    } while (c == '\n');
    if (c < 0)
        return Result::end;
    for (; c >= 0 && c != '\n'; c = get()) {
        if (!take_char(c, item))
            return Result::error;
        if (c < 0)
            break;
    }
    return Result::item;
}

// Runs command lines, up to `procs` at once, and keeps the exit status xargs will return.
class Runner final {
public:
    explicit Runner(const Settings& settings) : m_settings(settings) {}
    // false when xargs must stop (command not found, exit 255, killed).
    bool run(const std::vector<std::string>& words);
    // Waits for every child; the final status.
    int finish() {
        while (!m_children.empty())
            reap(true);
        return m_status;
    }
    bool stopped() const { return m_stop; }

private:
    bool reap(bool block);
    bool confirm(const std::string& line);

    const Settings& m_settings;
    std::map<pid_t, int> m_children;  // running children and their slots
    std::string m_name;  // the command, for messages
    int m_status{0};
    bool m_stop{false};
};

bool Runner::confirm(const std::string& line) {
    write_all(2, line + " ?...");
    int tty = ::open("/dev/tty", O_RDONLY);
    if (tty < 0) {
        say(std::string("failed to open /dev/tty for reading: ") + strerror_gnu(errno));
        m_status = 1;
        m_stop = true;
        return false;
    }
    std::string answer;
    char c;
    while (::read(tty, &c, 1) == 1 && c != '\n')
        answer += c;
    ::close(tty);
    return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

bool Runner::run(const std::vector<std::string>& words) {
    m_name = words[0];
    if (m_settings.trace || m_settings.interactive) {
        std::string line;
        for (const auto& word : words)
            line += (line.empty() ? "" : " ") + word;
        if (m_settings.interactive) {
            if (!confirm(line))
                return !m_stop;
        } else
            write_all(2, line + "\n");
    }
    while (m_settings.procs && m_children.size() >= m_settings.procs)
        if (!reap(true))
            return false;
    std::vector<char*> arguments;
    for (const auto& word : words)
        arguments.push_back(const_cast<char*>(word.c_str()));
    arguments.push_back(nullptr);
    sx_spawn_options options = sx_spawn_defaults();
    // The child's stdin: /dev/null (xargs reads the real one), the terminal with -o, or
    // inherited with -a.
    int null_fd = m_settings.open_tty ? ::open("/dev/tty", O_RDONLY)
                : m_settings.arg_file ? -1 : ::open("/dev/null", O_RDONLY);
    if (m_settings.open_tty && null_fd < 0) {
        // GNU's child reports it and dies (with an assertion failure, status 125 for xargs).
        say("'/dev/tty': " + std::string(strerror_gnu(errno)));
        finish();
        m_status = 125;
        m_stop = true;
        return false;
    }
    options.stdin_fd = null_fd;
    int slot = 0;
    while (std::find_if(m_children.begin(), m_children.end(), [&](auto& c) { return c.second == slot; }) !=
           m_children.end())
        ++slot;
    std::vector<std::string> environment;
    std::vector<char*> variables;
    if (m_settings.slot_variable) {
        for (char** entry = environ; entry && *entry; ++entry)
            environment.emplace_back(*entry);
        environment.push_back(std::string(m_settings.slot_variable) + "=" + std::to_string(slot));
        for (auto& entry : environment)
            variables.push_back(entry.data());
        variables.push_back(nullptr);
    }
    pid_t child = sx_spawn(words[0].c_str(), arguments.data(), m_settings.slot_variable ? variables.data() : nullptr,
                           &options);
    int error = errno;
    if (null_fd >= 0)
        ::close(null_fd);
    if (child < 0) {
        say(words[0] + ": " + strerror_gnu(error));
        finish();
        m_status = error == ENOENT ? 127 : 126;
        m_stop = true;
        return false;
    }
    m_children.emplace(child, slot);
    if (m_settings.procs == 1)
        reap(true);
    return !m_stop;
}

bool Runner::reap(bool block) {
    int status = 0;
    pid_t child;
    do
        child = ::waitpid(-1, &status, block ? 0 : WNOHANG);
    while (child < 0 && errno == EINTR);
    if (child <= 0) {
        m_children.clear();
        return !m_stop;
    }
    m_children.erase(child);
    if (WIFSIGNALED(status)) {
        say(m_name + ": terminated by signal " + std::to_string(WTERMSIG(status)));
        m_status = 125;
        m_stop = true;
    } else if (WEXITSTATUS(status) == 255) {
        say(m_name + ": exited with status 255; aborting");
        m_status = 124;
        m_stop = true;
    } else if (WEXITSTATUS(status) != 0 && m_status == 0)
        m_status = 123;
    return !m_stop;
}

size_t line_length(const std::vector<std::string>& words) {
    size_t total = 0;
    for (const auto& word : words)
        total += word.size() + 1;
    return total;
}

std::string replace_all(const std::string& text, const std::string& from, const std::string& to) {
    if (from.empty())
        return text;
    std::string out;
    size_t at = 0;
    for (size_t found; (found = text.find(from, at)) != std::string::npos; at = found + from.size())
        out += text.substr(at, found - at) + to;
    return out + text.substr(at);
}

// -I: one command per item, the replacement string substituted in the initial arguments.
int run_replacing(const Settings& settings, const std::vector<std::string>& command, ItemReader& reader) {
    Runner runner(settings);
    std::string item;
    bool line_end;
    int status = 0;
    for (;;) {
        auto result = reader.next(item, line_end);
        if (result == ItemReader::Result::error)
            status = 1;
        if (result != ItemReader::Result::item || (settings.eof && item == *settings.eof))
            break;
        std::vector<std::string> words;
        for (const auto& word : command)
            words.push_back(replace_all(word, *settings.replace, item));
        if (line_length(words) > settings.max_chars) {
            say("argument list too long");
            runner.finish();
            return 1;
        }
        if (!runner.run(words))
            break;
    }
    int final_status = runner.finish();
    return final_status ? final_status : status;
}

int run_batches(const Settings& settings, const std::vector<std::string>& command, ItemReader& reader) {
    Runner runner(settings);
    std::vector<std::string> words = command;
    size_t base = line_length(command), length = base, lines = 0;
    bool ran = false;
    int status = 0;
    auto flush = [&]() {
        ran = true;
        bool go_on = runner.run(words);
        words = command;
        length = base;
        lines = 0;
        return go_on;
    };
    std::string item;
    bool line_end;
    for (;;) {
        auto result = reader.next(item, line_end);
        if (result == ItemReader::Result::error)
            status = 1;
        if (result != ItemReader::Result::item ||
            (settings.eof && settings.mode == Settings::Mode::words && item == *settings.eof))
            break;
        if (base + item.size() + 1 > settings.max_chars) {
            say("argument line too long");
            runner.finish();
            return 1;
        }
        if (length + item.size() + 1 > settings.max_chars) {
            if (settings.exit_on_size) {
                say("argument line too long");
                runner.finish();
                return 1;
            }
            if (!flush())
                return runner.finish();
        }
        words.push_back(item);
        length += item.size() + 1;
        lines += line_end;
        bool full = (settings.max_args && words.size() - command.size() >= settings.max_args) ||
                    (settings.max_lines && lines >= settings.max_lines);
        if (full && !flush())
            return runner.finish();
    }
    if (words.size() > command.size() || (!ran && !settings.no_run_if_empty && status == 0))
        flush();
    int final_status = runner.finish();
    return final_status ? final_status : status;
}

// The character -d names: one byte, or an escape (\n, \t, \\, \xHH, \NNN...).
std::optional<char> parse_delimiter(std::string_view text) {
    if (text.size() == 1)
        return text[0];
    if (text.size() < 2 || text[0] != '\\')
        return std::nullopt;
    static constexpr std::string_view k_escapes = "a\ab\bf\fn\nr\rt\tv\v\\\\";
    if (text.size() == 2)
        for (size_t i = 0; i < k_escapes.size(); i += 2)
            if (k_escapes[i] == text[1])
                return k_escapes[i + 1];
    int base = text[1] == 'x' ? 16 : 8;
    std::string_view digits = text.substr(base == 16 ? 2 : 1);
    if (digits.empty())
        return std::nullopt;
    char* end = nullptr;
    std::string copy(digits);
    long value = std::strtol(copy.c_str(), &end, base);
    if (*end || value > 255)
        return std::nullopt;
    return static_cast<char>(value);
}

// A count for -n, -L, -P, -s: GNU's messages for non-numbers and values below `minimum`.
std::optional<size_t> parse_count(const char* text, char option, size_t minimum) {
    char* end = nullptr;
    errno = 0;
    long long value = std::strtoll(text, &end, 10);
    if (!*text || *end || errno) {
        say(std::string("invalid number \"") + text + "\" for -" + option + " option");
        try_help(k_program);
        return std::nullopt;
    }
    if (value < static_cast<long long>(minimum)) {
        say("value " + std::string(text) + " for -" + option + " option should be >= " + std::to_string(minimum));
        try_help(k_program);
        return std::nullopt;
    }
    return static_cast<size_t>(value);
}

// Reads the options into `settings`; nullopt means exit with the status given.
std::optional<int> read_options(OptionParser& parser, Settings& settings) {
    bool null_or_delimiter = false;
    while (auto option = parser.next()) {
        std::optional<size_t> count;
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        case k_show_limits: break;
        case k_slot_var: settings.slot_variable = option.argument; break;
        case 'o': settings.open_tty = true; break;
        case '0':
            settings.mode = Settings::Mode::delimited;
            settings.delimiter = '\0';
            null_or_delimiter = true;
            break;
        case 'd': {
            auto delimiter = parse_delimiter(option.argument);
            if (!delimiter) {
                say(std::string("Invalid input delimiter specification ") + option.argument +
                    ": the delimiter must be either a single character or an escape sequence starting with \\.");
                return 1;
            }
            settings.mode = Settings::Mode::delimited;
            settings.delimiter = *delimiter;
            null_or_delimiter = true;
            break;
        }
        case 'a': settings.arg_file = option.argument; break;
        case 'E': settings.eof = option.argument; break;
        case 'e':
            settings.eof.reset();
            if (option.argument && *option.argument)
                settings.eof = option.argument;
            break;
        case 'I': case 'i':
            if (settings.max_args && !settings.replace)
                say("warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous "
                    "--max-args value");
            else if (settings.max_lines && !settings.replace)
                say("warning: options --max-lines and --replace/-I/-i are mutually exclusive, ignoring previous "
                    "--max-lines value");
            settings.replace = option.id == 'I' ? option.argument : option.argument ? option.argument : "{}";
            settings.max_lines = 1;
            settings.max_args = 0;
            break;
        case 'L': case 'l':
            if (option.id == 'l' && !option.argument)
                count = 1;
            else if (!(count = parse_count(option.argument, 'L', 1)))
                return 1;
            if (settings.max_args)
                say(std::string("warning: options --max-args and ") + (option.id == 'L' ? "-L" : "--max-lines/-l") +
                    " are mutually exclusive, ignoring previous --max-args value");
            if (settings.replace)
                say(std::string("warning: options --replace and ") + (option.id == 'L' ? "-L" : "--max-lines/-l") +
                    " are mutually exclusive, ignoring previous --replace value");
            settings.max_lines = *count;
            settings.max_args = 0;
            settings.replace.reset();
            break;
        case 'n':
            if (!(count = parse_count(option.argument, 'n', 1)))
                return 1;
            if (settings.replace && *count == 1)
                break;  // -I already runs one command per item
            if (settings.replace)
                say("warning: options --replace and --max-args/-n are mutually exclusive, ignoring previous --replace "
                    "value");
            else if (settings.max_lines)
                say("warning: options --max-lines and --max-args/-n are mutually exclusive, ignoring previous "
                    "--max-lines value");
            settings.max_args = *count;
            settings.max_lines = 0;
            settings.replace.reset();
            break;
        case 'P':
            if (!(count = parse_count(option.argument, 'P', 0)))
                return 1;
            settings.procs = *count;
            break;
        case 's': {
            // Out-of-range sizes are clamped (with a message), as GNU does.
            char* end = nullptr;
            long long value = std::strtoll(option.argument, &end, 10);
            if (!*option.argument || *end) {
                say(std::string("invalid number \"") + option.argument + "\" for -s option");
                return try_help(k_program);
            }
            if (value < 1)
                say("value " + std::string(option.argument) + " for -s option should be >= 1");
            else if (value > static_cast<long long>(k_largest_max_chars))
                say("value " + std::string(option.argument) + " for -s option should be <= " +
                    std::to_string(k_largest_max_chars));
            settings.max_chars = static_cast<size_t>(std::clamp<long long>(value, 1, k_largest_max_chars));
            break;
        }
        case 'p': settings.interactive = true; break;
        case 'r': settings.no_run_if_empty = true; break;
        case 't': settings.trace = true; break;
        case 'x': settings.exit_on_size = true; break;
        }
    }
    if (settings.replace) {
        settings.mode = null_or_delimiter ? Settings::Mode::delimited : Settings::Mode::lines;
        settings.exit_on_size = true;
    }
    if (settings.eof && null_or_delimiter) {
        say("warning: the -E option has no effect if -0 or -d is used.\n");
        settings.eof.reset();
    }
    return std::nullopt;
}

}  // namespace

int xargs_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "+0a:d:E:e::I:i::L:l::n:oP:prs:tx", k_options);
    if (auto status = read_options(parser, settings))
        return *status;
    std::vector<std::string> command(parser.operands().begin(), parser.operands().end());
    if (command.empty())
        command.emplace_back("echo");
    int fd = 0;
    if (settings.arg_file) {
        fd = open_input(settings.arg_file);
        if (fd < 0) {
            say(std::string("Cannot open input file ") + "'" + settings.arg_file + "': " + strerror_gnu(errno));
            return 1;
        }
    }
    if (!settings.replace && line_length(command) > settings.max_chars) {
        say("cannot fit single argument within argument list size limit");
        return 1;
    }
    ItemReader reader(fd, settings);
    return settings.replace ? run_replacing(settings, command, reader) : run_batches(settings, command, reader);
}

}  // namespace toolbox
