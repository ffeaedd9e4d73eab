// head, as GNU coreutils: the first 10 lines (-n N), or N bytes (-c N), of each file; with a
// leading '-' (-n -N, -c -N) all but the last N. -q/-v for the "==> NAME <==" headers, -z for
// NUL-terminated lines, the obsolete `head -5c` form as the first argument. Streams: it reads no
// more than it needs (so `yes | head -1` ends) and keeps only the last N lines/bytes when eliding.
// applet: head head_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: head [OPTION]... [FILE]...\n"
    "Print the first 10 lines of each FILE to standard output.\n"
    "With more than one FILE, precede each with a header giving the file name.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -c, --bytes=[-]NUM       print the first NUM bytes of each file;\n"
    "                             with the leading '-', print all but the last\n"
    "                             NUM bytes of each file\n"
    "  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;\n"
    "                             with the leading '-', print all but the last\n"
    "                             NUM lines of each file\n"
    "  -q, --quiet, --silent    never print headers giving file names\n"
    "  -v, --verbose            always print headers giving file names\n"
    "  -z, --zero-terminated    line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "NUM may have a multiplier suffix:\n"
    "b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,\n"
    "GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.\n";

constexpr LongOption k_long_options[] = {
    {"bytes", Argument::required, 'c'},  {"lines", Argument::required, 'n'},
    {"quiet", Argument::none, 'q'},      {"silent", Argument::none, 'q'},
    {"verbose", Argument::none, 'v'},    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},    {"version", Argument::none, k_version},
};

struct Settings {
    bool bytes{false};
    bool elide{false};  // all but the last `count`
    uint64_t count{10};
    char delimiter{'\n'};
};

constexpr char k_program[] = "head";

// 0 or the errno of a failed read.
int read_some(int fd, char* buffer, size_t size, ssize_t& count) {
    while (true) {
        count = ::read(fd, buffer, size);
        if (count >= 0)
            return 0;
        if (errno != EINTR)
            return errno;
    }
}

int head_bytes(int fd, uint64_t count, Output& out) {
    static char buffer[65536];
    while (count > 0) {
        ssize_t got = 0;
        if (int error = read_some(fd, buffer, count < sizeof buffer ? count : sizeof buffer, got))
            return error;
        if (got == 0)
            break;
        if (!out.write(std::string_view(buffer, static_cast<size_t>(got))))
            return 0;
        count -= static_cast<uint64_t>(got);
    }
    return 0;
}

// Everything but the last `count` bytes: holds back `count` bytes in a window.
int head_elide_bytes(int fd, uint64_t count, Output& out) {
    std::string window;
    static char buffer[65536];
    while (true) {
        ssize_t got = 0;
        if (int error = read_some(fd, buffer, sizeof buffer, got))
            return error;
        if (got == 0)
            return 0;
        window.append(buffer, static_cast<size_t>(got));
        if (window.size() > count) {
            size_t ready = window.size() - static_cast<size_t>(count);
            if (!out.write(std::string_view(window).substr(0, ready)))
                return 0;
            window.erase(0, ready);
        }
    }
}

int head_lines(int fd, uint64_t count, char delimiter, Output& out) {
    if (count == 0)
        return 0;
    LineReader reader(fd, delimiter);
    std::string_view line;
    while (count > 0 && reader.next(line)) {
        if (!out.write(line))
            return 0;
        --count;
    }
    return reader.error();
}

// Everything but the last `count` lines: the last `count` lines wait in a queue.
int head_elide_lines(int fd, uint64_t count, char delimiter, Output& out) {
    LineReader reader(fd, delimiter);
    std::deque<std::string> window;
    std::string_view line;
    while (reader.next(line)) {
        if (count == 0) {
            if (!out.write(line))
                return 0;
            continue;
        }
        window.emplace_back(line);
        if (window.size() > count) {
            if (!out.write(window.front()))
                return 0;
            window.pop_front();
        }
    }
    return reader.error();
}

