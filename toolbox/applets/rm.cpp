// rm, as GNU coreutils: -f, -i, -I, --interactive[=WHEN], -r/-R, -d, -v, --preserve-root
// (default) and --no-preserve-root. Directories are walked depth first, children in readdir
// order; a directory whose child could not be removed is left alone. Prompts and messages are
// coreutils remove.c's; an answer is a line from stdin starting with 'y' or 'Y'.
// applet: rm rm_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <sx/posix.h>

#include "lib/argmatch.h"
#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: rm [OPTION]... [FILE]...\n"
    "Remove (unlink) the FILE(s).\n"
    "\n"
    "  -f, --force           ignore nonexistent files and arguments, never prompt\n"
    "  -i                    prompt before every removal\n"
    "  -I                    prompt once before removing more than three files, or\n"
    "                          when removing recursively; less intrusive than -i,\n"
    "                          while still giving protection against most mistakes\n"
    "      --interactive[=WHEN]  prompt according to WHEN: never, once (-I), or\n"
    "                          always (-i); without WHEN, prompt always\n"
    "      --no-preserve-root  do not treat '/' specially\n"
    "      --preserve-root   do not remove '/' (default)\n"
    "  -r, -R, --recursive   remove directories and their contents recursively\n"
    "  -d, --dir             remove empty directories\n"
    "  -v, --verbose         explain what is being done\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "By default, rm does not remove directories.  Use the --recursive (-r or -R)\n"
    "option to remove each listed directory, too, along with all of its contents.\n";

enum LongId { k_interactive = k_long_only, k_preserve_root, k_no_preserve_root, k_one_file_system };

