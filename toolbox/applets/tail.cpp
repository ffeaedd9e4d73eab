// tail, as GNU coreutils: the last 10 lines (-n N) or N bytes (-c N) of each file, or everything
// from line/byte N on (-n +N, -c +N); -q/-v headers, -z, the obsolete `tail -5`, `tail +5`,
// `tail -5f` forms. A regular file is read backwards from its end; a pipe is streamed, keeping
// only the last N lines or bytes. -f follows files as they grow by polling (sleeping -s seconds,
// default 1, between looks, as GNU does without inotify): appended data is printed, a file that
// shrank is reported as truncated and read again from its start, and --pid=PID ends the loop
// when that process is gone. -F (--follow=name --retry) also reopens a name that was replaced or
// that appears later.
// applet: tail tail_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <sx/posix.h>

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

constexpr char k_program[] = "tail";

constexpr std::string_view k_usage =
    "Usage: tail [OPTION]... [FILE]...\n"
    "Print the last 10 lines of each FILE to standard output.\n"
    "With more than one FILE, precede each with a header giving the file name.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to\n"
    "                             output starting with byte NUM of each file\n"
    "  -f, --follow[={name|descriptor}]\n"
    "                           output appended data as the file grows\n"
    "  -F                       same as --follow=name --retry\n"
    "  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;\n"
    "                             or use -n +NUM to output starting with line NUM\n"
    "      --max-unchanged-stats=N  accepted; tail polls every interval\n"
    "      --pid=PID            with -f, terminate after process ID, PID dies\n"
    "  -q, --quiet, --silent    never output headers giving file names\n"
    "      --retry              keep trying to open a file if it is inaccessible\n"
    "  -s, --sleep-interval=N   with -f, sleep for approximately N seconds\n"
    "                             (default 1.0) between iterations\n"
    "  -v, --verbose            always output headers giving file names\n"
    "  -z, --zero-terminated    line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_retry = k_long_only;
constexpr int k_pid = k_long_only + 1;
constexpr int k_max_unchanged = k_long_only + 2;
constexpr int k_follow_name_retry = 'F';

