// ln, as GNU coreutils 9.1: TARGET LINK_NAME, TARGET (a link in the working directory),
// TARGET... DIRECTORY, -t DIRECTORY; -s, -f, -i, -n, -T, -v, -r (relative symlinks), -L/-P
// (hard links to what a symlink points to, or to the link itself: -P, Linux's default).
// applet: ln ln_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "lib/canonicalize.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: ln [OPTION]... [-T] TARGET LINK_NAME\n"
    "  or:  ln [OPTION]... TARGET\n"
    "  or:  ln [OPTION]... TARGET... DIRECTORY\n"
    "  or:  ln [OPTION]... -t DIRECTORY TARGET...\n"
    "In the 1st form, create a link to TARGET with the name LINK_NAME.\n"
    "In the 2nd form, create a link to TARGET in the current directory.\n"
    "In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.\n"
    "Create hard links by default, symbolic links with --symbolic.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -d, -F, --directory         allow the superuser to attempt to hard link\n"
    "                                directories (note: will probably fail)\n"
    "  -f, --force                 remove existing destination files\n"
    "  -i, --interactive           prompt whether to remove destinations\n"
    "  -L, --logical               dereference TARGETs that are symbolic links\n"
    "  -n, --no-dereference        treat LINK_NAME as a normal file if\n"
    "                                it is a symbolic link to a directory\n"
    "  -P, --physical              make hard links directly to symbolic links\n"
    "  -r, --relative              with -s, create links relative to link location\n"
    "  -s, --symbolic              make symbolic links instead of hard links\n"
    "  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create\n"
    "                                the links\n"
    "  -T, --no-target-directory   treat LINK_NAME as a normal file always\n"
    "  -v, --verbose               print name of each linked file\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"backup", Argument::optional, 'b'},
    {"directory", Argument::none, 'F'},
    {"force", Argument::none, 'f'},
    {"interactive", Argument::none, 'i'},
    {"logical", Argument::none, 'L'},
    {"no-dereference", Argument::none, 'n'},
    {"no-target-directory", Argument::none, 'T'},
    {"physical", Argument::none, 'P'},
    {"relative", Argument::none, 'r'},
    {"suffix", Argument::required, 'S'},
    {"symbolic", Argument::none, 's'},
    {"target-directory", Argument::required, 't'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    bool symbolic{false};
    bool force{false};
    bool interactive{false};
    bool no_dereference{false};
    bool logical{false};
    bool relative{false};
    bool verbose{false};
};

void complain(const std::string& message) { write_all(2, "ln: " + message + "\n"); }