constexpr LongOption k_long_options[] = {
    {"force", Argument::none, 'f'},
    {"interactive", Argument::optional, k_interactive},
    {"one-file-system", Argument::none, k_one_file_system},
    {"no-preserve-root", Argument::none, k_no_preserve_root},
    {"preserve-root", Argument::optional, k_preserve_root},
    {"recursive", Argument::none, 'r'},
    {"dir", Argument::none, 'd'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum Interactive { k_never, k_once, k_always, k_sometimes };
constexpr ArgWord k_interactive_words[] = {{"never", k_never}, {"no", k_never},      {"none", k_never},
                                           {"once", k_once},   {"always", k_always}, {"yes", k_always}};

enum class Status { ok, declined, error };

struct Settings {
    bool force{false};
    bool recursive{false};
    bool remove_empty_dirs{false};
    bool verbose{false};
    bool preserve_root{true};
    int interactive{k_sometimes};
    bool stdin_tty{false};
};

// coreutils yesno(): one line of stdin, affirmative when it starts with y or Y.
bool yes() {
    std::string line;
    char c = 0;
    while (::read(0, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    return !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

bool ask(const std::string& question) {
    write_all(2, "rm: " + question + "? ");
    return yes();
}

bool writable(const std::string& path) { return ::access(path.c_str(), W_OK) == 0; }

class Remover final {
public:
    explicit Remover(const Settings& settings) : m_settings(settings) {}
    Status remove_operand(const std::string& path);

private:
    Status remove(const std::string& path, const struct stat& status, bool operand);
    bool allowed_operand(const std::string& path, const struct stat& status);
    Status remove_tree(const std::string& path, const struct stat& status);
    Status excise(const std::string& path, bool directory);
    // Mirrors remove.c prompt(): whether to go on (asking when -i, or for a write-protected file
    // when stdin is a terminal).
    bool confirm(const std::string& path, const struct stat& status, const char* action);

    const Settings& m_settings;
};

bool Remover::confirm(const std::string& path, const struct stat& status, const char* action) {
    if (m_settings.interactive == k_never)
        return true;
    bool write_protected = false;
    if (!m_settings.force && (m_settings.interactive == k_always || m_settings.stdin_tty) && !S_ISLNK(status.st_mode))
        write_protected = !writable(path);
    if (!write_protected && m_settings.interactive != k_always)
        return true;
    std::string type = file_type_name(status.st_mode, status.st_size);
    if (std::strcmp(action, "descend") == 0)
        return ask(std::string("descend into ") + (write_protected ? "write-protected " : "") + "directory " +
                   quote_file_always(path));
    return ask(std::string("remove ") + (write_protected ? "write-protected " : "") + type + " " +
               quote_file_always(path));
}

Status Remover::excise(const std::string& path, bool directory) {
    int result = directory ? ::rmdir(path.c_str()) : ::unlink(path.c_str());
    if (result == 0) {
        if (m_settings.verbose)
            write_all(1, std::string(directory ? "removed directory " : "removed ") + quote_file_always(path) + "\n");
        return Status::ok;
    }
    int error = errno;
    if (m_settings.force && (error == ENOENT || error == ENOTDIR))
        return Status::ok;
    write_all(2, "rm: cannot remove " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
    return Status::error;
}

Status Remover::remove_tree(const std::string& path, const struct stat& status) {
    std::vector<std::string> names;
    int error = read_directory(path, names);
    if (error != 0) {
        // An unreadable directory may still be empty enough to rmdir (remove.c FTS_DNR).
        if (!confirm(path, status, "remove"))
            return Status::declined;
        Status removed = excise(path, true);
        if (removed == Status::error)
            return removed;
        return Status::ok;
    }
    if (names.empty()) {
        if (!confirm(path, status, "remove"))
            return Status::declined;
        return excise(path, true);
    }
    if (!confirm(path, status, "descend"))
        return Status::declined;
    bool failed = false;
    for (const auto& name : names) {
        std::string child = join_path(path, name);
        struct stat child_status {};
        if (::lstat(child.c_str(), &child_status) != 0) {
            if (!(m_settings.force && errno == ENOENT)) {
                write_all(2, "rm: cannot remove " + quote_file_always(child) + ": " + strerror_gnu(errno) + "\n");
                failed = true;
            }
            continue;
        }
        if (remove(child, child_status, false) == Status::error)
            failed = true;
    }
    // A child that could not be removed keeps its ancestors (remove.c mark_ancestor_dirs()).
    if (failed)
        return Status::error;
    if (!confirm(path, status, "remove"))
        return Status::declined;
    return excise(path, true);
}

Status Remover::remove(const std::string& path, const struct stat& status, bool operand) {
    if (S_ISDIR(status.st_mode)) {
        // The order of remove.c rm_fts() FTS_D: a directory rm may not remove, then "." and "..",
        // then "/".
        if (!m_settings.recursive) {
            std::vector<std::string> names;
            bool empty = read_directory(path, names) == 0 && names.empty();
            if (!m_settings.remove_empty_dirs || !empty) {
                write_all(2, "rm: cannot remove " + quote_file_always(path) + ": " +
                                 (m_settings.remove_empty_dirs ? "Directory not empty" : "Is a directory") + "\n");
                return Status::error;
            }
        }
        if (operand && !allowed_operand(path, status))
            return Status::error;
        if (m_settings.recursive)
            return remove_tree(path, status);
        if (!confirm(path, status, "remove"))
            return Status::declined;
        return excise(path, true);
    }
    if (!confirm(path, status, "remove"))
        return Status::declined;
    return excise(path, false);
}

bool Remover::allowed_operand(const std::string& path, const struct stat& status) {
    std::string last = base_name(path);
    if (last == "." || last == "..") {
        write_all(2, "rm: refusing to remove '.' or '..' directory: skipping " + quote_file_always(path) + "\n");
        return false;
    }
    if (!m_settings.recursive || !m_settings.preserve_root)
        return true;
    struct stat root {};
    if (::stat("/", &root) != 0 || root.st_dev != status.st_dev || root.st_ino != status.st_ino)
        return true;
    if (path == "/")
        write_all(2, "rm: it is dangerous to operate recursively on '/'\n");
    else
        write_all(2, "rm: it is dangerous to operate recursively on " + quote_file_always(path) + " (same as '/')\n");
    write_all(2, "rm: use --no-preserve-root to override this failsafe\n");
    return false;
}

Status Remover::remove_operand(const std::string& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        int error = errno;
        if (m_settings.force && error == ENOENT)
            return Status::ok;
        write_all(2, "rm: cannot remove " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
        return Status::error;
    }
    return remove(path, status, true);
}

}  // namespace

int rm_main(int argc, char** argv) {
    Settings settings;
    bool prompt_once = false;
    OptionParser parser("rm", argc, argv, "dfirvIR", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("rm");
        case 'd': settings.remove_empty_dirs = true; break;
        case 'f':
            settings.force = true;
            settings.interactive = k_never;
            prompt_once = false;
            break;
        case 'i':
            settings.force = false;
            settings.interactive = k_always;
            prompt_once = false;
            break;
        case 'I':
            settings.force = false;
            settings.interactive = k_sometimes;
            prompt_once = true;
            break;
        case 'r':
        case 'R': settings.recursive = true; break;
        case 'v': settings.verbose = true; break;
        case k_interactive: {
            int when = option.argument ? argmatch("rm", "--interactive", option.argument, k_interactive_words) : k_always;
            if (when < 0)
                return 1;
            settings.force = false;
            prompt_once = when == k_once;
            settings.interactive = when == k_once ? k_sometimes : when;
            break;
        }
        case k_no_preserve_root: settings.preserve_root = false; break;
        case k_preserve_root: settings.preserve_root = true; break;
        case k_one_file_system: break;
        }
    }
    const auto& operands = parser.operands();
    if (operands.empty()) {
        if (settings.force)
            return 0;
        return missing_operand("rm");
    }
    settings.stdin_tty = sx_isatty(0) == 1;
    if (prompt_once && (operands.size() > 3 || settings.recursive)) {
        size_t count = operands.size();
        std::string question = "remove " + std::to_string(count) + (count == 1 ? " argument" : " arguments") +
                               (settings.recursive ? " recursively" : "");
        if (!ask(question))
            return 0;
    }
    Remover remover(settings);
    bool ok = true;
    for (std::string_view operand : operands)
        ok = remover.remove_operand(std::string(operand)) != Status::error && ok;
    return ok ? 0 : 1;
}

}  // namespace toolbox
