// touch, as GNU coreutils: creates missing files (not with -c or -h), sets access and/or
// modification times (-a, -m, --time) to now, to a date (-d, see lib/date_parse.h), to a stamp
// (-t [[CC]YY]MMDDhhmm[.ss]) or to another file's (-r; with -d, relative to that file's times).
// -h changes a symlink itself. Mirrors coreutils touch.c touch().
// applet: touch touch_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/argmatch.h"
#include "lib/date_parse.h"
#include "lib/file_info.h"
#include "lib/file_times.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: touch [OPTION]... FILE...\n"
    "Update the access and modification times of each FILE to the current time.\n"
    "\n"
    "A FILE argument that does not exist is created empty, unless -c or -h\n"
    "is supplied.\n"
    "\n"
    "A FILE argument string of - is handled specially and causes touch to\n"
    "change the times of the file associated with standard output.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a                     change only the access time\n"
    "  -c, --no-create        do not create any files\n"
    "  -d, --date=STRING      parse STRING and use it instead of current time\n"
    "  -f                     (ignored)\n"
    "  -h, --no-dereference   affect each symbolic link instead of any referenced\n"
    "                         file (useful only on systems that can change the\n"
    "                         timestamps of a symlink)\n"
    "  -m                     change only the modification time\n"
    "  -r, --reference=FILE   use this file's times instead of current time\n"
    "  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time\n"
    "      --time=WORD        change the specified time:\n"
    "                           WORD is access, atime, or use: equivalent to -a\n"
    "                           WORD is modify or mtime: equivalent to -m\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_time = k_long_only;

constexpr LongOption k_long_options[] = {
    {"time", Argument::required, k_time},
    {"no-create", Argument::none, 'c'},
    {"date", Argument::required, 'd'},
    {"reference", Argument::required, 'r'},
    {"no-dereference", Argument::none, 'h'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr ArgWord k_time_words[] = {{"atime", 0}, {"access", 0}, {"use", 0}, {"mtime", 1}, {"modify", 1}};

struct Settings {
    bool no_create{false};
    bool no_dereference{false};
    bool access{false};
    bool modification{false};
    bool now{true};  // no -d, -t or -r: both times become "now"
    timespec times[2]{};
};

bool touch_file(const Settings& settings, std::string_view operand) {
    std::string path(operand);
    int fd = -1;
    int open_error = 0;
    if (path == "-") {
        fd = 1;
    } else if (!settings.no_create && !settings.no_dereference) {
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0666);
        if (fd < 0)
            open_error = errno;
    }
    timespec times[2] = {settings.times[0], settings.times[1]};
    if (settings.now) {
        times[0].tv_nsec = times[1].tv_nsec = UTIME_NOW;
        times[0].tv_sec = times[1].tv_sec = 0;
    }
    if (settings.access != settings.modification) {
        timespec& untouched = settings.access ? times[1] : times[0];
        untouched.tv_sec = 0;
        untouched.tv_nsec = UTIME_OMIT;
    }
    int result = fd >= 0 ? set_fd_times(fd, times) : set_file_times(path.c_str(), times, !settings.no_dereference);
    int error = errno;
    if (fd > 1)
        ::close(fd);
    if (result == 0)
        return true;
    if (open_error != 0) {
        write_all(2, "touch: cannot touch " + quote_file_always(path) + ": " + strerror_gnu(open_error) + "\n");
        return false;
    }
    if (settings.no_create && error == ENOENT)
        return true;
    write_all(2, "touch: setting times of " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
    return false;
}

}  // namespace

int touch_main(int argc, char** argv) {
    Settings settings;
    const char* date = nullptr;
    const char* stamp = nullptr;
    const char* reference = nullptr;
    OptionParser parser("touch", argc, argv, "acd:fhmr:t:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("touch");
        case 'a': settings.access = true; break;
        case 'm': settings.modification = true; break;
        case 'c': settings.no_create = true; break;
        case 'h': settings.no_dereference = true; break;
        case 'f': break;
        case 'd': date = option.argument; break;
        case 't': stamp = option.argument; break;
        case 'r': reference = option.argument; break;
        case k_time: {
            int word = argmatch("touch", "--time", option.argument, k_time_words);
            if (word < 0)
                return 1;
            (word == 0 ? settings.access : settings.modification) = true;
            break;
        }
        }
    }
    if ((stamp != nullptr) + (date != nullptr || reference != nullptr) > 1) {
        write_all(2, "touch: cannot specify times from more than one source\n");
        return try_help("touch");
    }
    timespec now = now_realtime();
    if (reference) {
        struct stat status {};
        int result = settings.no_dereference ? ::lstat(reference, &status) : ::stat(reference, &status);
        if (result != 0) {
            write_all(2, "touch: failed to get attributes of " + quote_file_always(reference) + ": " +
                             strerror_gnu(errno) + "\n");
            return 1;
        }
        settings.times[0] = status.st_atim;
        settings.times[1] = status.st_mtim;
        settings.now = false;
    }
    if (date) {
        // With -r, a date is read relative to the reference's times (coreutils touch.c).
        for (int i = 0; i < (reference ? 2 : 1); ++i) {
            auto parsed = parse_date(date, reference ? settings.times[i] : now);
            if (!parsed) {
                write_all(2, "touch: invalid date format " + quote(date) + "\n");
                return 1;
            }
            settings.times[i] = *parsed;
            if (!reference)
                settings.times[1] = *parsed;
        }
        settings.now = false;
    }
    if (stamp) {
        auto parsed = parse_touch_stamp(stamp, now);
        if (!parsed) {
            write_all(2, "touch: invalid date format " + quote(stamp) + "\n");
            return 1;
        }
        settings.times[0] = settings.times[1] = *parsed;
        settings.now = false;
    }
    if (parser.operands().empty()) {
        write_all(2, "touch: missing file operand\n");
        return try_help("touch");
    }
    bool ok = true;
    for (std::string_view operand : parser.operands())
        ok = touch_file(settings, operand) && ok;
    return ok ? 0 : 1;
}

}  // namespace toolbox