constexpr LongOption k_long_options[] = {
    {"bytes", Argument::required, 'c'},
    {"follow", Argument::optional, 'f'},
    {"lines", Argument::required, 'n'},
    {"max-unchanged-stats", Argument::required, k_max_unchanged},
    {"pid", Argument::required, k_pid},
    {"quiet", Argument::none, 'q'},
    {"silent", Argument::none, 'q'},
    {"retry", Argument::none, k_retry},
    {"sleep-interval", Argument::required, 's'},
    {"verbose", Argument::none, 'v'},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Follow { none, descriptor, name };

struct Settings {
    bool bytes{false};
    bool from_start{false};  // +N: from line/byte N on
    uint64_t count{10};
    char delimiter{'\n'};
    Follow follow{Follow::none};
    bool retry{false};
    double interval_seconds{1.0};
    int pid{0};
};

// A file being followed after its first output.
struct Followed {
    std::string name;  // as given ("-" for stdin)
    int fd{-1};
    off_t position{0};
    dev_t device{0};
    ino_t inode{0};
    bool ignore{false};  // a pipe, or gone for good
};

void complain(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
}

std::string display_name(std::string_view name) {
    return name == "-" ? "standard input" : std::string(name);
}

int read_some(int fd, char* buffer, size_t size, ssize_t& count) {
    while (true) {
        count = ::read(fd, buffer, size);
        if (count >= 0)
            return 0;
        if (errno != EINTR)
            return errno;
    }
}

// Copies the rest of `fd` to `out`; 0 or a read errno. `copied` counts bytes.
int copy_rest(int fd, Output& out, off_t* copied = nullptr) {
    static char buffer[65536];
    while (true) {
        ssize_t got = 0;
        if (int error = read_some(fd, buffer, sizeof buffer, got))
            return error;
        if (got == 0)
            return 0;
        if (copied != nullptr)
            *copied += got;
        if (!out.write(std::string_view(buffer, static_cast<size_t>(got))))
            return 0;
    }
}

// Everything from line/byte `count` on (count 0 counts as 1), streamed.
int tail_from_start(int fd, const Settings& settings, Output& out) {
    uint64_t skip = settings.count > 0 ? settings.count - 1 : 0;
    if (settings.bytes) {
        struct stat info {};
        if (skip > 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
            ::lseek(fd, static_cast<off_t>(skip), SEEK_CUR) >= 0)
            return copy_rest(fd, out);
        static char buffer[65536];
        while (skip > 0) {
            ssize_t got = 0;
            if (int error = read_some(fd, buffer, skip < sizeof buffer ? skip : sizeof buffer, got))
                return error;
            if (got == 0)
                return 0;
            skip -= static_cast<uint64_t>(got);
        }
        return copy_rest(fd, out);
    }
    LineReader reader(fd, settings.delimiter);
    std::string_view line;
    while (skip > 0 && reader.next(line))
        --skip;
    if (reader.error() != 0)
        return reader.error();
    static char buffer[65536];
    while (true) {
        long got = reader.read_raw(buffer, sizeof buffer);
        if (got < 0)
            return reader.error();
        if (got == 0)
            return 0;
        if (!out.write(std::string_view(buffer, static_cast<size_t>(got))))
            return 0;
    }
}

// The last `count` lines of a stream, keeping only those in memory.
int tail_lines_streamed(int fd, const Settings& settings, Output& out) {
    LineReader reader(fd, settings.delimiter);
    std::deque<std::string> window;
    std::string_view line;
    while (reader.next(line)) {
        if (settings.count == 0)
            continue;
        if (window.size() == settings.count)
            window.pop_front();
        window.emplace_back(line);
    }
    for (const auto& kept : window)
        out.write(kept);
    return reader.error();
}

int tail_bytes_streamed(int fd, const Settings& settings, Output& out) {
    std::string window;
    static char buffer[65536];
    while (true) {
        ssize_t got = 0;
        if (int error = read_some(fd, buffer, sizeof buffer, got))
            return error;
        if (got == 0)
            break;
        window.append(buffer, static_cast<size_t>(got));
        if (window.size() > settings.count + sizeof buffer)
            window.erase(0, window.size() - static_cast<size_t>(settings.count));
    }
    if (window.size() > settings.count)
        window.erase(0, window.size() - static_cast<size_t>(settings.count));
    out.write(window);
    return 0;
}

// Where the last `count` lines of a regular file of `size` bytes begin (not before `start`),
// found by reading blocks backwards from the end; 0 or a read errno.
int find_last_lines(int fd, off_t start, off_t size, const Settings& settings, off_t& position) {
    static char buffer[65536];
    position = size;
    uint64_t wanted = settings.count;
    if (wanted == 0)
        return 0;
    bool at_end = true;
    while (position > start) {
        off_t block = std::min<off_t>(position - start, static_cast<off_t>(sizeof buffer));
        position -= block;
        if (::lseek(fd, position, SEEK_SET) < 0)
            return errno;
        size_t have = 0;
        while (have < static_cast<size_t>(block)) {
            ssize_t got = 0;
            if (int error = read_some(fd, buffer + have, static_cast<size_t>(block) - have, got))
                return error;
            if (got == 0)
                break;
            have += static_cast<size_t>(got);
        }
        size_t index = have;
        // A delimiter at the very end of the file ends the last line rather than starting another
        // (and a last line without one still counts).
        if (at_end && have > 0 && buffer[have - 1] == settings.delimiter)
            --index;
        at_end = false;
        while (index > 0) {
            if (buffer[--index] == settings.delimiter && --wanted == 0) {
                position += static_cast<off_t>(index) + 1;
                return 0;
            }
        }
    }
    position = start;
    return 0;
}

int tail_lines_seekable(int fd, off_t start, off_t size, const Settings& settings, Output& out) {
    off_t position = 0;
    if (int error = find_last_lines(fd, start, size, settings, position))
        return error;
    if (::lseek(fd, position, SEEK_SET) < 0)
        return errno;
    return copy_rest(fd, out);
}

// Prints the requested part of one open file; `regular` files are handled by seeking.
int tail_file(int fd, const Settings& settings, Output& out) {
    if (settings.from_start)
        return tail_from_start(fd, settings, out);
    // Nothing to print: GNU does not read at all (so `yes | tail -n 0` ends), unless following.
    if (settings.count == 0 && settings.follow == Follow::none)
        return 0;
    struct stat info {};
    off_t start = -1;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode))
        start = ::lseek(fd, 0, SEEK_CUR);
    if (start >= 0 && info.st_size >= start) {
        off_t size = info.st_size;
        if (settings.bytes) {
            off_t from = size - start > static_cast<off_t>(settings.count) ? size - static_cast<off_t>(settings.count)
                                                                          : start;
            if (::lseek(fd, from, SEEK_SET) < 0)
                return errno;
            return copy_rest(fd, out);
        }
        return tail_lines_seekable(fd, start, size, settings, out);
    }
    return settings.bytes ? tail_bytes_streamed(fd, settings, out) : tail_lines_streamed(fd, settings, out);
}

