// time, as GNU time 1.9 (/usr/bin/time): runs COMMAND, then writes its resource usage to
// stderr (or -o FILE, -a to append) in the default format, -p's POSIX one, -v's long one, or
// -f FORMAT ($TIME when set), preceded by "Command exited with non-zero status N" or
// "Command terminated by signal N" unless -q. Exits with the command's status (128+N after a
// signal, 127/126 when it is not found or cannot run, 125 for time's own errors).
// The sandbox reports no CPU times, memory or I/O counts for a child: those read 0; the
// elapsed time is real.
// applet: time time_main
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sx/posix.h>
#include <sys/wait.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: time [OPTIONS] COMMAND [ARG]...\n"
    "Run COMMAND, then print system resource usage.\n"
    "\n"
    "  -a, --append              with -o FILE, append instead of overwriting\n"
    "  -f, --format=FORMAT       use the specified FORMAT instead of the default\n"
    "  -o, --output=FILE         write to FILE instead of STDERR\n"
    "  -p, --portability         print POSIX standard 1003.2 conformant string:\n"
    "                              real %%e\n"
    "                              user %%U\n"
    "                              sys %%S\n"
    "  -q, --quiet               do not print information about abnormal program\n"
    "                            termination (non-zero exit codes or signals)\n"
    "  -v, --verbose             print all resource usage information instead of\n"
    "                            the default format\n"
    "  -h,  --help               display this help and exit\n"
    "  -V,  --version            output version information and exit\n";

constexpr std::string_view k_default_format =
    "%Uuser %Ssystem %Eelapsed %PCPU (%Xavgtext+%Davgdata %Mmaxresident)k\n"
    "%Iinputs+%Ooutputs (%Fmajor+%Rminor)pagefaults %Wswaps";
constexpr std::string_view k_posix_format = "real %e\nuser %U\nsys %S";
constexpr std::string_view k_verbose_format =
    "\tCommand being timed: \"%C\"\n"
    "\tUser time (seconds): %U\n"
    "\tSystem time (seconds): %S\n"
    "\tPercent of CPU this job got: %P\n"
    "\tElapsed (wall clock) time (h:mm:ss or m:ss): %E\n"
    "\tAverage shared text size (kbytes): %X\n"
    "\tAverage unshared data size (kbytes): %D\n"
    "\tAverage stack size (kbytes): %p\n"
    "\tAverage total size (kbytes): %K\n"
    "\tMaximum resident set size (kbytes): %M\n"
    "\tAverage resident set size (kbytes): %t\n"
    "\tMajor (requiring I/O) page faults: %F\n"
    "\tMinor (reclaiming a frame) page faults: %R\n"
    "\tVoluntary context switches: %w\n"
    "\tInvoluntary context switches: %c\n"
    "\tSwaps: %W\n"
    "\tFile system inputs: %I\n"
    "\tFile system outputs: %O\n"
    "\tSocket messages sent: %s\n"
    "\tSocket messages received: %r\n"
    "\tSignals delivered: %k\n"
    "\tPage size (bytes): %Z\n"
    "\tExit status: %x";

constexpr LongOption k_long_options[] = {
    {"append", Argument::none, 'a'},   {"format", Argument::required, 'f'}, {"output", Argument::required, 'o'},
    {"portability", Argument::none, 'p'}, {"quiet", Argument::none, 'q'},    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, 'h'},     {"version", Argument::none, 'V'},
};

struct Run {
    std::string command_line;
    int64_t elapsed_ms{0};
    int status{0};  // the wait status
};

std::string two_places(int64_t milliseconds) {
    char text[48];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(milliseconds / 1000),
                  static_cast<long long>(milliseconds / 10 % 100));
    return text;
}

std::string wall_clock(int64_t milliseconds) {
    char text[64];
    long long seconds = milliseconds / 1000;
    if (seconds >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld.%02lld", seconds / 60, seconds % 60,
                      static_cast<long long>(milliseconds / 10 % 100));
    return text;
}

