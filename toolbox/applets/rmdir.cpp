// rmdir, as GNU coreutils: -p removes each parent named in the operand afterwards,
// --ignore-fail-on-non-empty, -v. Mirrors coreutils rmdir.c (remove_parents, ignorable_failure).
// applet: rmdir rmdir_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: rmdir [OPTION]... DIRECTORY...\n"
    "Remove the DIRECTORY(ies), if they are empty.\n"
    "\n"
    "      --ignore-fail-on-non-empty\n"
    "                    ignore each failure to remove a non-empty directory\n"
    "  -p, --parents     remove DIRECTORY and its ancestors; e.g., 'rmdir -p a/b'\n"
    "                    is similar to 'rmdir a/b a'\n"
    "\n"
    "  -v, --verbose     output a diagnostic for every directory processed\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_ignore_non_empty = k_long_only;

constexpr LongOption k_long_options[] = {
    {"ignore-fail-on-non-empty", Argument::none, k_ignore_non_empty},
    {"parents", Argument::none, 'p'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    bool ignore_non_empty{false};
    bool parents{false};
    bool verbose{false};
};

bool is_empty_directory(const std::string& path) {
    std::vector<std::string> names;
    return read_directory(path, names) == 0 && names.empty();
}

// rmdir(2), but EINVAL for a last component ".", as Linux answers: wasi-libc resolves "dir/."
// to "dir" before the kernel sees it.
int remove_directory(const std::string& path) {
    std::string stripped = strip_trailing_slashes(path);
    if (stripped == "." || stripped.ends_with("/.")) {
        errno = EINVAL;
        return -1;
    }
    return ::rmdir(path.c_str());
}

bool ignorable(const Settings& settings, int error, const std::string& path) {
    if (!settings.ignore_non_empty)
        return false;
    if (error == ENOTEMPTY || error == EEXIST)
        return true;
    bool may_be_non_empty = error == EACCES || error == EPERM || error == EROFS || error == EBUSY;
    return may_be_non_empty && !is_empty_directory(path);
}

void verbose(const Settings& settings, const std::string& path) {
    if (settings.verbose)
        write_all(1, "rmdir: removing directory, " + quote_file_always(path) + "\n");
}

bool remove_parents(const Settings& settings, std::string path) {
    path = strip_trailing_slashes(path);
    while (true) {
        size_t slash = path.rfind('/');
        if (slash == std::string::npos)
            return true;
        while (slash > 0 && path[slash] == '/')
            --slash;
        path.resize(slash + 1);
        verbose(settings, path);
        if (remove_directory(path) == 0)
            continue;
        int error = errno;
        if (ignorable(settings, error, path))
            return true;
        const char* what = error != ENOTDIR ? "failed to remove directory " : "failed to remove ";
        write_all(2, std::string("rmdir: ") + what + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
        return false;
    }
}

// "rmdir link/" of a symlink to a directory: GNU explains ENOTDIR instead of printing it.
bool symlink_not_followed(const std::string& path) {
    if (path.empty() || path.back() != '/')
        return false;
    struct stat status {};
    int result = ::stat(path.c_str(), &status);
    if (!((result != 0 && errno != ENOTDIR) || (result == 0 && S_ISDIR(status.st_mode))))
        return false;
    std::string stripped = strip_trailing_slashes(path);
    return ::lstat(stripped.c_str(), &status) == 0 && S_ISLNK(status.st_mode);
}

}  // namespace

int rmdir_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser("rmdir", argc, argv, "pv", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("rmdir");
        case k_ignore_non_empty: settings.ignore_non_empty = true; break;
        case 'p': settings.parents = true; break;
        case 'v': settings.verbose = true; break;
        }
    }
    if (parser.operands().empty())
        return missing_operand("rmdir");
    bool ok = true;
    for (std::string_view operand : parser.operands()) {
        std::string path(operand);
        verbose(settings, path);
        if (remove_directory(path) != 0) {
            int error = errno;
            if (ignorable(settings, error, path))
                continue;
            if (error == ENOTDIR && symlink_not_followed(path))
                write_all(2, "rmdir: failed to remove " + quote_file_always(path) + ": Symbolic link not followed\n");
            else
                write_all(2, "rmdir: failed to remove " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
            ok = false;
        } else if (settings.parents) {
            ok = remove_parents(settings, path) && ok;
        }
    }
    return ok ? 0 : 1;
}

}  // namespace toolbox