bool parse_amount(const char* text, bool bytes, Settings& settings) {
    std::string_view value(text);
    settings.bytes = bytes;
    settings.from_start = !value.empty() && value[0] == '+';
    if (!value.empty() && (value[0] == '+' || value[0] == '-'))
        value.remove_prefix(1);
    NumberStatus status = parse_count(value, "bkKmMGTPEZY0", settings.count);
    if (status == NumberStatus::ok)
        return true;
    std::string message = std::string("invalid number of ") + (bytes ? "bytes" : "lines") + ": " + quote(text);
    if (status == NumberStatus::overflow)
        message += ": Value too large for defined data type";
    complain(message);
    return false;
}

// GNU's obsolete forms: one argument [+-]NUM[bcl][f] and at most one file after it.
bool parse_obsolete(int argc, char** argv, Settings& settings, bool& malformed) {
    malformed = false;
    if (!(argc == 2 || (argc == 3 && !(argv[2][0] == '-' && argv[2][1] != '\0'))))
        return false;
    const char* p = argv[1];
    bool from_start = false;
    if (*p == '+')
        from_start = true;
    else if (*p != '-' || p[1] == '\0' || (p[1] == 'c' && p[2] == '\0'))
        return false;
    ++p;
    const char* digits = p;
    while (*p >= '0' && *p <= '9')
        ++p;
    std::string_view number(digits, static_cast<size_t>(p - digits));
    bool bytes = false;
    uint64_t multiplier = 1;  // 'b': 512-byte blocks
    if (*p == 'b' || *p == 'c') {
        multiplier = *p == 'b' ? 512 : 1;
        bytes = true;
        ++p;
    } else if (*p == 'l') {
        ++p;
    }
    bool forever = false;
    if (*p == 'f') {
        forever = true;
        ++p;
    }
    if (*p != '\0')
        return false;
    uint64_t count = 10;
    if (!number.empty() && parse_decimal(number, count) != NumberStatus::ok) {
        complain("invalid number: " + quote(argv[1]));
        malformed = true;
        return false;
    }
    count = count > UINT64_MAX / multiplier ? UINT64_MAX : count * multiplier;
    settings.count = count;
    settings.bytes = bytes;
    settings.from_start = from_start;
    if (forever)
        settings.follow = Follow::descriptor;
    return true;
}

bool parse_seconds(const char* text, double& seconds) {
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || errno != 0 || !(value >= 0) || std::isinf(value)) {
        complain("invalid number of seconds: " + quote(text));
        return false;
    }
    seconds = value;
    return true;
}

