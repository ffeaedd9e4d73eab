// install, as GNU coreutils: copies SOURCE to DEST (or SOURCEs into a DIRECTORY, -t, -T) and
// sets the mode (-m, default rwxr-xr-x), owner (-o) and group (-g); -d makes directories (all
// components), -D the leading ones of DEST; -p keeps times, -C skips an identical destination,
// -b/--backup/-S keep the old file as a simple backup, -v reports each step as GNU words it.
// The copying is lib/copy's. -s is refused: there is no strip program in the sandbox.
// applet: install install_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sx/posix.h>

#include "applet.h"
#include "lib/copy.h"
#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/mode_change.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "install";

constexpr std::string_view k_usage =
    "Usage: install [OPTION]... [-T] SOURCE DEST\n"
    "  or:  install [OPTION]... SOURCE... DIRECTORY\n"
    "  or:  install [OPTION]... -t DIRECTORY SOURCE...\n"
    "  or:  install [OPTION]... -d DIRECTORY...\n"
    "\n"
    "This install program copies files (often just compiled) into destination\n"
    "locations you choose.  If you want to download and install a ready-to-use\n"
    "package on a GNU/Linux system, you should instead be using a package manager\n"
    "like yum(1) or apt-get(1).\n"
    "\n"
    "In the first three forms, copy SOURCE to DEST or multiple SOURCE(s) to\n"
    "the existing DIRECTORY, while setting permission modes and owner/group.\n"
    "In the 4th form, create all components of the given DIRECTORY(ies).\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "      --backup[=CONTROL]  make a backup of each existing destination file\n"
    "  -b                  like --backup but does not accept an argument\n"
    "  -c                  (ignored)\n"
    "  -C, --compare       compare content of source and destination files, and\n"
    "                        if no change to content, ownership, and permissions,\n"
    "                        do not modify the destination at all\n"
    "  -d, --directory     treat all arguments as directory names; create all\n"
    "                        components of the specified directories\n"
    "  -D                  create all leading components of DEST except the last,\n"
    "                        or all components of --target-directory,\n"
    "                        then copy SOURCE to DEST\n"
    "  -g, --group=GROUP   set group ownership, instead of process' current group\n"
    "  -m, --mode=MODE     set permission mode (as in chmod), instead of rwxr-xr-x\n"
    "  -o, --owner=OWNER   set ownership (super-user only)\n"
    "  -p, --preserve-timestamps   apply access/modification times of SOURCE files\n"
    "                        to corresponding destination files\n"
    "  -s, --strip         strip symbol tables\n"
    "      --strip-program=PROGRAM  program used to strip binaries\n"
    "  -S, --suffix=SUFFIX  override the usual backup suffix\n"
    "  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY\n"
    "  -T, --no-target-directory  treat DEST as a normal file\n"
    "  -v, --verbose       print the name of each directory as it is created\n"
    "      --preserve-context  preserve SELinux security context\n"
    "  -Z                      set SELinux security context of destination\n"
    "                            file and each created directory to default type\n"
    "      --context[=CTX]     like -Z, or if CTX is specified then set the\n"
    "                            SELinux or SMACK security context to CTX\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.\n"
    "The version control method may be selected via the --backup option or through\n"
    "the VERSION_CONTROL environment variable.  Here are the values:\n"
    "\n"
    "  none, off       never make backups (even if --backup is given)\n"
    "  numbered, t     make numbered backups\n"
    "  existing, nil   numbered if numbered backups exist, simple otherwise\n"
    "  simple, never   always make simple backups\n";

constexpr int k_backup = k_long_only;
constexpr int k_strip_program = k_long_only + 1;
constexpr int k_preserve_context = k_long_only + 2;
constexpr int k_context = k_long_only + 3;

constexpr LongOption k_long_options[] = {
    {"backup", Argument::optional, k_backup},
    {"compare", Argument::none, 'C'},
    {"directory", Argument::none, 'd'},
    {"group", Argument::required, 'g'},
    {"mode", Argument::required, 'm'},
    {"owner", Argument::required, 'o'},
    {"preserve-timestamps", Argument::none, 'p'},
    {"strip", Argument::none, 's'},
    {"strip-program", Argument::required, k_strip_program},
    {"suffix", Argument::required, 'S'},
    {"target-directory", Argument::required, 't'},
    {"no-target-directory", Argument::none, 'T'},
    {"verbose", Argument::none, 'v'},
    {"preserve-context", Argument::none, k_preserve_context},
    {"context", Argument::optional, k_context},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    bool directories{false};
    bool make_leading{false};
    bool compare{false};
    bool preserve_times{false};
    bool verbose{false};
    bool backup{false};
    std::string suffix{"~"};
    std::string target;
    bool target_given{false};
    bool no_target{false};
    std::vector<ModeChange> mode_changes;
    bool mode_given{false};
    std::optional<uid_t> owner;
    std::optional<gid_t> group;
};