// Parses a -n/-c value; a leading '-' means "all but".
bool parse_amount(const char* text, bool bytes, Settings& settings) {
    std::string_view value(text);
    settings.bytes = bytes;
    settings.elide = !value.empty() && value[0] == '-';
    if (settings.elide)
        value.remove_prefix(1);
    NumberStatus status = parse_count(value, "bkKmMGTPEZY0", settings.count);
    if (status == NumberStatus::ok)
        return true;
    std::string message = std::string(k_program) + ": invalid number of " + (bytes ? "bytes" : "lines") + ": " +
                          quote(value);
    if (status == NumberStatus::overflow)
        message += ": Value too large for defined data type";
    write_all(2, message + "\n");
    return false;
}

// The obsolete first argument -NUM[bkm][cqvlz]... ; false (after a message) when malformed.
bool parse_obsolete(const char* argument, Settings& settings, bool& quiet, bool& verbose) {
    const char* p = argument + 1;
    std::string digits;
    while (*p >= '0' && *p <= '9')
        digits += *p++;
    uint64_t multiplier = 1;
    bool bytes = false;
    if (*p == 'b' || *p == 'k' || *p == 'm') {
        multiplier = *p == 'b' ? 512 : *p == 'k' ? 1024 : 1024 * 1024;
        bytes = true;
        ++p;
    }
    for (; *p != '\0'; ++p) {
        switch (*p) {
        case 'c': bytes = true; break;
        case 'l': bytes = false; break;
        case 'q': quiet = true; verbose = false; break;
        case 'v': verbose = true; quiet = false; break;
        case 'z': settings.delimiter = '\0'; break;
        default:
            write_all(2, std::string(k_program) + ": invalid trailing option -- " + *p + "\n");
            try_help(k_program);
            return false;
        }
    }
    uint64_t count = 0;
    if (parse_decimal(digits, count) != NumberStatus::ok || (count != 0 && multiplier > UINT64_MAX / count)) {
        write_all(2, std::string(k_program) + ": invalid number of " + (bytes ? "bytes" : "lines") + ": " +
                         quote(digits) + ": Value too large for defined data type\n");
        return false;
    }
    settings.bytes = bytes;
    settings.count = count * multiplier;
    return true;
}

int head_file(int fd, const Settings& settings, Output& out) {
    if (settings.bytes)
        return settings.elide ? head_elide_bytes(fd, settings.count, out) : head_bytes(fd, settings.count, out);
    return settings.elide ? head_elide_lines(fd, settings.count, settings.delimiter, out)
                          : head_lines(fd, settings.count, settings.delimiter, out);
}

}  // namespace

int head_main(int argc, char** argv) {
    Settings settings;
    bool quiet = false;
    bool verbose = false;
    int first = 1;
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        if (!parse_obsolete(argv[1], settings, quiet, verbose))
            return 1;
        first = 2;
    }
    OptionParser parser(k_program, argc - first + 1, argv + first - 1, "c:n:qvz0123456789", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'c':
        case 'n':
            if (!parse_amount(option.argument, option.id == 'c', settings))
                return 1;
            break;
        case 'q': quiet = true; verbose = false; break;
        case 'v': verbose = true; quiet = false; break;
        case 'z': settings.delimiter = '\0'; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                write_all(2, std::string(k_program) + ": invalid trailing option -- " + static_cast<char>(option.id) + "\n");
                return try_help(k_program);
            }
            return 1;
        }
    }
    std::vector<std::string_view> files = parser.operands();
    if (files.empty())
        files.emplace_back("-");
    bool headers = verbose || (!quiet && files.size() > 1);
    Output out;
    int status = 0;
    bool first_file = true;
    for (std::string_view name : files) {
        bool is_stdin = name == "-";
        int fd = open_input(std::string(name));
        if (fd < 0) {
            write_all(2, std::string(k_program) + ": cannot open " + quote_file_always(name) + " for reading: " +
                             strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        if (headers) {
            out.write(first_file ? "==> " : "\n==> ");
            out.write(is_stdin ? "standard input" : name);
            out.write(" <==\n");
        }
        first_file = false;
        int error = head_file(fd, settings, out);
        if (error != 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": error reading " +
                             quote_file_always(is_stdin ? "standard input" : name) + ": " + strerror_gnu(error) + "\n");
            status = 1;
        }
        if (!is_stdin)
            ::close(fd);
        if (out.failed())
            break;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
