// chmod, as GNU coreutils 9.1: octal and symbolic modes (lib/mode_change), several modes
// joined with commas, "-w"-style modes given like options (with GNU's warning when the umask
// keeps the result from what was asked), --reference, -R (symlinks met on the way are left
// alone), -c, -v, -f, --preserve-root.
// applet: chmod chmod_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/mode_change.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: chmod [OPTION]... MODE[,MODE]... FILE...\n"
    "  or:  chmod [OPTION]... OCTAL-MODE FILE...\n"
    "  or:  chmod [OPTION]... --reference=RFILE FILE...\n"
    "Change the mode of each FILE to MODE.\n"
    "With --reference, change the mode of each FILE to that of RFILE.\n"
    "\n"
    "  -c, --changes          like verbose but report only when a change is made\n"
    "  -f, --silent, --quiet  suppress most error messages\n"
    "  -v, --verbose          output a diagnostic for every file processed\n"
    "      --no-preserve-root  do not treat '/' specially (the default)\n"
    "      --preserve-root    fail to operate recursively on '/'\n"
    "      --reference=RFILE  use RFILE's mode instead of MODE values\n"
    "  -R, --recursive        change files and directories recursively\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.\n";

enum LongId { k_no_preserve_root = k_long_only, k_preserve_root, k_reference };

constexpr LongOption k_long_options[] = {
    {"changes", Argument::none, 'c'},
    {"recursive", Argument::none, 'R'},
    {"no-preserve-root", Argument::none, k_no_preserve_root},
    {"preserve-root", Argument::none, k_preserve_root},
    {"quiet", Argument::none, 'f'},
    {"reference", Argument::required, k_reference},
    {"silent", Argument::none, 'f'},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Verbosity { quiet, changes, all };

struct Settings {
    Verbosity verbosity{Verbosity::quiet};
    bool silent{false};
    bool recursive{false};
    bool preserve_root{false};
    bool diagnose_surprises{false};  // the mode came as "-w": say when the umask got in the way
    std::vector<ModeChange> changes;
    std::optional<mode_t> reference_mode;
    mode_t umask_value{022};
};

// "rw-r--r--" with set-id and sticky letters: strmode() without the type.
std::string permissions(mode_t mode) { return mode_string(mode).substr(1); }

std::string octal(mode_t mode) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
    return buffer;
}

class Changer final {
public:
    explicit Changer(const Settings& settings) : m_settings(settings) {}
    bool change(const std::string& path, bool command_line);

private:
    bool change_one(const std::string& path, const struct stat& status);
    const Settings& m_settings;
};

// Mirrors chmod.c process_file().
bool Changer::change_one(const std::string& path, const struct stat& status) {
    mode_t old_mode = status.st_mode;
    bool directory = S_ISDIR(old_mode);
    mode_t new_mode = m_settings.reference_mode
                          ? *m_settings.reference_mode
                          : adjust_mode(old_mode, directory, m_settings.umask_value, m_settings.changes, nullptr);
    bool ok = true;
    if (::chmod(path.c_str(), new_mode) != 0) {
        if (!m_settings.silent)
            write_all(2, "chmod: changing permissions of " + quote_file_always(path) + ": " + strerror_gnu(errno) + "\n");
        if (m_settings.verbosity == Verbosity::all)
            write_all(1, "failed to change mode of " + quote_file_always(path) + " from " + octal(old_mode) + " (" +
                             permissions(old_mode) + ") to " + octal(new_mode) + " (" + permissions(new_mode) + ")\n");
        return false;
    }
    bool changed = ((old_mode ^ new_mode) & 07777) != 0;
    if (ok && (m_settings.verbosity == Verbosity::all || (m_settings.verbosity == Verbosity::changes && changed))) {
        if (changed)
            write_all(1, "mode of " + quote_file_always(path) + " changed from " + octal(old_mode) + " (" +
                             permissions(old_mode) + ") to " + octal(new_mode) + " (" + permissions(new_mode) + ")\n");
        else
            write_all(1, "mode of " + quote_file_always(path) + " retained as " + octal(old_mode) + " (" +
                             permissions(old_mode) + ")\n");
    }
    if (ok && m_settings.diagnose_surprises) {
        mode_t naive = adjust_mode(old_mode, directory, 0, m_settings.changes, nullptr);
        if (((new_mode ^ naive) & 07777) != 0) {
            write_all(2, "chmod: " + quote_file(path) + ": new permissions are " + permissions(new_mode) + ", not " +
                             permissions(naive) + "\n");
            ok = false;
        }
    }
    return ok;
}

