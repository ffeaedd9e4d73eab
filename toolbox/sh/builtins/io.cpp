// echo, printf, read, mapfile/readarray.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <poll.h>
#include <unistd.h>

#include <sx/posix.h>

#include "sh/assign.h"
#include "sh/builtins/builtins.h"
#include "sh/quote.h"

namespace sh {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Backslash escapes of echo -e and printf's %b and format (`stop` set by \c).
std::string unescape(std::string_view text, bool& stop, bool printf_format) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        char e = text[++i];
        switch (e) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'e': case 'E': out += '\033'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': out += '\\'; break;
        case 'c': stop = true; return out;
        case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && i + 1 < text.size() && hex_digit(text[i + 1]) >= 0)
                value = value * 16 + hex_digit(text[++i]), ++digits;
            if (digits == 0)
                out += "\\x";
            else
                out += static_cast<char>(value);
            break;
        }
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            // echo: \0NNN; printf: \NNN (and %b: \0NNN).
            if (e != '0' && !printf_format) {
                out += '\\';
                out += e;
                break;
            }
            int value = e - '0', digits = (e == '0' && !printf_format) ? 0 : 1;
            int max = (e == '0') ? 3 + (printf_format ? 0 : 0) : 3;
            if (e == '0' && printf_format)
                max = 3;
            while (digits < max && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7')
                value = value * 8 + (text[++i] - '0'), ++digits;
            out += static_cast<char>(value & 0xff);
            break;
        }
        default:
            out += '\\';
            out += e;
        }
    }
    return out;
}

// A printf numeric argument as bash reads it: 'c → the character's code, 0x, 0 octal.
int64_t number_argument(Shell& shell, const std::string& text, int& status) {
    if (text.empty())
        return 0;
    if (text[0] == '\'' || text[0] == '"')
        return text.size() > 1 ? static_cast<unsigned char>(text[1]) : 0;
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 0);
    if (end == text.c_str() || *end != '\0') {
        builtin_error(shell, "printf", text + ": invalid number");
        status = 1;
    } else if (errno == ERANGE) {
        builtin_error(shell, "printf", text + ": Numerical result out of range");
        status = 1;
    }
    return value;
}

double float_argument(Shell& shell, const std::string& text, int& status) {
    if (text.empty())
        return 0;
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') {
        builtin_error(shell, "printf", text + ": invalid number");
        status = 1;
    }
    return value;
}

// snprintf of one value into a string of whatever size it needs (widths may be huge).
template <typename Value>
std::string format_value(const std::string& spec, Value value) {
    int size = std::snprintf(nullptr, 0, spec.c_str(), value);
    std::string text(static_cast<size_t>(std::max(size, 0)) + 1, '\0');
    std::snprintf(text.data(), text.size(), spec.c_str(), value);
    text.pop_back();
    return text;
}

// %(fmt)T: strftime of a time in seconds (-1: now, -2: when the shell started), padded by `spec`.
std::string format_time(const std::string& spec, const std::string& time_format, int64_t seconds) {
    std::time_t when = seconds < 0 ? std::time(nullptr) : static_cast<std::time_t>(seconds);
    std::tm parts{};
    localtime_r(&when, &parts);
    char text[1024];
    size_t length = time_format.empty() ? 0 : std::strftime(text, sizeof text, time_format.c_str(), &parts);
    std::string value(text, length);
    return format_value(spec + 's', value.c_str());
}

