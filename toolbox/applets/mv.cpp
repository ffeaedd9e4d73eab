// mv, as GNU coreutils 9.1: SOURCE DEST, SOURCE... DIRECTORY, -t DIRECTORY, -T; -f, -i, -n,
// -u, -v. A rename across filesystems (EXDEV: between two mounts) becomes a copy that keeps
// modes, owners, times and hard links (lib/copy), then removal of the source.
// applet: mv mv_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <sx/posix.h>

#include "lib/copy.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: mv [OPTION]... [-T] SOURCE DEST\n"
    "  or:  mv [OPTION]... SOURCE... DIRECTORY\n"
    "  or:  mv [OPTION]... -t DIRECTORY SOURCE...\n"
    "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -f, --force                  do not prompt before overwriting\n"
    "  -i, --interactive            prompt before overwrite\n"
    "  -n, --no-clobber             do not overwrite an existing file\n"
    "If you specify more than one of -i, -f, -n, only the final one takes effect.\n"
    "      --strip-trailing-slashes  remove any trailing slashes from each SOURCE\n"
    "                                 argument\n"
    "  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY\n"
    "  -T, --no-target-directory    treat DEST as a normal file\n"
    "  -u, --update                 move only when the SOURCE file is newer\n"
    "                                 than the destination file or when the\n"
    "                                 destination file is missing\n"
    "  -v, --verbose                explain what is being done\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_strip_slashes = k_long_only;