bool Changer::change(const std::string& path, bool command_line) {
    struct stat status {};
    if ((command_line ? ::stat(path.c_str(), &status) : ::lstat(path.c_str(), &status)) != 0) {
        if (!m_settings.silent)
            write_all(2, "chmod: cannot access " + quote_file_always(path) + ": " + strerror_gnu(errno) + "\n");
        if (m_settings.verbosity == Verbosity::all)
            write_all(1, quote_file_always(path) + " could not be accessed\n");
        return false;
    }
    if (S_ISLNK(status.st_mode)) {
        // chmod.c: a link met while recursing is neither followed nor changed.
        if (m_settings.verbosity == Verbosity::all)
            write_all(1, "neither symbolic link " + quote_file_always(path) + " nor referent has been changed\n");
        return true;
    }
    if (m_settings.recursive && m_settings.preserve_root && S_ISDIR(status.st_mode)) {
        struct stat root {};
        if (::stat("/", &root) == 0 && root.st_dev == status.st_dev && root.st_ino == status.st_ino) {
            if (path == "/")
                write_all(2, "chmod: it is dangerous to operate recursively on '/'\n");
            else
                write_all(2, "chmod: it is dangerous to operate recursively on " + quote_file_always(path) +
                                 " (same as '/')\n");
            write_all(2, "chmod: use --no-preserve-root to override this failsafe\n");
            return false;
        }
    }
    bool ok = change_one(path, status);
    if (!m_settings.recursive || !S_ISDIR(status.st_mode))
        return ok;
    std::vector<std::string> names;
    int error = read_directory(path, names);
    if (error != 0) {
        if (!m_settings.silent)
            write_all(2, "chmod: cannot read directory " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
        return false;
    }
    for (const auto& name : names)
        ok = change(join_path(path, name), false) && ok;
    return ok;
}

// GNU chmod takes "-w", "-rwx", "-0" ... as modes: an argument whose option letters reach one of
// the mode letters is a mode (the whole word, "-vw" included), joined to others with commas.
bool is_mode_letter(char c) { return std::strchr("rwxXstugoa,+=01234567", c) != nullptr; }

}  // namespace

int chmod_main(int argc, char** argv) {
    Settings settings;
    std::string mode_text;
    std::vector<char*> arguments{argv[0]};
    std::vector<std::string> kept;  // option letters that came before a mode letter ("-v" of "-vw")
    kept.reserve(static_cast<size_t>(argc));
    bool options_ended = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view word(argv[i]);
        if (options_ended || word == "--" || word.size() < 2 || word[0] != '-' || word[1] == '-') {
            options_ended = options_ended || word == "--";
            arguments.push_back(argv[i]);
            continue;
        }
        size_t at = 1;
        while (at < word.size() && !is_mode_letter(word[at]))
            ++at;
        if (at == word.size()) {
            arguments.push_back(argv[i]);
            continue;
        }
        if (at > 1) {
            kept.push_back(std::string(word.substr(0, at)));
            arguments.push_back(kept.back().data());
        }
        mode_text += (mode_text.empty() ? "" : ",") + std::string(word);
        settings.diagnose_surprises = true;
    }
    OptionParser parser("chmod", static_cast<int>(arguments.size()), arguments.data(), "cfvR", k_long_options);
    const char* reference = nullptr;
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("chmod");
        case 'c': settings.verbosity = Verbosity::changes; break;
        case 'v': settings.verbosity = Verbosity::all; break;
        case 'f': settings.silent = true; break;
        case 'R': settings.recursive = true; break;
        case k_no_preserve_root: settings.preserve_root = false; break;
        case k_preserve_root: settings.preserve_root = true; break;
        case k_reference: reference = option.argument; break;
        }
    }
    std::vector<std::string> operands(parser.operands().begin(), parser.operands().end());
    if (reference) {
        if (!mode_text.empty()) {
            write_all(2, "chmod: cannot combine mode and --reference options\n");
            return try_help("chmod");
        }
        struct stat status {};
        if (::stat(reference, &status) != 0) {
            write_all(2, "chmod: failed to get attributes of " + quote_file_always(reference) + ": " +
                             strerror_gnu(errno) + "\n");
            return 1;
        }
        settings.reference_mode = status.st_mode & 07777;
    } else if (mode_text.empty()) {
        if (operands.empty())
            return missing_operand("chmod");
        mode_text = operands.front();
        operands.erase(operands.begin());
    }
    if (operands.empty()) {
        if (mode_text.empty() || reference || settings.diagnose_surprises)
            return missing_operand("chmod");
        write_all(2, "chmod: missing operand after " + quote(mode_text) + "\n");
        return try_help("chmod");
    }
    if (!reference) {
        auto changes = compile_mode(mode_text);
        if (!changes) {
            write_all(2, "chmod: invalid mode: " + quote(mode_text) + "\n");
            return try_help("chmod");
        }
        settings.changes = std::move(*changes);
    }
    settings.umask_value = ::umask(0);
    ::umask(settings.umask_value);
    Changer changer(settings);
    bool ok = true;
    for (const auto& operand : operands)
        ok = changer.change(operand, true) && ok;
    return ok ? 0 : 1;
}

}  // namespace toolbox