// One pass of the format over the arguments from `next`; returns false if no argument was used.
bool format_once(Shell& shell, const std::string& format, const std::vector<std::string>& args, size_t& next,
                 std::string& output, int& status, bool& stop) {
    bool used = false;
    auto take = [&]() -> std::string {
        if (next < args.size()) {
            used = true;
            return args[next++];
        }
        return "";
    };
    for (size_t i = 0; i < format.size() && !stop; ++i) {
        char c = format[i];
        if (c == '\\') {
            size_t start = i;
            size_t end = i + 1;
            if (end < format.size()) {
                if (format[end] == 'x') { ++end; for (int k = 0; k < 2 && end < format.size() && hex_digit(format[end]) >= 0; ++k) ++end; }
                else if (format[end] >= '0' && format[end] <= '7') { for (int k = 0; k < 3 && end < format.size() && format[end] >= '0' && format[end] <= '7'; ++k) ++end; }
                else ++end;
            }
            if (end == start + 2 && (format[start + 1] == '"' || format[start + 1] == '\'' || format[start + 1] == '?'))
                output += format[start + 1];  // \" \' \? stand for the character in a format
            else
                output += unescape(std::string_view(format).substr(start, end - start), stop, true);
            i = end - 1;
            continue;
        }
        if (c != '%') {
            output += c;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '%') {
            output += '%';
            ++i;
            continue;
        }
        // %[flags][width][.precision]conversion
        std::string spec = "%";
        size_t j = i + 1;
        while (j < format.size() && std::strchr("-+ #0", format[j]))
            spec += format[j++];
        auto digits_or_star = [&]() {
            if (j < format.size() && format[j] == '*') {
                spec += std::to_string(number_argument(shell, take(), status));
                ++j;
                return;
            }
            while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
                spec += format[j++];
        };
        digits_or_star();
        if (j < format.size() && format[j] == '.') {
            spec += format[j++];
            digits_or_star();
        }
        while (j < format.size() && std::strchr("hlLjzt", format[j]))
            ++j;  // length modifiers: everything is 64-bit here
        if (j < format.size() && format[j] == '(') {
            size_t close = format.find(')', j);
            if (close != std::string::npos && close + 1 < format.size() && format[close + 1] == 'T') {
                std::string time_format = format.substr(j + 1, close - j - 1);
                std::string argument = take();
                output += format_time(spec, time_format, argument.empty() ? -1 : number_argument(shell, argument, status));
                i = close + 1;
                continue;
            }
        }
        if (j >= format.size()) {
            builtin_error(shell, "printf", "`" + format.substr(i) + "': missing format character");
            status = 1;
            stop = true;  // bash stops the whole printf here, keeping what was formatted
            return used;
        }
        char conversion = format[j];
        i = j;
        std::string formatted;
        switch (conversion) {
        case 'd': case 'i': {
            formatted = format_value(spec + PRId64, number_argument(shell, take(), status));
            break;
        }
        case 'u': case 'o': case 'x': case 'X': {
            std::string length_spec = spec + (conversion == 'u' ? PRIu64 : conversion == 'o' ? PRIo64 : conversion == 'x' ? PRIx64 : PRIX64);
            formatted = format_value(length_spec, static_cast<uint64_t>(number_argument(shell, take(), status)));
            break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
            formatted = format_value(spec + conversion, float_argument(shell, take(), status));
            break;
        }
        case 'c': {
            // Padded by hand: an empty argument prints a NUL byte, which snprintf can't return.
            std::string argument = take();
            char character = argument.empty() ? '\0' : argument[0];
            int width = std::atoi(spec.c_str() + spec.find_first_not_of("%-+ #0"));
            std::string padding(static_cast<size_t>(std::max(width - 1, 0)), ' ');
            formatted = spec.find('-') != std::string::npos ? character + padding : padding + character;
            break;
        }
        case 's': case 'b': case 'q': {
            std::string argument = take();
            if (conversion == 'b')
                argument = unescape(argument, stop, false);
            else if (conversion == 'q')
                argument = quote_escaped(argument);
            formatted = format_value(spec + 's', argument.c_str());
            break;
        }
        default:
            builtin_error(shell, "printf", std::string("`") + conversion + "': invalid format character");
            status = 1;
            return used;
        }
        output += formatted;
    }
    return used;
}

