// cp, as GNU coreutils 9.1: SOURCE DEST, SOURCE... DIRECTORY, -t DIRECTORY SOURCE..., -T;
// -r/-R, -a, -d, -p and --preserve/--no-preserve, -L -H -P, -f, -i, -n, -u, -l, -s, -v,
// --parents, --remove-destination. The copying itself is lib/copy.
// applet: cp cp_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <sx/posix.h>

#include "lib/argmatch.h"
#include "lib/copy.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: cp [OPTION]... [-T] SOURCE DEST\n"
    "  or:  cp [OPTION]... SOURCE... DIRECTORY\n"
    "  or:  cp [OPTION]... -t DIRECTORY SOURCE...\n"
    "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --archive                same as -dR --preserve=all\n"
    "  -d                           same as --no-dereference --preserve=links\n"
    "  -f, --force                  if an existing destination file cannot be\n"
    "                                 opened, remove it and try again\n"
    "  -i, --interactive            prompt before overwrite (overrides a previous -n\n"
    "                                  option)\n"
    "  -H                           follow command-line symbolic links in SOURCE\n"
    "  -l, --link                   hard link files instead of copying\n"
    "  -L, --dereference            always follow symbolic links in SOURCE\n"
    "  -n, --no-clobber             do not overwrite an existing file (overrides\n"
    "                                 a previous -i option)\n"
    "  -P, --no-dereference         never follow symbolic links in SOURCE\n"
    "  -p                           same as --preserve=mode,ownership,timestamps\n"
    "      --preserve[=ATTR_LIST]   preserve the specified attributes (default:\n"
    "                                 mode,ownership,timestamps), if possible\n"
    "                                 additional attributes: context, links, xattr,\n"
    "                                 all\n"
    "      --no-preserve=ATTR_LIST  don't preserve the specified attributes\n"
    "      --parents                use full source file name under DIRECTORY\n"
    "  -R, -r, --recursive          copy directories recursively\n"
    "      --remove-destination     remove each existing destination file before\n"
    "                                 attempting to open it (contrast with --force)\n"
    "  -s, --symbolic-link          make symbolic links instead of copying\n"
    "  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY\n"
    "  -T, --no-target-directory    treat DEST as a normal file\n"
    "  -u, --update                 copy only when the SOURCE file is newer\n"
    "                                 than the destination file or when the\n"
    "                                 destination file is missing\n"
    "  -v, --verbose                explain what is being done\n"
    "  -x, --one-file-system        stay on this file system\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum LongId { k_preserve = k_long_only, k_no_preserve, k_parents, k_remove_destination, k_strip_slashes };

