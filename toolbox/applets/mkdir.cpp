// mkdir, as GNU coreutils: -p (parents as needed, no error for an existing directory), -m MODE
// (octal or symbolic, relative to a=rwx minus the umask, then applied exactly), -v. Exit status 1 if any operand
// failed.
// applet: mkdir mkdir_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sx/posix.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/mode_change.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: mkdir [OPTION]... DIRECTORY...\n"
    "Create the DIRECTORY(ies), if they do not already exist.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask\n"
    "  -p, --parents     no error if existing, make parent directories as needed,\n"
    "                    with their file modes unaffected by any -m option.\n"
    "  -v, --verbose     print a message for each created directory\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"mode", Argument::required, 'm'},
    {"parents", Argument::none, 'p'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    bool parents{false};
    bool verbose{false};
    mode_t mode{0777};
    bool mode_given{false};
    mode_t umask_value{022};
};

void fail(std::string_view path, int error) {
    write_all(2, "mkdir: cannot create directory " + quote(path) + ": " + strerror_gnu(error) + "\n");
}

void announce(const Settings& settings, std::string_view path) {
    if (settings.verbose)
        write_all(1, "mkdir: created directory " + quote_file_always(path) + "\n");
}

bool is_directory(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// The ancestors of `path` for -p: made with u+wx added to the umask's mode (GNU mkancesdirs).
bool make_ancestors(const Settings& settings, const std::string& path) {
    mode_t ancestor_mode = (0777 & ~settings.umask_value) | S_IWUSR | S_IXUSR;
    for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1)) {
        if (path[slash - 1] == '/')
            continue;
        std::string ancestor = path.substr(0, slash);
        if (ancestor == "." || ancestor.ends_with("/.") || ancestor == ".." || ancestor.ends_with("/.."))
            continue;
        if (::mkdir(ancestor.c_str(), ancestor_mode) == 0) {
            if ((ancestor_mode & ~settings.umask_value) != ancestor_mode)
                ::chmod(ancestor.c_str(), ancestor_mode);
            announce(settings, ancestor);
            continue;
        }
        int error = errno;
        if (is_directory(ancestor))
            continue;
        fail(ancestor, error == EEXIST ? ENOTDIR : error);
        return false;
    }
    return true;
}

bool make_directory(const Settings& settings, std::string_view operand) {
    std::string path(operand);
    if (settings.parents && !make_ancestors(settings, path))
        return false;
    if (::mkdir(path.c_str(), settings.mode) != 0) {
        int error = errno;
        if (settings.parents && is_directory(path))
            return true;
        fail(path, error);
        return false;
    }
    announce(settings, path);
    // With -m the directory gets exactly the mode asked for, whatever the umask (as GNU, which
    // creates it under umask 0).
    if (settings.mode_given) {
        struct stat status {};
        if (::stat(path.c_str(), &status) == 0 && (status.st_mode & 07777) != settings.mode &&
            ::chmod(path.c_str(), settings.mode) != 0) {
            write_all(2, "mkdir: cannot set permissions of " + quote_file_always(path) + ": " +
                             strerror_gnu(errno) + "\n");
            return false;
        }
    }
    return true;
}

}  // namespace

int mkdir_main(int argc, char** argv) {
    Settings settings;
    const char* mode_text = nullptr;
    OptionParser parser("mkdir", argc, argv, "m:pvZ", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("mkdir");
        case 'm': mode_text = option.argument; break;
        case 'p': settings.parents = true; break;
        case 'v': settings.verbose = true; break;
        case 'Z': break;  // SELinux context: there is none to set
        }
    }
    if (parser.operands().empty())
        return missing_operand("mkdir");
    settings.umask_value = ::umask(0);
    ::umask(settings.umask_value);
    if (mode_text) {
        auto changes = compile_mode(mode_text);
        if (!changes) {
            write_all(2, "mkdir: invalid mode " + quote(mode_text) + "\n");
            return 1;
        }
        settings.mode = adjust_mode(0777, true, settings.umask_value, *changes, nullptr);
        settings.mode_given = true;
    }
    int status = 0;
    for (std::string_view operand : parser.operands())
        if (!make_directory(settings, operand))
            status = 1;
    return status;
}

}  // namespace toolbox
