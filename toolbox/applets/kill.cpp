// kill, as procps-ng 4.0.2's /bin/kill (Debian's): kill [-SIGNAL | -s SIGNAL] PID... sends
// SIGNAL (default TERM) to each PID, a negative PID meaning a process group; -l [SIGNAL] lists
// the signals or converts a name to a number and back, -L prints them as a table.
// procps's quirks kept: the first "-SIGNAL" word anywhere among the arguments is taken as the
// signal (even after "--"), a bad PID ends the run at once, an unknown -s name becomes signal
// -1 ("Invalid argument" from kill). One deliberate difference: "-123" that is no signal is
// process group 123, where procps sends the signal to every process (pid -1).
// applet: kill kill_main
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/signal_names.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "\n"
    "Usage:\n"
    " kill [options] <pid> [...]\n"
    "\n"
    "Options:\n"
    " <pid> [...]            send signal to every <pid> listed\n"
    " -<signal>, -s, --signal <signal>\n"
    "                        specify the <signal> to be sent\n"
    " -q, --queue <value>    integer value to be sent with the signal\n"
    " -l, --list=[<signal>]  list all signal names, or convert one to a name\n"
    " -L, --table            list all signal names in a nice table\n"
    "\n"
    " -h, --help     display this help and exit\n"
    " -V, --version  output version information and exit\n"
    "\n"
    "For more details see kill(1).\n";

int usage_error() {
    write_all(2, k_usage);
    return 1;
}

std::string upper_case(std::string_view text) {
    std::string upper;
    for (char c : text)
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return upper;
}

// procps's signal_name_to_number(): any case, optional SIG, aliases, RTMIN[+N], or a number up
// to 127 - SIGRTMIN (negative numbers pass, for kill() to reject); -1 when not a signal.
int signal_from_word(std::string_view word) {
    std::string name = upper_case(word);
    std::string_view rest = name;
    if (rest.starts_with("SIG"))
        rest.remove_prefix(3);
    if (rest == "CLD")
        return 17;
    if (rest == "IO")
        return 29;
    if (rest == "IOT")
        return 6;
    for (int number = 1; number <= 31; ++number)
        if (classic_signal_name(number) == rest)
            return number;
    if (rest == "RTMIN")
        return k_signal_rtmin;
    if (rest == "EXIT" || rest == "NULL")
        return 0;
    long offset = 0;
    if (rest.starts_with("RTMIN+")) {
        rest.remove_prefix(6);
        offset = k_signal_rtmin;
    }
    std::string digits(rest);
    char* end = nullptr;
    long value = std::strtol(digits.c_str(), &end, 10);
    if (*end != '\0' || end == digits.c_str())
        return -1;
    if (value + k_signal_rtmin > 127)
        return -1;
    return static_cast<int>(value + offset);
}

// procps's strtosig() for -l WORD: a number gives its name, a name its number.
std::optional<std::string> convert_signal(std::string_view word) {
    std::string name = upper_case(word);
    std::string_view rest = name;
    if (rest.starts_with("SIG"))
        rest.remove_prefix(3);
    if (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
        std::string digits(word);
        char* end = nullptr;
        long number = std::strtol(digits.c_str(), &end, 10);
        if (*end != '\0' || end == digits.c_str() || number < 1 || number > 31)
            return std::nullopt;
        return std::string(*classic_signal_name(static_cast<int>(number)));
    }
    for (int number = 1; number <= 31; ++number)
        if (classic_signal_name(number) == rest)
            return std::to_string(number);
    return std::nullopt;
}

void list_signals() {
    std::string text;
    int column = 0;
    for (int number = 1; number <= 31; ++number) {
        if (number > 1) {
            if (column > 73) {
                text.push_back('\n');
                column = 0;
            } else {
                text.push_back(' ');
                ++column;
            }
        }
        std::string_view name = *classic_signal_name(number);
        text += name;
        column += static_cast<int>(name.size());
    }
    write_all(1, text + "\n");
}

void table_of_signals() {
    std::string text;
    for (int number = 1; number <= 31; ++number) {
        std::string cell = (number < 10 ? " " : "") + std::to_string(number) + " " + std::string(*classic_signal_name(number));
        if (number % 7 != 0) {
            cell.resize(std::max<size_t>(cell.size(), 11), ' ');
            text += cell;
        } else {
            text += cell + "\n";
        }
    }
    text.push_back('\n');
    write_all(1, text);
}

// strtol_or_err(): the whole word a decimal number, or the message (the caller exits 1).
std::optional<long long> parse_long(std::string_view word, std::string_view what) {
    std::string text(word);
    char* end = nullptr;
    errno = 0;
    long long value = std::strtoll(text.c_str(), &end, 10);  // procps's long is 64-bit
    if (errno != 0 || end == text.c_str() || *end != '\0') {
        std::string reason = errno == ERANGE ? std::string(": ") + strerror_gnu(errno) : std::string();
        write_all(2, "kill: " + std::string(what) + ": '" + text + "'" + reason + "\n");
        return std::nullopt;
    }
    return value;
}