// A failed write of echo or printf: bash's message, or SIGPIPE's status in a stage that a child
// would have run.
int write_failed(Shell& shell, const char* name) {
    if (errno == EPIPE && shell.in_parent_stage)
        return 128 + signal_numbers::pipe;
    builtin_error(shell, name, std::string("write error: ") + std::strerror(errno));
    return 1;
}

}  // namespace

int builtin_echo(Shell& shell, std::vector<std::string>& argv) {
    bool newline = true, escapes = false;
    size_t i = 1;
    for (; i < argv.size(); ++i) {
        const std::string& argument = argv[i];
        if (argument.size() < 2 || argument[0] != '-' || argument.find_first_not_of("neE", 1) != std::string::npos)
            break;
        for (char flag : argument.substr(1)) {
            if (flag == 'n') newline = false;
            else if (flag == 'e') escapes = true;
            else escapes = false;
        }
    }
    std::string text;
    bool stop = false;
    for (size_t k = i; k < argv.size() && !stop; ++k) {
        if (k > i)
            text += ' ';
        text += escapes ? unescape(argv[k], stop, false) : argv[k];
    }
    if (newline && !stop)
        text += '\n';
    return out(text) ? 0 : write_failed(shell, "echo");
}

int builtin_printf(Shell& shell, std::vector<std::string>& argv) {
    size_t i = 1;
    std::string variable;
    if (i < argv.size() && argv[i] == "-v" && i + 1 < argv.size()) {
        variable = argv[i + 1];
        i += 2;
    }
    if (i < argv.size() && argv[i] == "--")
        ++i;
    if (i >= argv.size()) {
        builtin_usage("printf");
        return 2;
    }
    std::string format = argv[i];
    std::vector<std::string> args(argv.begin() + static_cast<long>(i) + 1, argv.end());
    std::string output;
    int status = 0;
    size_t next = 0;
    bool stop = false;
    do {
        bool used = format_once(shell, format, args, next, output, status, stop);
        if (!used)
            break;
    } while (next < args.size() && !stop);
    if (!variable.empty()) {
        size_t bracket = variable.find('[');
        std::optional<std::string> key;
        std::string name = variable;
        if (bracket != std::string::npos && variable.back() == ']') {
            key = variable.substr(bracket + 1, variable.size() - bracket - 2);
            name = variable.substr(0, bracket);
        }
        return assign_value(shell, name, key, output, false) ? status : 1;
    }
    return out(output) ? status : write_failed(shell, "printf");
}

namespace {

constexpr int k_sigalrm = 14;  // a timed-out read returns 128 + SIGALRM, as bash's does

// read -t: whether `fd` has input (or end of file) before `deadline`.
bool readable_before(int fd, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        struct pollfd entry{fd, POLLIN, 0};
        int ready = ::poll(&entry, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
        if (ready > 0)
            return true;
        if (ready == 0 || errno != EINTR)
            return false;
    }
}

}  // namespace