void complain(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
}

void complain(const std::string& message, int error) {
    complain(message + ": " + strerror_gnu(error));
}

mode_t final_mode(const Settings& settings, bool directory) {
    if (!settings.mode_given)
        return 0755;
    return adjust_mode(0, directory, 0, settings.mode_changes, nullptr) & 07777;
}

// chmod/chown as -m -o -g ask; false after a diagnostic.
bool set_attributes(const std::string& path, const Settings& settings, bool directory) {
    if ((settings.owner || settings.group) &&
        ::chown(path.c_str(), settings.owner ? *settings.owner : static_cast<uid_t>(-1),
                settings.group ? *settings.group : static_cast<gid_t>(-1)) != 0) {
        complain("cannot change ownership of " + quote_file_always(path), errno);
        return false;
    }
    if (::chmod(path.c_str(), final_mode(settings, directory)) != 0) {
        complain("cannot change permissions of " + quote_file_always(path), errno);
        return false;
    }
    return true;
}

// mkdir -p, saying "creating directory" for each new one with -v; false after a diagnostic.
bool make_directories(const std::string& path, const Settings& settings) {
    std::string prefix;
    size_t position = 0;
    while (position < path.size()) {
        size_t slash = path.find('/', position);
        size_t end = slash == std::string::npos ? path.size() : slash;
        prefix = path.substr(0, end);
        position = end + 1;
        if (prefix.empty() || prefix == "." || prefix == ".." || prefix.back() == '/')
            continue;
        struct stat status {};
        if (::stat(prefix.c_str(), &status) == 0) {
            if (!S_ISDIR(status.st_mode)) {
                complain("cannot create directory " + quote_file_always(prefix), position >= path.size() ? EEXIST : ENOTDIR);
                return false;
            }
            continue;
        }
        if (::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
            complain("cannot create directory " + quote_file_always(prefix), errno);
            return false;
        }
        if (settings.verbose)
            write_all(1, std::string(k_program) + ": creating directory " + quote_file_always(prefix) + "\n");
    }
    return true;
}

// Whether `destination` already has `source`'s content and the attributes install would set.
bool same_as_destination(const std::string& source, const std::string& destination, const Settings& settings) {
    struct stat from {};
    struct stat to {};
    if (::stat(source.c_str(), &from) != 0 || ::lstat(destination.c_str(), &to) != 0)
        return false;
    if (!S_ISREG(from.st_mode) || !S_ISREG(to.st_mode) || from.st_size != to.st_size)
        return false;
    if ((to.st_mode & 07777) != final_mode(settings, false))
        return false;
    if ((settings.owner && to.st_uid != *settings.owner) || (settings.group && to.st_gid != *settings.group))
        return false;
    if (!settings.owner && to.st_uid != static_cast<uid_t>(::geteuid()))
        return false;
    int error = 0;
    int a = ::open(source.c_str(), O_RDONLY);
    int b = ::open(destination.c_str(), O_RDONLY);
    bool same = false;
    if (a >= 0 && b >= 0)
        same = read_all(a, error) == read_all(b, error) && error == 0;
    if (a >= 0)
        ::close(a);
    if (b >= 0)
        ::close(b);
    return same;
}

// Installs one file as `destination`; false after a diagnostic.
bool install_file(const std::string& source, const std::string& destination, const Settings& settings) {
    struct stat status {};
    if (::stat(source.c_str(), &status) != 0) {
        complain("cannot stat " + quote_file_always(source), errno);
        return false;
    }
    if (S_ISDIR(status.st_mode)) {
        complain("omitting directory " + quote_file_always(source));
        return false;
    }
    struct stat existing {};
    bool exists = ::lstat(destination.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode)) {
        complain("cannot overwrite directory " + quote_file_always(destination) + " with non-directory");
        return false;
    }
    if (exists && existing.st_dev == status.st_dev && existing.st_ino == status.st_ino) {
        complain(quote_file_always(source) + " and " + quote_file_always(destination) + " are the same file");
        return false;
    }
    if (settings.compare && exists && same_as_destination(source, destination, settings))
        return true;
    std::string note;
    if (exists && settings.backup) {
        std::string backup = destination + settings.suffix;
        if (::rename(destination.c_str(), backup.c_str()) != 0) {
            complain("cannot backup " + quote_file_always(destination), errno);
            return false;
        }
        note = " (backup: " + quote_file_always(backup) + ")";
    } else if (exists) {
        if (::unlink(destination.c_str()) != 0) {
            complain("cannot remove " + quote_file_always(destination), errno);
            return false;
        }
        if (settings.verbose)
            write_all(1, "removed " + quote_file_always(destination) + "\n");
    }
    CopyOptions options;
    options.preserve_timestamps = settings.preserve_times;
    Copier copier(k_program, options);
    if (!copier.copy(source, destination, true))
        return false;
    if (settings.verbose)
        write_all(1, quote_file_always(source) + " -> " + quote_file_always(destination) + note + "\n");
    return set_attributes(destination, settings, false);
}