void sleep_seconds(double seconds) {
    struct timespec pause {};
    pause.tv_sec = static_cast<time_t>(seconds);
    pause.tv_nsec = static_cast<long>((seconds - static_cast<double>(pause.tv_sec)) * 1e9);
    while (::nanosleep(&pause, &pause) != 0 && errno == EINTR) {
    }
}

bool process_alive(int pid) {
    return kill(pid, 0) == 0 || errno != ESRCH;
}

// Prints the header for `name` when output switches to it during -f.
void switch_to(const std::string& name, std::string& last_printed, bool headers, Output& out) {
    if (!headers || last_printed == name)
        return;
    out.write("\n==> ");
    out.write(display_name(name));
    out.write(" <==\n");
    last_printed = name;
}

// Reopens a --follow=name file whose name now points elsewhere (or exists again).
void check_name(Followed& file, const Settings& settings, std::string& last_printed, bool headers, Output& out) {
    struct stat info {};
    if (::stat(file.name.c_str(), &info) != 0) {
        if (file.fd >= 0) {
            complain(quote_file_always(file.name) + " has become inaccessible: " + strerror_gnu(errno));
            ::close(file.fd);
            file.fd = -1;
        }
        return;
    }
    if (file.fd >= 0 && info.st_ino == file.inode && info.st_dev == file.device)
        return;
    int fd = ::open(file.name.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    complain(quote_file_always(file.name) + (file.fd >= 0 ? " has been replaced;  following new file"
                                                         : " has appeared;  following new file"));
    if (file.fd >= 0)
        ::close(file.fd);
    file.fd = fd;
    file.device = info.st_dev;
    file.inode = info.st_ino;
    file.position = 0;
    (void)settings;
    switch_to(file.name, last_printed, headers, out);
}

// The -f loop: every interval, print what was appended to each file.
int follow(std::vector<Followed>& files, const Settings& settings, std::string last_printed, bool headers,
           Output& out) {
    int status = 0;
    while (true) {
        bool any = false;
        for (auto& file : files) {
            if (file.ignore)
                continue;
            if (settings.follow == Follow::name && file.name != "-")
                check_name(file, settings, last_printed, headers, out);
            if (file.fd < 0) {
                any = any || settings.retry;
                continue;
            }
            any = true;
            struct stat info {};
            if (::fstat(file.fd, &info) != 0)
                continue;
            if (S_ISREG(info.st_mode) && info.st_size < file.position) {
                complain(quote_file(display_name(file.name)) + ": file truncated");
                file.position = ::lseek(file.fd, 0, SEEK_SET);
            }
            if (S_ISREG(info.st_mode) && info.st_size == file.position)
                continue;
            std::string header_name = file.name;
            off_t before = file.position;
            // Print the header only if there is something to print.
            static char buffer[65536];
            while (true) {
                ssize_t got = 0;
                if (read_some(file.fd, buffer, sizeof buffer, got) != 0 || got <= 0)
                    break;
                if (file.position == before)
                    switch_to(header_name, last_printed, headers, out);
                file.position += got;
                out.write(std::string_view(buffer, static_cast<size_t>(got)));
            }
        }
        if (!out.flush())
            return write_error(k_program, out.error());
        if (!any) {
            complain("no files remaining");
            return 1;
        }
        if (settings.pid != 0 && !process_alive(settings.pid))
            return status;
        sleep_seconds(settings.interval_seconds);
    }
}

}  // namespace