int builtin_read(Shell& shell, std::vector<std::string>& argv) {
    bool raw = false, silent = false;
    std::string prompt, array;
    char delimiter = '\n';
    long max_chars = -1;
    int fd = 0;
    double timeout = -1;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        std::string& option = argv[i];
        if (option == "--") { ++i; break; }
        for (size_t k = 1; k < option.size(); ++k) {
            char flag = option[k];
            auto value = [&]() -> std::string {
                if (k + 1 < option.size()) { std::string rest = option.substr(k + 1); k = option.size(); return rest; }
                if (i + 1 < argv.size()) { k = option.size(); return argv[++i]; }
                return "";
            };
            switch (flag) {
            case 'r': raw = true; break;
            case 's': silent = true; break;
            case 'p': prompt = value(); break;
            case 'a': array = value(); break;
            case 'd': { std::string d = value(); delimiter = d.empty() ? '\0' : d[0]; break; }
            case 'n': case 'N': max_chars = std::atol(value().c_str()); break;
            case 'u': fd = std::atoi(value().c_str()); break;
            case 't': timeout = std::atof(value().c_str()); break;
            default:
                return invalid_builtin_option(shell, "read", std::string("-") + flag);
            }
        }
    }
    (void)silent;
    if (timeout == 0) {  // -t 0: only whether input is waiting
        struct pollfd entry{fd, POLLIN, 0};
        return ::poll(&entry, 1, 0) > 0 ? 0 : 1;
    }
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::microseconds(static_cast<int64_t>(std::max(timeout, 0.0) * 1e6));
    bool timed_out = false;
    for (size_t k = i; k < argv.size(); ++k)
        if (!Variables::valid_name(argv[k])) {
            builtin_error(shell, "read", "`" + argv[k] + "': not a valid identifier");
            return 1;
        }
    if (!prompt.empty() && sx_isatty(0) == 1)
        write_fd(2, prompt);
    std::string line;
    bool got_delimiter = false;
    char c;
    while (max_chars < 0 || static_cast<long>(line.size()) < max_chars) {
        if (timeout > 0 && !readable_before(fd, deadline)) {
            timed_out = true;  // what was read so far is still assigned (bash)
            break;
        }
        ssize_t count = ::read(fd, &c, 1);
        if (count < 0 && errno == EINTR) {
            if (interrupt_pending(shell))
                return 128 + signal_numbers::interrupt;  // ^C ends the read (interactive shell)
            continue;
        }
        if (count < 0) {
            builtin_error(shell, "read", "read error: " + std::to_string(fd) + ": " + std::strerror(errno));
            return 1;
        }
        if (count == 0)
            break;
        if (c == delimiter && max_chars < 0) {
            got_delimiter = true;
            break;
        }
        if (!raw && c == '\\') {
            count = ::read(fd, &c, 1);
            if (count <= 0)
                break;
            if (c == '\n')
                continue;  // line continuation
            line += '\x01';  // marks an escaped character: not a separator
            line += c;
            continue;
        }
        line += c;
    }
    if (max_chars >= 0 && static_cast<long>(line.size()) >= max_chars)
        got_delimiter = true;  // -n N: N characters are a complete read
    std::vector<std::string> names(argv.begin() + static_cast<long>(i), argv.end());
    if (names.empty() && array.empty())
        names.push_back("REPLY");
    auto ifs_value = shell.variables.get("IFS");
    std::string ifs = ifs_value ? *ifs_value : " \t\n";
    auto is_ifs = [&](char ch) { return ifs.find(ch) != std::string::npos; };
    auto is_space = [&](char ch) { return is_ifs(ch) && (ch == ' ' || ch == '\t' || ch == '\n'); };
    // Split into fields; the last name takes the rest of the line (trailing IFS whitespace trimmed).
    std::vector<std::string> fields;
    size_t pos = 0;
    auto skip_spaces = [&] { while (pos < line.size() && is_space(line[pos])) ++pos; };
    size_t wanted = array.empty() ? names.size() : SIZE_MAX;
    if (names.size() == 1 && array.empty() && names[0] == "REPLY" && i == argv.size()) {
        std::string reply;
        for (size_t k = 0; k < line.size(); ++k)
            if (line[k] != '\x01') reply += line[k];
        shell.variables.set("REPLY", reply);
        return timed_out ? 128 + k_sigalrm : got_delimiter ? 0 : 1;
    }
    skip_spaces();
    while (pos < line.size()) {
        std::string field;
        if (fields.size() + 1 == wanted) {
            std::string rest;
            size_t end = line.size();
            while (end > pos && is_space(line[end - 1]) && !(end >= 2 && line[end - 2] == '\x01'))
                --end;
            for (size_t k = pos; k < end; ++k)
                if (line[k] != '\x01') rest += line[k];
            fields.push_back(rest);
            pos = line.size();
            break;
        }
        while (pos < line.size() && !(is_ifs(line[pos]) && (pos == 0 || line[pos - 1] != '\x01'))) {
            if (line[pos] != '\x01')
                field += line[pos];
            ++pos;
        }
        fields.push_back(field);
        skip_spaces();
        if (pos < line.size() && is_ifs(line[pos]) && !is_space(line[pos])) {
            ++pos;
            skip_spaces();
        }
    }
    if (!array.empty()) {
        shell.variables.unset(array);
        Variable& variable = shell.variables.declare(array, false);
        variable.attributes |= attribute::indexed_array;
        for (size_t k = 0; k < fields.size(); ++k)
            variable.set_element(std::to_string(k), fields[k]);
    } else {
        for (size_t k = 0; k < names.size(); ++k)
            if (!assign_value(shell, names[k], std::nullopt, k < fields.size() ? fields[k] : "", false))
                return 1;
    }
    return timed_out ? 128 + k_sigalrm : got_delimiter ? 0 : 1;
}