// 0 when `path` is a directory, else why not (ENOTDIR for another kind of file).
int directory_error(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return errno;
    return S_ISDIR(status.st_mode) ? 0 : ENOTDIR;
}

bool is_directory(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// Parses the options; -1 to go on, else the exit status.
int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string>& operands) {
    OptionParser parser(k_program, argc, argv, "bcCdDg:m:o:psS:t:TvZ", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b': settings.backup = true; break;
        case k_backup: {
            std::string_view control = option.argument ? option.argument : "";
            settings.backup = control != "none" && control != "off";
            break;
        }
        case 'c': break;
        case 'C': settings.compare = true; break;
        case 'd': settings.directories = true; break;
        case 'D': settings.make_leading = true; break;
        case 'g':
            settings.group = find_group(option.argument);
            if (!settings.group) {
                complain("invalid group " + quote(option.argument));
                return 1;
            }
            break;
        case 'o':
            settings.owner = find_user(option.argument);
            if (!settings.owner) {
                complain("invalid user " + quote(option.argument));
                return 1;
            }
            break;
        case 'm': {
            auto changes = compile_mode(option.argument);
            if (!changes) {
                complain("invalid mode " + quote(option.argument));
                return 1;
            }
            settings.mode_changes = *changes;
            settings.mode_given = true;
            break;
        }
        case 'p': settings.preserve_times = true; break;
        case 's':
        case k_strip_program:
            complain("stripping is not supported");
            return 1;
        case 'S':
            settings.suffix = option.argument;
            settings.backup = true;
            break;
        case 't':
            if (settings.target_given) {
                complain("multiple target directories specified");
                return 1;
            }
            settings.target = option.argument;
            settings.target_given = true;
            break;
        case 'T': settings.no_target = true; break;
        case 'v': settings.verbose = true; break;
        case 'Z':
        case k_preserve_context:
        case k_context: break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    for (std::string_view operand : parser.operands())
        operands.emplace_back(operand);
    return -1;
}

int install_files(std::vector<std::string>& operands, Settings& settings) {
    if (settings.target_given && settings.no_target) {
        complain("target directory not allowed when installing a directory");
        return 1;
    }
    if (operands.empty() || (operands.size() == 1 && !settings.target_given)) {
        if (operands.empty())
            write_all(2, std::string(k_program) + ": missing file operand\n");
        else
            write_all(2, std::string(k_program) + ": missing destination file operand after " +
                             quote_file_always(operands[0]) + "\n");
        return try_help(k_program);
    }
    if (settings.no_target && operands.size() > 2)
        return extra_operand(k_program, operands[2]);
    std::string directory;
    if (settings.target_given) {
        directory = settings.target;
        if (settings.make_leading && !make_directories(directory, settings))
            return 1;
        if (int error = directory_error(directory); error != 0) {
            complain("failed to access " + quote_file_always(directory), error);
            return 1;
        }
    } else if (!settings.no_target && (operands.size() > 2 || is_directory(operands.back()))) {
        directory = operands.back();
        operands.pop_back();
        if (int error = directory_error(directory); error != 0) {
            complain("target " + quote_file_always(directory), error);
            return 1;
        }
    }
    if (directory.empty()) {
        if (settings.make_leading) {
            std::string parent = dir_name(operands[1]);
            if (parent != "." && !make_directories(parent, settings))
                return 1;
        }
        return install_file(operands[0], operands[1], settings) ? 0 : 1;
    }
    int status = 0;
    for (const std::string& source : operands)
        if (!install_file(source, join_path(directory, base_name(source)), settings))
            status = 1;
    return status;
}

}  // namespace

int install_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string> operands;
    int status = parse_options(argc, argv, settings, operands);
    if (status >= 0)
        return status;
    if (!settings.directories)
        return install_files(operands, settings);
    if (operands.empty()) {
        write_all(2, std::string(k_program) + ": missing file operand\n");
        return try_help(k_program);
    }
    status = 0;
    for (const std::string& directory : operands) {
        if (!make_directories(directory, settings) || !set_attributes(directory, settings, true))
            status = 1;
    }
    return status;
}

}  // namespace toolbox