constexpr LongOption k_long_options[] = {
    {"archive", Argument::none, 'a'},
    {"force", Argument::none, 'f'},
    {"interactive", Argument::none, 'i'},
    {"link", Argument::none, 'l'},
    {"dereference", Argument::none, 'L'},
    {"no-clobber", Argument::none, 'n'},
    {"no-dereference", Argument::none, 'P'},
    {"no-preserve", Argument::required, k_no_preserve},
    {"no-target-directory", Argument::none, 'T'},
    {"one-file-system", Argument::none, 'x'},
    {"parents", Argument::none, k_parents},
    {"preserve", Argument::optional, k_preserve},
    {"recursive", Argument::none, 'R'},
    {"remove-destination", Argument::none, k_remove_destination},
    {"strip-trailing-slashes", Argument::none, k_strip_slashes},
    {"symbolic-link", Argument::none, 's'},
    {"target-directory", Argument::required, 't'},
    {"update", Argument::none, 'u'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum Attribute { k_mode, k_timestamps, k_ownership, k_links, k_context, k_xattr, k_all };
constexpr ArgWord k_attribute_words[] = {{"mode", k_mode},   {"timestamps", k_timestamps}, {"ownership", k_ownership},
                                         {"links", k_links}, {"context", k_context},       {"xattr", k_xattr},
                                         {"all", k_all}};

// Applies --preserve=LIST or --no-preserve=LIST; false after argmatch's message.
bool set_attributes(CopyOptions& options, std::string_view option, std::string_view list, bool on) {
    while (true) {
        size_t comma = list.find(',');
        std::string_view word = list.substr(0, comma);
        int attribute = argmatch("cp", option, word, k_attribute_words);
        if (attribute < 0)
            return false;
        if (attribute == k_mode || attribute == k_all) {
            options.preserve_mode = on;
            options.no_preserve_mode = !on;
        }
        if (attribute == k_timestamps || attribute == k_all)
            options.preserve_timestamps = on;
        if (attribute == k_ownership || attribute == k_all)
            options.preserve_ownership = on;
        if (attribute == k_links || attribute == k_all)
            options.preserve_links = on;
        if (comma == std::string_view::npos)
            return true;
        list.remove_prefix(comma + 1);
    }
}

bool is_directory(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// --parents: makes DIRECTORY/a/b for source a/b/c, printing GNU's unquoted "a -> DIR/a".
bool make_parents(const CopyOptions& options, const std::string& directory, const std::string& source) {
    std::string prefix;
    size_t from = 0;
    while (true) {
        size_t slash = source.find('/', from);
        if (slash == std::string::npos)
            return true;
        std::string part = source.substr(0, slash);
        from = slash + 1;
        if (part.empty() || part.back() == '/')
            continue;
        std::string made = join_path(directory, part);
        struct stat status {};
        if (::stat(made.c_str(), &status) == 0) {
            if (S_ISDIR(status.st_mode))
                continue;
            write_all(2, "cp: " + quote_file_always(made) + " exists but is not a directory\n");
            return false;
        }
        struct stat source_status {};
        mode_t mode = ::stat(part.c_str(), &source_status) == 0 ? source_status.st_mode & 07777 : 0777;
        if (::mkdir(made.c_str(), mode | S_IRWXU) != 0) {
            write_all(2, "cp: cannot make directory " + quote_file_always(made) + ": " + strerror_gnu(errno) + "\n");
            return false;
        }
        ::chmod(made.c_str(), options.preserve_mode ? mode : mode & ~options.umask_value);
        if (options.verbose)
            write_all(1, part + " -> " + made + "\n");
    }
}

}  // namespace

int cp_main(int argc, char** argv) {
    CopyOptions options;
    bool dereference_given = false;
    bool no_target_directory = false;
    bool parents = false;
    bool strip_slashes = false;
    const char* target_directory = nullptr;
    OptionParser parser("cp", argc, argv, "abdfHilLnPprRsSt:TuvxZ", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("cp");
        case 'a':
            options.dereference = CopyOptions::Dereference::never;
            dereference_given = true;
            options.recursive = true;
            options.preserve_mode = options.preserve_timestamps = options.preserve_ownership = true;
            options.preserve_links = true;
            break;
        case 'd':
            options.dereference = CopyOptions::Dereference::never;
            dereference_given = true;
            options.preserve_links = true;
            break;
        case 'f': options.force = true; break;
        case 'i': options.overwrite = CopyOptions::Overwrite::ask; break;
        case 'n': options.overwrite = CopyOptions::Overwrite::no_clobber; break;
        case 'H':
            options.dereference = CopyOptions::Dereference::command_line;
            dereference_given = true;
            break;
        case 'L':
            options.dereference = CopyOptions::Dereference::always;
            dereference_given = true;
            break;
        case 'P':
            options.dereference = CopyOptions::Dereference::never;
            dereference_given = true;
            break;
        case 'l': options.hard_link = true; break;
        case 's': options.symbolic_link = true; break;
        case 'p': options.preserve_mode = options.preserve_timestamps = options.preserve_ownership = true; break;
        case 'r':
        case 'R': options.recursive = true; break;
        case 't': target_directory = option.argument; break;
        case 'T': no_target_directory = true; break;
        case 'u': options.update = true; break;
        case 'v': options.verbose = true; break;
        case 'b':
        case 'S':
        case 'x':
        case 'Z': break;
        case k_preserve:
            if (!option.argument) {
                options.preserve_mode = options.preserve_timestamps = options.preserve_ownership = true;
            } else if (!set_attributes(options, "--preserve", option.argument, true)) {
                return 1;
            }
            break;
        case k_no_preserve:
            if (!set_attributes(options, "--no-preserve", option.argument, false))
                return 1;
            break;
        case k_parents: parents = true; break;
        case k_remove_destination: options.remove_destination = true; break;
        case k_strip_slashes: strip_slashes = true; break;
        }
    }
    if (!dereference_given)
        options.dereference = options.recursive ? CopyOptions::Dereference::never : CopyOptions::Dereference::always;
    options.umask_value = ::umask(0);
    ::umask(options.umask_value);

    std::vector<std::string> operands;
    for (std::string_view operand : parser.operands())
        operands.emplace_back(strip_slashes ? strip_trailing_slashes(operand) : std::string(operand));
    if (target_directory && no_target_directory) {
        write_all(2, "cp: cannot combine --target-directory (-t) and --no-target-directory (-T)\n");
        return 1;
    }
    if (operands.empty()) {
        write_all(2, "cp: missing file operand\n");
        return try_help("cp");
    }
    std::string directory;
    std::vector<std::string> sources;
    if (target_directory) {
        directory = target_directory;
        struct stat status {};
        if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) {
            int error = errno;
            if (::stat(directory.c_str(), &status) == 0)
                error = ENOTDIR;
            write_all(2, "cp: target directory " + quote_file_always(directory) + ": " + strerror_gnu(error) + "\n");
            return 1;
        }
        sources = operands;
    } else {
        if (operands.size() == 1) {
            write_all(2, "cp: missing destination file operand after " + quote_file_always(operands[0]) + "\n");
            return try_help("cp");
        }
        if (no_target_directory && operands.size() > 2) {
            write_all(2, "cp: extra operand " + quote_file_always(operands[2]) + "\n");
            return try_help("cp");
        }
        std::string last = operands.back();
        bool last_is_directory = !no_target_directory && is_directory(last);
        if (operands.size() > 2 && !last_is_directory) {
            struct stat status {};
            int error = ::stat(last.c_str(), &status) == 0 ? ENOTDIR : errno;
            write_all(2, "cp: target " + quote_file_always(last) + ": " + strerror_gnu(error) + "\n");
            return 1;
        }
        if (parents && !last_is_directory) {
            write_all(2, "cp: with --parents, the destination must be a directory\n");
            return try_help("cp");
        }
        operands.pop_back();
        sources = operands;
        if (last_is_directory) {
            directory = last;
        } else {
            Copier copier("cp", options);
            return copier.copy(sources[0], last, true) ? 0 : 1;
        }
    }
    Copier copier("cp", options);
    bool ok = true;
    std::set<std::string> made;
    for (const auto& source : sources) {
        std::string destination = join_path(directory, parents ? source : base_name(source));
        if (parents && !make_parents(options, directory, source)) {
            ok = false;
            continue;
        }
        if (made.contains(destination)) {
            write_all(2, "cp: will not overwrite just-created " + quote_file_always(destination) + " with " +
                             quote_file_always(source) + "\n");
            ok = false;
            continue;
        }
        if (copier.copy(source, destination, true))
            made.insert(destination);
        else
            ok = false;
    }
    return ok ? 0 : 1;
}

}  // namespace toolbox