namespace {

struct MapfileOptions {
    bool strip{false};
    char delimiter{'\n'};
    long limit{0}, skip{0}, quantum{5000};
    std::optional<long> origin;
    int fd{0};
    std::string callback;
    std::string name{"MAPFILE"};
};

// -d -n -O -s -t -u -C -c, then the array's name; nullopt after bash's usage error.
std::optional<MapfileOptions> mapfile_options(Shell& shell, std::vector<std::string>& argv) {
    MapfileOptions options;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        char flag = argv[i][1];
        bool takes_value = std::string_view("dnOsuCc").find(flag) != std::string_view::npos;
        std::string value = !takes_value ? "" : argv[i].size() > 2 ? argv[i].substr(2) : i + 1 < argv.size() ? argv[++i] : "";
        switch (flag) {
        case 't': options.strip = true; break;
        case 'd': options.delimiter = value.empty() ? '\0' : value[0]; break;
        case 'n': options.limit = std::atol(value.c_str()); break;
        case 's': options.skip = std::atol(value.c_str()); break;
        case 'O': options.origin = std::atol(value.c_str()); break;
        case 'u': options.fd = std::atoi(value.c_str()); break;
        case 'C': options.callback = value; break;
        case 'c': options.quantum = std::max(1L, std::atol(value.c_str())); break;
        default:
            invalid_builtin_option(shell, argv[0], argv[i]);
            return std::nullopt;
        }
    }
    if (i < argv.size())
        options.name = argv[i];
    return options;
}

}  // namespace

int builtin_mapfile(Shell& shell, std::vector<std::string>& argv) {
    auto options = mapfile_options(shell, argv);
    if (!options)
        return 2;
    if (!options->origin)
        shell.variables.unset(options->name);  // -O appends to what is there
    shell.variables.declare(options->name, false).attributes |= attribute::indexed_array;
    long count = 0, index = options->origin.value_or(0), stored = 0;
    // Each line: skipped (-s), or the callback every -c lines (before it is stored), then stored.
    auto take = [&](std::string& item) {
        if (options->strip && !item.empty() && item.back() == options->delimiter)
            item.pop_back();
        if (count++ < options->skip)
            return;
        if (!options->callback.empty() && (stored + 1) % options->quantum == 0)
            (void)shell.run_source(options->callback + " " + std::to_string(index) + " " + quote_single(item));
        if (Variable* variable = shell.variables.find(options->name))
            variable->set_element(std::to_string(index), item);
        ++index, ++stored;
    };
    std::string item;
    char buffer[4096];
    bool done = false;
    while (!done) {
        ssize_t got = ::read(options->fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        for (ssize_t k = 0; k < got && !done; ++k) {
            item += buffer[k];
            if (buffer[k] != options->delimiter)
                continue;
            take(item);
            item.clear();
            done = options->limit > 0 && stored >= options->limit;
        }
    }
    if (!item.empty() && !done)
        take(item);
    return 0;
}

}  // namespace sh