constexpr LongOption k_long_options[] = {
    {"force", Argument::none, 'f'},
    {"interactive", Argument::none, 'i'},
    {"no-clobber", Argument::none, 'n'},
    {"no-target-directory", Argument::none, 'T'},
    {"strip-trailing-slashes", Argument::none, k_strip_slashes},
    {"target-directory", Argument::required, 't'},
    {"update", Argument::none, 'u'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Overwrite { force, ask, no_clobber };

struct Settings {
    Overwrite overwrite{Overwrite::force};
    bool update{false};
    bool verbose{false};
};

bool yes() {
    std::string line;
    char c = 0;
    while (::read(0, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    return !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

void complain(const std::string& message) { write_all(2, "mv: " + message + "\n"); }

// Removes what a cross-filesystem move copied (rm -r of the source).
bool remove_tree(const std::string& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0)
        return false;
    if (S_ISDIR(status.st_mode)) {
        std::vector<std::string> names;
        read_directory(path, names);
        bool ok = true;
        for (const auto& name : names)
            ok = remove_tree(join_path(path, name)) && ok;
        if (ok && ::rmdir(path.c_str()) == 0)
            return true;
    } else if (::unlink(path.c_str()) == 0) {
        return true;
    }
    complain("cannot remove " + quote_file_always(path) + ": " + strerror_gnu(errno));
    return false;
}

// Whether `inner` is `outer` or lies below it (by inode, walking up from inner's parent).
bool inside(const std::string& outer, const std::string& inner) {
    struct stat top {};
    if (::stat(outer.c_str(), &top) != 0)
        return false;
    std::string path = dir_name(inner);
    for (int depth = 0; depth < 256; ++depth) {
        struct stat status {};
        if (::stat(path.c_str(), &status) != 0)
            return false;
        if (status.st_dev == top.st_dev && status.st_ino == top.st_ino)
            return true;
        struct stat parent {};
        std::string up = path + "/..";
        if (::stat(up.c_str(), &parent) != 0 || (parent.st_dev == status.st_dev && parent.st_ino == status.st_ino))
            return false;
        path = up;
    }
    return false;
}

bool move(const Settings& settings, const std::string& source, const std::string& destination) {
    struct stat status {};
    if (::lstat(source.c_str(), &status) != 0) {
        complain("cannot stat " + quote_file_always(source) + ": " + strerror_gnu(errno));
        return false;
    }
    std::string last = base_name(source);
    if (last == "." || last == "..") {
        complain("cannot move " + quote_file_always(source) + " to " + quote_file_always(destination) + ": " +
                 strerror_gnu(EBUSY));
        return false;
    }
    struct stat target {};
    bool exists = ::lstat(destination.c_str(), &target) == 0;
    if (!exists && errno != ENOENT) {
        complain("cannot stat " + quote_file_always(destination) + ": " + strerror_gnu(errno));
        return false;
    }
    if (exists) {
        // A link moved onto the file it points to would lose that file (copy.c same_file_ok()).
        struct stat followed = status;
        if (S_ISLNK(status.st_mode) && !S_ISLNK(target.st_mode))
            (void)::stat(source.c_str(), &followed);
        if (followed.st_dev == target.st_dev && followed.st_ino == target.st_ino) {
            complain(quote_file_always(source) + " and " + quote_file_always(destination) + " are the same file");
            return false;
        }
        if (settings.overwrite == Overwrite::no_clobber)
            return true;
        if (settings.update && (target.st_mtim.tv_sec > status.st_mtim.tv_sec ||
                                (target.st_mtim.tv_sec == status.st_mtim.tv_sec &&
                                 target.st_mtim.tv_nsec >= status.st_mtim.tv_nsec)))
            return true;
        if (S_ISDIR(status.st_mode) && !S_ISDIR(target.st_mode)) {
            complain("cannot overwrite non-directory " + quote_file_always(destination) + " with directory " +
                     quote_file_always(source));
            return false;
        }
        if (!S_ISDIR(status.st_mode) && S_ISDIR(target.st_mode)) {
            complain("cannot overwrite directory " + quote_file_always(destination) + " with non-directory");
            return false;
        }
        if (settings.overwrite == Overwrite::ask) {
            write_all(2, "mv: overwrite " + quote_file_always(destination) + "? ");
            if (!yes())
                return true;
        }
    }
    if (S_ISDIR(status.st_mode) && inside(source, destination)) {
        complain("cannot move " + quote_file_always(source) + " to a subdirectory of itself, " +
                 quote_file_always(destination));
        return false;
    }
    if (::rename(source.c_str(), destination.c_str()) == 0) {
        if (settings.verbose)
            write_all(1, "renamed " + quote_file_always(source) + " -> " + quote_file_always(destination) + "\n");
        return true;
    }
    int error = errno;
    if (error != EXDEV) {
        complain("cannot move " + quote_file_always(source) + " to " + quote_file_always(destination) + ": " +
                 strerror_gnu(error));
        return false;
    }
    // Across filesystems: copy everything that can be kept, then remove the source.
    CopyOptions options;
    options.move = true;
    options.recursive = true;
    options.dereference = CopyOptions::Dereference::never;
    options.preserve_mode = options.preserve_ownership = options.preserve_timestamps = options.preserve_links = true;
    options.force = true;
    if (exists && S_ISDIR(target.st_mode) && ::rmdir(destination.c_str()) != 0) {
        complain("cannot move " + quote_file_always(source) + " to " + quote_file_always(destination) + ": " +
                 strerror_gnu(errno));
        return false;
    }
    Copier copier("mv", options);
    if (!copier.copy(source, destination, true))
        return false;
    if (!remove_tree(source))
        return false;
    if (settings.verbose)
        write_all(1, "renamed " + quote_file_always(source) + " -> " + quote_file_always(destination) + "\n");
    return true;
}

}  // namespace

int mv_main(int argc, char** argv) {
    Settings settings;
    bool no_target_directory = false;
    bool strip_slashes = false;
    const char* target_directory = nullptr;
    OptionParser parser("mv", argc, argv, "bfint:TuvZ", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("mv");
        case 'f': settings.overwrite = Overwrite::force; break;
        case 'i': settings.overwrite = Overwrite::ask; break;
        case 'n': settings.overwrite = Overwrite::no_clobber; break;
        case 't': target_directory = option.argument; break;
        case 'T': no_target_directory = true; break;
        case 'u': settings.update = true; break;
        case 'v': settings.verbose = true; break;
        case 'b':
        case 'Z': break;
        case k_strip_slashes: strip_slashes = true; break;
        }
    }
    std::vector<std::string> operands;
    for (std::string_view operand : parser.operands())
        operands.emplace_back(strip_slashes ? strip_trailing_slashes(operand) : std::string(operand));
    if (target_directory && no_target_directory) {
        complain("cannot combine --target-directory (-t) and --no-target-directory (-T)");
        return 1;
    }
    if (operands.empty()) {
        complain("missing file operand");
        return try_help("mv");
    }
    std::string directory;
    if (target_directory) {
        directory = target_directory;
        struct stat status {};
        if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) {
            int error = ::stat(directory.c_str(), &status) == 0 ? ENOTDIR : errno;
            complain("target directory " + quote_file_always(directory) + ": " + strerror_gnu(error));
            return 1;
        }
    } else {
        if (operands.size() == 1) {
            complain("missing destination file operand after " + quote_file_always(operands[0]));
            return try_help("mv");
        }
        if (no_target_directory && operands.size() > 2) {
            complain("extra operand " + quote_file_always(operands[2]));
            return try_help("mv");
        }
        std::string last = operands.back();
        struct stat status {};
        bool last_is_directory = !no_target_directory && ::stat(last.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
        if (operands.size() > 2 && !last_is_directory) {
            int error = ::stat(last.c_str(), &status) == 0 ? ENOTDIR : errno;
            complain("target " + quote_file_always(last) + ": " + strerror_gnu(error));
            return 1;
        }
        operands.pop_back();
        if (!last_is_directory)
            return move(settings, operands[0], last) ? 0 : 1;
        directory = last;
    }
    bool ok = true;
    for (const auto& source : operands)
        ok = move(settings, source, join_path(directory, base_name(source))) && ok;
    return ok ? 0 : 1;
}

}  // namespace toolbox