int tail_main(int argc, char** argv) {
    Settings settings;
    bool quiet = false;
    bool verbose = false;
    bool malformed = false;
    int first = 1;
    if (argc > 1 && parse_obsolete(argc, argv, settings, malformed))
        first = 2;
    else if (malformed)
        return 1;
    OptionParser parser(k_program, argc - first + 1, argv + first - 1, "c:n:fFqs:vz0123456789", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'c':
        case 'n':
            if (!parse_amount(option.argument, option.id == 'c', settings))
                return 1;
            break;
        case 'f':
            if (option.argument == nullptr) {
                settings.follow = Follow::descriptor;
            } else {
                std::string_view value(option.argument);
                if (!value.empty() && std::string_view("descriptor").substr(0, value.size()) == value) {
                    settings.follow = Follow::descriptor;
                } else if (!value.empty() && std::string_view("name").substr(0, value.size()) == value) {
                    settings.follow = Follow::name;
                } else {
                    complain("invalid argument " + quote(value) + " for '--follow'");
                    write_all(2, "Valid arguments are:\n  - 'descriptor'\n  - 'name'\n");
                    return try_help(k_program);
                }
            }
            break;
        case k_follow_name_retry:
            settings.follow = Follow::name;
            settings.retry = true;
            break;
        case k_retry: settings.retry = true; break;
        case k_max_unchanged: {
            uint64_t ignored = 0;
            if (parse_decimal(option.argument, ignored) != NumberStatus::ok) {
                complain("invalid maximum number of unchanged stats between opens: " + quote(option.argument));
                return 1;
            }
            break;
        }
        case k_pid: {
            uint64_t pid = 0;
            if (parse_decimal(option.argument, pid) != NumberStatus::ok || pid > INT32_MAX) {
                complain("invalid PID: " + quote(option.argument));
                return 1;
            }
            settings.pid = static_cast<int>(pid);
            break;
        }
        case 'q': quiet = true; verbose = false; break;
        case 'v': verbose = true; quiet = false; break;
        case 's':
            if (!parse_seconds(option.argument, settings.interval_seconds))
                return 1;
            break;
        case 'z': settings.delimiter = '\0'; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                complain(std::string("option used in invalid context -- ") + static_cast<char>(option.id));
                return 1;
            }
            return 1;
        }
    }
    if (settings.retry && settings.follow == Follow::none)
        complain("warning: --retry ignored; --retry is useful only when following");
    std::vector<std::string_view> names = parser.operands();
    if (names.empty())
        names.emplace_back("-");
    bool headers = verbose || (!quiet && names.size() > 1);
    Output out;
    int status = 0;
    bool first_file = true;
    std::string last_printed;
    std::vector<Followed> followed;
    for (std::string_view name : names) {
        bool is_stdin = name == "-";
        Followed entry;
        entry.name = std::string(name);
        int fd = open_input(entry.name);
        if (fd < 0) {
            complain("cannot open " + quote_file_always(name) + " for reading: " + strerror_gnu(errno));
            status = 1;
            if (settings.follow == Follow::name && settings.retry && !is_stdin)
                followed.push_back(entry);
            continue;
        }
        if (headers) {
            out.write(first_file ? "==> " : "\n==> ");
            out.write(display_name(name));
            out.write(" <==\n");
        }
        first_file = false;
        last_printed = entry.name;
        int error = tail_file(fd, settings, out);
        if (error != 0) {
            out.flush();
            complain("error reading " + quote_file_always(display_name(name)) + ": " + strerror_gnu(error));
            status = 1;
        }
        if (out.failed())
            break;
        struct stat info {};
        bool followable = error == 0 && ::fstat(fd, &info) == 0 && !S_ISFIFO(info.st_mode) &&
                          !(is_stdin && !S_ISREG(info.st_mode));
        if (settings.follow != Follow::none && followable) {
            entry.fd = fd;
            entry.position = ::lseek(fd, 0, SEEK_CUR);
            entry.device = info.st_dev;
            entry.inode = info.st_ino;
            followed.push_back(entry);
        } else if (!is_stdin) {
            ::close(fd);
        }
    }
    if (settings.follow == Follow::none || out.failed())
        return finish(out, k_program, status);
    if (!out.flush())
        return write_error(k_program, out.error());
    if (followed.empty()) {
        if (status != 0)
            complain("no files remaining");
        return status;
    }
    return follow(followed, settings, last_printed, headers, out) | status;
}

}  // namespace toolbox
