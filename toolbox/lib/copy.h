// copy.h — coreutils' copy engine (copy.c copy_internal), shared by cp and mv: files, symlinks
// and directory trees, with cp's choices (follow links or not, overwrite rules, what to
// preserve) and GNU's diagnostics, which name the program that asked ("cp: ...", "mv: ...").
//
//   CopyOptions options;  options.recursive = true;  options.verbose = true;
//   Copier copier("cp", options);
//   bool ok = copier.copy("dir", "dest/dir", true);
//
// Thread safety: confined to the applet that made it.
#pragma once

#include <sys/stat.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace toolbox {

struct CopyOptions {
    enum class Dereference { never, always, command_line };
    enum class Overwrite { yes, no_clobber, ask, update };
    Dereference dereference{Dereference::always};
    Overwrite overwrite{Overwrite::yes};
    bool update{false};               // -u: only when the source is newer
    bool recursive{false};
    bool force{false};                // -f: unlink a destination that cannot be opened
    bool remove_destination{false};
    bool verbose{false};
    bool preserve_mode{false};
    bool no_preserve_mode{false};     // --no-preserve=mode: new files get 0666 (0777) less the umask
    bool preserve_ownership{false};
    bool preserve_timestamps{false};
    bool preserve_links{false};
    bool hard_link{false};            // -l
    bool symbolic_link{false};        // -s
    bool move{false};                 // mv: renames are tried first; verbose says "renamed"
    mode_t umask_value{022};
};

class Copier final {
public:
    Copier(std::string_view program, const CopyOptions& options) : m_program(program), m_options(options) {}

    // Copies `source` to `destination` (the final name, not its directory). false after a
    // diagnostic; `command_line` says whether `source` was an operand (for -H style choices).
    bool copy(const std::string& source, const std::string& destination, bool command_line);
    // For mv across filesystems: whether the last copy() made the whole tree (so the source may go).
    bool complete() const { return m_complete; }

private:
    bool copy_entry(const std::string& source, const std::string& destination, bool command_line,
                    const std::string& top_source, const std::string& top_destination);
    bool copy_directory(const std::string& source, const std::string& destination, const struct stat& status,
                        const std::string& top_source, const std::string& top_destination);
    bool copy_regular(const std::string& source, const std::string& destination, const struct stat& status,
                      bool destination_exists);
    bool copy_symlink(const std::string& source, const std::string& destination, bool destination_exists);
    void preserve(const std::string& destination, const struct stat& status, bool is_link);
    void fail(const std::string& message, int error);
    bool ask_overwrite(const std::string& destination);

    std::string_view m_program;
    const CopyOptions& m_options;
    bool m_complete{true};
    bool m_into_self{false};  // copying stops at "cannot copy a directory into itself" (copy.c)
    std::set<std::pair<dev_t, ino_t>> m_created_directories;  // to catch copying into itself
    std::map<std::pair<dev_t, ino_t>, std::string> m_linked;  // --preserve=links: first copy of each inode
};

}  // namespace toolbox