bool send_signal(long long pid, int signal) {
    // Linux looks the process up before it checks the signal.
    int result = signal < 0 || signal > k_signal_max
                     ? (::kill(static_cast<pid_t>(pid), 0) == 0 ? (errno = EINVAL, -1) : -1)
                     : ::kill(static_cast<pid_t>(pid), signal);
    if (result == 0)
        return true;
    write_all(2, "kill: (" + std::to_string(pid) + "): " + strerror_gnu(errno) + "\n");
    return false;
}

struct LongName {
    std::string_view name;
    char letter;
    int argument;  // 0 none, 1 required, 2 optional
};

constexpr LongName k_long_names[] = {
    {"list", 'l', 2}, {"table", 'L', 0}, {"signal", 's', 1}, {"queue", 'q', 1}, {"help", 'h', 0}, {"version", 'V', 0},
};

// A long option by unique prefix; '?' when unknown or ambiguous.
const LongName* find_long(std::string_view name) {
    const LongName* found = nullptr;
    for (const auto& candidate : k_long_names) {
        if (candidate.name == name)
            return &candidate;
        if (candidate.name.starts_with(name)) {
            if (found)
                return nullptr;
            found = &candidate;
        }
    }
    return found;
}

struct Parsed {
    int signal{15};
    std::vector<std::string_view> pids;
};

// Handles one option; returns -2 to go on, or an exit status.
int apply_option(char letter, const char* argument, std::vector<std::string_view>& words, size_t next, Parsed& parsed) {
    switch (letter) {
    case 'l': {
        const char* word = argument;
        if (!word && next < words.size() && !words[next].starts_with('-'))
            word = words[next].data();
        if (!word) {
            list_signals();
            return 0;
        }
        if (auto converted = convert_signal(word))
            write_all(1, *converted + "\n");
        else
            write_all(2, "kill: unknown signal name " + std::string(word) + "\n");
        return 0;
    }
    case 'L': table_of_signals(); return 0;
    case 's': parsed.signal = signal_from_word(argument); return -2;
    case 'q': return parse_long(argument, "must be an integer value to be passed with the signal.") ? -2 : 1;
    case 'h': return print_usage(k_usage);
    case 'V': return print_version("kill");
    default: return -2;
    }
}

// getopt_long("l::Ls:hVq:") with permutation and opterr = 0, as procps calls it.
int parse_arguments(std::vector<std::string_view>& words, Parsed& parsed) {
    bool options_done = false;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string_view word = words[i];
        if (options_done || word.size() < 2 || word[0] != '-') {
            parsed.pids.push_back(word);
            continue;
        }
        if (word == "--") {
            options_done = true;
            continue;
        }
        if (word.starts_with("--")) {
            std::string_view body = word.substr(2);
            size_t equals = body.find('=');
            const LongName* option = find_long(body.substr(0, equals));
            if (!option) {
                write_all(2, "kill: invalid argument \n");
                return usage_error();
            }
            const char* argument = equals != std::string_view::npos ? body.data() + equals + 1 : nullptr;
            if (option->argument == 1 && !argument) {
                if (i + 1 >= words.size()) {
                    write_all(2, std::string("kill: invalid argument ") + option->letter + "\n");
                    return usage_error();
                }
                argument = words[++i].data();
            }
            if (int status = apply_option(option->letter, argument, words, i + 1, parsed); status != -2)
                return status;
            continue;
        }
        for (size_t at = 1; at < word.size(); ++at) {
            char letter = word[at];
            if (std::string_view("lLshVq").find(letter) == std::string_view::npos) {
                if (std::isdigit(static_cast<unsigned char>(letter))) {
                    // procps would signal pid -DIGIT (for "-1": every process); take the word
                    // as the process group it names instead.
                    auto group = parse_long(word, "failed to parse argument");
                    return group && send_signal(*group, parsed.signal) ? 0 : 1;
                }
                write_all(2, std::string("kill: invalid argument ") + letter + "\n");
                return usage_error();
            }
            const char* argument = nullptr;
            if (letter == 'l' && at + 1 < word.size()) {
                argument = word.data() + at + 1;
            } else if (letter == 's' || letter == 'q') {
                if (at + 1 < word.size()) {
                    argument = word.data() + at + 1;
                } else if (i + 1 < words.size()) {
                    argument = words[++i].data();
                } else {
                    write_all(2, std::string("kill: invalid argument ") + letter + "\n");
                    return usage_error();
                }
            }
            if (int status = apply_option(letter, argument, words, i + 1, parsed); status != -2)
                return status;
            if (argument)
                break;
        }
    }
    return -2;
}

}  // namespace

int kill_main(int argc, char** argv) {
    if (argc < 2)
        return usage_error();
    std::vector<std::string_view> words(argv + 1, argv + argc);
    Parsed parsed;
    // skill_sig_option(): the first "-SIGNAL" word anywhere is the signal.
    for (size_t i = 0; i < words.size(); ++i) {
        if (!words[i].starts_with('-'))
            continue;
        int signal = signal_from_word(words[i].substr(1));
        if (signal >= 0) {
            parsed.signal = signal;
            words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    if (int status = parse_arguments(words, parsed); status != -2)
        return status;
    if (parsed.pids.empty())
        return usage_error();
    int status = 0;
    for (std::string_view word : parsed.pids) {
        auto pid = parse_long(word, "failed to parse argument");
        if (!pid)
            return 1;
        if (!send_signal(*pid, parsed.signal))
            status = 1;
    }
    return status;
}

}  // namespace toolbox