// GNU time's summarize(): % conversions and \ escapes; unknown ones come out as "?" and the text.
// The report ends with a newline unless the format ends in a lone '%'.
std::string summarize(std::string_view format, const Run& run) {
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if (c == '\\' && i + 1 < format.size()) {
            char next = format[++i];
            if (next == 't')
                out.push_back('\t');
            else if (next == 'n')
                out.push_back('\n');
            else if (next == '\\')
                out.push_back('\\');
            else
                out += std::string("?\\") + next;
            continue;
        }
        if (c != '%') {
            out.push_back(c);
            continue;
        }
        if (i + 1 >= format.size()) {
            out.push_back('?');  // GNU stops here, before the report's final newline
            return out;
        }
        char conversion = format[++i];
        switch (conversion) {
        case '%': out.push_back('%'); break;
        case 'C': out += run.command_line; break;
        case 'E': out += wall_clock(run.elapsed_ms); break;
        case 'e': out += two_places(run.elapsed_ms); break;
        case 'U': case 'S': out += "0.00"; break;
        case 'P': out += run.elapsed_ms > 0 ? "0%" : "?%"; break;
        case 'x': out += std::to_string(WEXITSTATUS(run.status)); break;
        case 'Z': out += "65536"; break;  // the wasm page
        case 'D': case 'F': case 'I': case 'K': case 'M': case 'O': case 'R': case 'W': case 'X':
        case 'c': case 'k': case 'p': case 'r': case 's': case 't': case 'w':
            out.push_back('0');
            break;
        default: out += std::string("?") + conversion; break;
        }
    }
    return out + "\n";
}

int spawn_and_wait(std::vector<std::string>& words, Run& run) {
    std::vector<char*> arguments;
    for (auto& word : words)
        arguments.push_back(word.data());
    arguments.push_back(nullptr);
    timespec start{}, end{};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    sx_spawn_options options = sx_spawn_defaults();
    pid_t child = sx_spawn(words[0].c_str(), arguments.data(), nullptr, &options);
    if (child < 0) {
        int error = errno;
        write_all(2, "time: cannot run " + words[0] + ": " + strerror_gnu(error) + "\n");
        run.status = (error == ENOENT ? 127 : 126) << 8;
    } else {
        // time ignores the terminal's interrupt and quit while it waits, as GNU time does.
        int old_int = sx_signal(2, SECURE_EXEC_SIG_IGNORE);
        int old_quit = sx_signal(3, SECURE_EXEC_SIG_IGNORE);
        while (::waitpid(child, &run.status, 0) < 0)
            if (errno != EINTR)
                return 125;
        sx_signal(2, old_int);
        sx_signal(3, old_quit);
    }
    ::clock_gettime(CLOCK_MONOTONIC, &end);
    run.elapsed_ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
    return 0;
}

struct Settings {
    std::string format{k_default_format};
    const char* output{nullptr};
    bool append{false};
    bool quiet{false};
};

}  // namespace

int time_main(int argc, char** argv) {
    Settings settings;
    if (const char* from_env = std::getenv("TIME"))
        settings.format = from_env;
    OptionParser parser("time", argc, argv, "+af:o:pqvhV", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 125;
        case 'h': return print_usage(k_usage);
        case 'V': return print_version("time");
        case 'a': settings.append = true; break;
        case 'f': settings.format = option.argument; break;
        case 'o': settings.output = option.argument; break;
        case 'p': settings.format = k_posix_format; break;
        case 'q': settings.quiet = true; break;
        case 'v': settings.format = k_verbose_format; break;
        }
    }
    if (parser.operands().empty()) {
        write_all(2, "time: missing program to run\n");
        return try_help("time", 125);
    }
    int fd = 2;
    if (settings.output) {
        fd = ::open(settings.output, O_WRONLY | O_CREAT | (settings.append ? O_APPEND : O_TRUNC), 0666);
        if (fd < 0) {
            write_all(2, "time: couldn't open: " + std::string(settings.output) + ": " + strerror_gnu(errno) + "\n");
            return 125;
        }
    }
    std::vector<std::string> words(parser.operands().begin(), parser.operands().end());
    Run run;
    for (const auto& word : words)
        run.command_line += (run.command_line.empty() ? "" : " ") + word;
    if (int status = spawn_and_wait(words, run); status != 0)
        return status;
    std::string report;
    if (!settings.quiet && WIFSIGNALED(run.status))
        report += "Command terminated by signal " + std::to_string(WTERMSIG(run.status)) + "\n";
    else if (!settings.quiet && WEXITSTATUS(run.status) != 0)
        report += "Command exited with non-zero status " + std::to_string(WEXITSTATUS(run.status)) + "\n";
    report += summarize(settings.format, run);
    write_all(fd, report);
    if (fd != 2)
        ::close(fd);
    return WIFSIGNALED(run.status) ? 128 + WTERMSIG(run.status) : WEXITSTATUS(run.status);
}

}  // namespace toolbox