bool yes() {
    std::string line;
    char c = 0;
    while (::read(0, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    return !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

// Mirrors ln.c do_link().
bool make_link(const Settings& settings, const std::string& source, const std::string& destination) {
    struct stat source_status {};
    if (!settings.symbolic) {
        int result = settings.logical ? ::stat(source.c_str(), &source_status) : ::lstat(source.c_str(), &source_status);
        if (result != 0) {
            complain("failed to access " + quote_file_always(source) + ": " + strerror_gnu(errno));
            return false;
        }
        if (S_ISDIR(source_status.st_mode)) {
            complain(quote_file(source) + ": hard link not allowed for directory");
            return false;
        }
    }
    std::string target = source;
    if (settings.relative && settings.symbolic) {
        int error = 0;
        auto absolute_source = canonicalize(source, Canonical::missing, error);
        auto link_directory = canonicalize(dir_name(destination), Canonical::missing, error);
        if (absolute_source && link_directory)
            target = relative_path(*absolute_source, *link_directory);
    }
    struct stat existing {};
    bool exists = ::lstat(destination.c_str(), &existing) == 0;
    if (exists) {
        if (!settings.symbolic && source_status.st_dev == existing.st_dev && source_status.st_ino == existing.st_ino &&
            (settings.force || settings.interactive)) {
            complain(quote_file_always(source) + " and " + quote_file_always(destination) + " are the same file");
            return false;
        }
        if (settings.interactive) {
            write_all(2, "ln: replace " + quote_file_always(destination) + "? ");
            if (!yes())
                return true;
        }
        if ((settings.force || settings.interactive)) {
            if (S_ISDIR(existing.st_mode)) {
                complain(quote_file(destination) + ": cannot overwrite directory");
                return false;
            }
            if (::unlink(destination.c_str()) != 0) {
                complain("cannot remove " + quote_file_always(destination) + ": " + strerror_gnu(errno));
                return false;
            }
        }
    }
    int result = settings.symbolic ? ::symlink(target.c_str(), destination.c_str())
                                   : ::linkat(AT_FDCWD, source.c_str(), AT_FDCWD, destination.c_str(),
                                              settings.logical ? AT_SYMLINK_FOLLOW : 0);
    if (result != 0) {
        int error = errno;
        std::string message;
        if (settings.symbolic)
            message = "failed to create symbolic link " + quote_file_always(destination);
        else if (error == EDQUOT || error == EEXIST || error == ENOSPC || error == EROFS)
            message = "failed to create hard link " + quote_file_always(destination);
        else
            message = "failed to create hard link " + quote_file_always(destination) + " => " + quote_file_always(source);
        complain(message + ": " + strerror_gnu(error));
        return false;
    }
    if (settings.verbose)
        write_all(1, quote_file_always(destination) + (settings.symbolic ? " -> " : " => ") + quote_file_always(target) +
                         "\n");
    return true;
}

// Whether `path` names a directory to put links in: with -n, not through a symlink.
bool is_target_directory(const Settings& settings, const std::string& path) {
    struct stat status {};
    if (settings.no_dereference) {
        if (::lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode))
            return false;
    }
    return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

}  // namespace

int ln_main(int argc, char** argv) {
    Settings settings;
    bool no_target_directory = false;
    const char* target_directory = nullptr;
    OptionParser parser("ln", argc, argv, "bdfFinLPrsS:t:Tv", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("ln");
        case 'f': settings.force = true; settings.interactive = false; break;
        case 'i': settings.interactive = true; settings.force = false; break;
        case 'L': settings.logical = true; break;
        case 'P': settings.logical = false; break;
        case 'n': settings.no_dereference = true; break;
        case 'r': settings.relative = true; break;
        case 's': settings.symbolic = true; break;
        case 't': target_directory = option.argument; break;
        case 'T': no_target_directory = true; break;
        case 'v': settings.verbose = true; break;
        case 'b':
        case 'd':
        case 'F':
        case 'S': break;
        }
    }
    if (settings.relative && !settings.symbolic) {
        complain("cannot do --relative without --symbolic");
        return 1;
    }
    std::vector<std::string> operands(parser.operands().begin(), parser.operands().end());
    if (target_directory && no_target_directory) {
        complain("cannot combine --target-directory and --no-target-directory");
        return 1;
    }
    if (operands.empty()) {
        complain("missing file operand");
        return try_help("ln");
    }
    std::string directory;
    if (target_directory) {
        directory = target_directory;
        struct stat status {};
        if (::stat(directory.c_str(), &status) != 0) {
            complain("failed to access " + quote_file_always(directory) + ": " + strerror_gnu(errno));
            return 1;
        }
        if (!S_ISDIR(status.st_mode)) {
            complain("target " + quote_file_always(directory) + " is not a directory");
            return 1;
        }
    } else if (no_target_directory) {
        if (operands.size() < 2) {
            complain("missing destination file operand after " + quote_file_always(operands[0]));
            return try_help("ln");
        }
        if (operands.size() > 2) {
            complain("extra operand " + quote_file_always(operands[2]));
            return try_help("ln");
        }
        return make_link(settings, operands[0], operands[1]) ? 0 : 1;
    } else if (operands.size() == 1) {
        directory = ".";
    } else {
        std::string last = operands.back();
        bool last_is_directory = is_target_directory(settings, last);
        if (!last_is_directory) {
            if (operands.size() > 2) {
                struct stat status {};
                int error = ::stat(last.c_str(), &status) == 0 ? ENOTDIR : errno;
                complain("target " + quote_file_always(last) + ": " + strerror_gnu(error));
                return 1;
            }
            return make_link(settings, operands[0], last) ? 0 : 1;
        }
        operands.pop_back();
        directory = last;
    }
    bool ok = true;
    for (const auto& source : operands)
        ok = make_link(settings, source, join_path(directory, base_name(source))) && ok;
    return ok ? 0 : 1;
}

}  // namespace toolbox
