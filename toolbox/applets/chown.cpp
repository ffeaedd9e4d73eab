// chown and chgrp, as GNU coreutils 9.1 (chown.c, chgrp.c, chown-core.c): OWNER[:[GROUP]],
// :GROUP, OWNER.GROUP (with GNU's warning), names from /etc/passwd and /etc/group or numbers;
// --reference, --from, -R (directories after their contents, links not followed unless -L/-H),
// -h, -c, -v, -f, --preserve-root. A sandbox without /etc/passwd knows no user names, so only
// numbers work there, as with GNU on such a system.
// applet: chown chown_main
// applet: chgrp chgrp_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_chown_usage =
    "Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...\n"
    "  or:  chown [OPTION]... --reference=RFILE FILE...\n"
    "Change the owner and/or group of each FILE to OWNER and/or GROUP.\n"
    "With --reference, change the owner and group of each FILE to those of RFILE.\n"
    "\n"
    "  -c, --changes          like verbose but report only when a change is made\n"
    "  -f, --silent, --quiet  suppress most error messages\n"
    "  -v, --verbose          output a diagnostic for every file processed\n"
    "      --dereference      affect the referent of each symbolic link (this is\n"
    "                         the default), rather than the symbolic link itself\n"
    "  -h, --no-dereference   affect symbolic links instead of any referenced file\n"
    "      --from=CURRENT_OWNER:CURRENT_GROUP\n"
    "                         change the owner and/or group of each file only if\n"
    "                         its current owner and/or group match those specified\n"
    "                         here.  Either may be omitted, in which case a match\n"
    "                         is not required for the omitted attribute\n"
    "      --no-preserve-root  do not treat '/' specially (the default)\n"
    "      --preserve-root    fail to operate recursively on '/'\n"
    "      --reference=RFILE  use RFILE's owner and group rather than\n"
    "                         specifying OWNER:GROUP values\n"
    "  -R, --recursive        operate on files and directories recursively\n"
    "\n"
    "The following options modify how a hierarchy is traversed when the -R\n"
    "option is also specified.  If more than one is specified, only the final\n"
    "one takes effect.\n"
    "\n"
    "  -H                     if a command line argument is a symbolic link\n"
    "                         to a directory, traverse it\n"
    "  -L                     traverse every symbolic link to a directory\n"
    "                         encountered\n"
    "  -P                     do not traverse any symbolic links (default)\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_chgrp_usage =
    "Usage: chgrp [OPTION]... GROUP FILE...\n"
    "  or:  chgrp [OPTION]... --reference=RFILE FILE...\n"
    "Change the group of each FILE to GROUP.\n"
    "With --reference, change the group of each FILE to that of RFILE.\n"
    "\n"
    "  -c, --changes          like verbose but report only when a change is made\n"
    "  -f, --silent, --quiet  suppress most error messages\n"
    "  -v, --verbose          output a diagnostic for every file processed\n"
    "      --dereference      affect the referent of each symbolic link (this is\n"
    "                         the default), rather than the symbolic link itself\n"
    "  -h, --no-dereference   affect symbolic links instead of any referenced file\n"
    "      --no-preserve-root  do not treat '/' specially (the default)\n"
    "      --preserve-root    fail to operate recursively on '/'\n"
    "      --reference=RFILE  use RFILE's group rather than specifying a\n"
    "                         GROUP value\n"
    "  -R, --recursive        operate on files and directories recursively\n"
    "  -H, -L, -P             how -R treats symbolic links (see chown --help)\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum LongId { k_dereference = k_long_only, k_from, k_no_preserve_root, k_preserve_root, k_reference };

constexpr LongOption k_long_options[] = {
    {"changes", Argument::none, 'c'},
    {"dereference", Argument::none, k_dereference},
    {"from", Argument::required, k_from},
    {"no-dereference", Argument::none, 'h'},
    {"no-preserve-root", Argument::none, k_no_preserve_root},
    {"preserve-root", Argument::none, k_preserve_root},
    {"quiet", Argument::none, 'f'},
    {"silent", Argument::none, 'f'},
    {"recursive", Argument::none, 'R'},
    {"reference", Argument::required, k_reference},
    {"verbose", Argument::none, 'v'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Verbosity { quiet, changes, all };
enum class Traversal { physical, command_line, logical };

struct Settings {
    std::string_view program;
    Verbosity verbosity{Verbosity::quiet};
    bool silent{false};
    bool recursive{false};
    bool dereference{true};
    bool preserve_root{false};
    Traversal traversal{Traversal::physical};
    std::optional<uid_t> uid;
    std::optional<gid_t> gid;
    std::optional<uid_t> from_uid;
    std::optional<gid_t> from_gid;
};

struct Spec {
    std::optional<uid_t> uid;
    std::optional<gid_t> gid;
};

// A user or group id: a name from the database, else a decimal number below 2^32 - 1.
// chgrp's own parser (chgrp.c parse_group) also takes 4294967295, which means "no change".
template <typename Id>
std::optional<Id> parse_id(std::string_view text, bool group, uint64_t limit = 0xfffffffeull) {
    if (auto found = group ? find_group(text) : find_user(text)) {
        if (*found != static_cast<Id>(-1))
            return static_cast<Id>(*found);
    }
    std::string_view digits = text;
    if (!digits.empty() && digits[0] == '+')
        digits.remove_prefix(1);
    uint64_t value = 0;
    auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size() ||
        value > limit)
        return std::nullopt;
    return static_cast<Id>(value);
}

// Mirrors gnulib userspec.c parse_user_spec_warn(): USER, USER:, USER:GROUP, :GROUP, and the
// old USER.GROUP when no user has that name. Returns the error text, or "" on success.
std::string parse_spec(std::string_view program, std::string_view spec, Spec& out) {
    size_t colon = spec.find(':');
    bool dot_warning = false;
    if (colon == std::string_view::npos) {
        size_t dot = spec.find('.');
        if (dot != std::string_view::npos && !find_user(spec)) {
            colon = dot;
            dot_warning = true;
        }
    }
    std::string_view user = spec.substr(0, colon);
    std::string_view group = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
    if (!user.empty()) {
        out.uid = parse_id<uid_t>(user, false);
        if (!out.uid)
            return "invalid user";
        if (colon != std::string_view::npos && group.empty()) {
            out.gid = user_primary_group(*out.uid);
            if (!out.gid)
                return "invalid spec";
        }
    }
    if (!group.empty()) {
        out.gid = parse_id<gid_t>(group, true);
        if (!out.gid)
            return "invalid group";
    }
    if (dot_warning)
        write_all(2, std::string(program) + ": warning: '.' should be ':': " + quote(spec) + "\n");
    return "";
}

class Changer final {
public:
    explicit Changer(const Settings& settings) : m_settings(settings) {}
    bool change(const std::string& path, bool command_line);

private:
    bool change_one(const std::string& path, const struct stat& status, bool follow);
    void describe(const std::string& path, const struct stat* old_status, bool changed, bool failed);
    const Settings& m_settings;
};

// chown-core.c describe_change(): what -v and -c print.
void Changer::describe(const std::string& path, const struct stat* old_status, bool changed, bool failed) {
    bool group_only = !m_settings.uid && m_settings.gid;
    std::string new_spec;
    if (m_settings.uid)
        new_spec = user_name(*m_settings.uid);
    if (m_settings.gid)
        new_spec += (m_settings.uid ? ":" : "") + group_name(*m_settings.gid);
    std::string old_spec;
    if (old_status) {
        if (m_settings.uid)
            old_spec = user_name(old_status->st_uid);
        if (m_settings.gid)
            old_spec += (m_settings.uid ? ":" : "") + group_name(old_status->st_gid);
    }
    std::string name = quote_file_always(path);
    std::string line;
    if (failed)
        line = (group_only ? "failed to change group of " : "failed to change ownership of ") + name +
               (new_spec.empty() ? "" : " to " + new_spec);
    else if (!m_settings.uid && !m_settings.gid)
        line = "ownership of " + name + " retained";
    else if (changed)
        line = (group_only ? "changed group of " : "changed ownership of ") + name + " from " + old_spec + " to " +
               new_spec;
    else
        line = (group_only ? "group of " : "ownership of ") + name + " retained as " + new_spec;
    write_all(1, line + "\n");
}

bool Changer::change_one(const std::string& path, const struct stat& status, bool follow) {
    bool matches = (!m_settings.from_uid || status.st_uid == *m_settings.from_uid) &&
                   (!m_settings.from_gid || status.st_gid == *m_settings.from_gid);
    uid_t uid = m_settings.uid.value_or(static_cast<uid_t>(-1));
    gid_t gid = m_settings.gid.value_or(static_cast<gid_t>(-1));
    bool ok = true;
    if (matches) {
        int result = follow ? ::chown(path.c_str(), uid, gid) : ::lchown(path.c_str(), uid, gid);
        if (result != 0) {
            if (!m_settings.silent)
                write_all(2, std::string(m_settings.program) + ": changing " +
                                 (m_settings.uid ? "ownership" : "group") + " of " + quote_file_always(path) + ": " +
                                 strerror_gnu(errno) + "\n");
            ok = false;
        }
    }
    bool changed = matches && ok && ((m_settings.uid && *m_settings.uid != status.st_uid) ||
                                     (m_settings.gid && *m_settings.gid != status.st_gid));
    if (m_settings.verbosity == Verbosity::all || (m_settings.verbosity == Verbosity::changes && changed))
        describe(path, &status, changed, !ok);
    return ok;
}

bool Changer::change(const std::string& path, bool command_line) {
    // chown.c: without -R, --dereference (the default) or -h decide; with -R the traversal
    // option does (-P: no link is followed, links themselves change; -H: operands only; -L: all).
    bool follow = m_settings.dereference;
    if (m_settings.recursive)
        follow = m_settings.traversal == Traversal::logical ||
                 (m_settings.traversal == Traversal::command_line && command_line);
    struct stat status {};
    if ((follow ? ::stat(path.c_str(), &status) : ::lstat(path.c_str(), &status)) != 0) {
        int error = errno;
        if (!m_settings.silent)
            write_all(2, std::string(m_settings.program) + ": cannot access " + quote_file_always(path) + ": " +
                             strerror_gnu(error) + "\n");
        if (m_settings.verbosity == Verbosity::all)
            describe(path, nullptr, false, true);
        return false;
    }
    bool ok = true;
    if (m_settings.recursive && S_ISDIR(status.st_mode)) {
        if (m_settings.preserve_root) {
            struct stat root {};
            if (::stat("/", &root) == 0 && root.st_dev == status.st_dev && root.st_ino == status.st_ino) {
                write_all(2, std::string(m_settings.program) + ": it is dangerous to operate recursively on " +
                                 (path == "/" ? std::string("'/'") : quote_file_always(path) + " (same as '/')") +
                                 "\n" + std::string(m_settings.program) +
                                 ": use --no-preserve-root to override this failsafe\n");
                return false;
            }
        }
        std::vector<std::string> names;
        int error = read_directory(path, names);
        if (error != 0) {
            if (!m_settings.silent)
                write_all(2, std::string(m_settings.program) + ": cannot read directory " + quote_file_always(path) +
                                 ": " + strerror_gnu(error) + "\n");
            ok = false;
        }
        for (const auto& name : names)
            ok = change(join_path(path, name), false) && ok;
    }
    // chown-core.c handles a directory after what it holds (FTS_DP).
    return change_one(path, status, follow) && ok;
}

int run(std::string_view program, int argc, char** argv, bool group_only) {
    Settings settings;
    settings.program = program;
    const char* reference = nullptr;
    const char* from = nullptr;
    bool dereference_given = false;
    OptionParser parser(program, argc, argv, "HLPRcfhv", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(group_only ? k_chgrp_usage : k_chown_usage);
        case k_version: return print_version(program);
        case 'c': settings.verbosity = Verbosity::changes; break;
        case 'v': settings.verbosity = Verbosity::all; break;
        case 'f': settings.silent = true; break;
        case 'R': settings.recursive = true; break;
        case 'h': settings.dereference = false; break;
        case 'H': settings.traversal = Traversal::command_line; break;
        case 'L': settings.traversal = Traversal::logical; break;
        case 'P': settings.traversal = Traversal::physical; break;
        case k_dereference:
            settings.dereference = true;
            dereference_given = true;
            break;
        case k_from: from = option.argument; break;
        case k_no_preserve_root: settings.preserve_root = false; break;
        case k_preserve_root: settings.preserve_root = true; break;
        case k_reference: reference = option.argument; break;
        }
    }
    std::vector<std::string> operands(parser.operands().begin(), parser.operands().end());
    if (operands.size() < (reference ? 1u : 2u)) {
        if (operands.empty())
            return missing_operand(program);
        write_all(2, std::string(program) + ": missing operand after " + quote(operands.back()) + "\n");
        return try_help(program);
    }
    if (from) {
        Spec spec;
        std::string error = parse_spec(program, from, spec);
        if (!error.empty()) {
            write_all(2, std::string(program) + ": " + error + ": " + quote(from) + "\n");
            return 1;
        }
        settings.from_uid = spec.uid;
        settings.from_gid = spec.gid;
    }
    if (reference) {
        struct stat status {};
        if (::stat(reference, &status) != 0) {
            write_all(2, std::string(program) + ": failed to get attributes of " + quote_file_always(reference) + ": " +
                             strerror_gnu(errno) + "\n");
            return 1;
        }
        if (!group_only)
            settings.uid = status.st_uid;
        settings.gid = status.st_gid;
    } else {
        std::string spec_text = operands.front();
        operands.erase(operands.begin());
        if (group_only) {
            if (!spec_text.empty()) {
                settings.gid = parse_id<gid_t>(spec_text, true, 0xffffffffull);
                if (!settings.gid) {
                    write_all(2, std::string(program) + ": invalid group: " + quote(spec_text) + "\n");
                    return 1;
                }
            }
        } else {
            Spec spec;
            std::string error = parse_spec(program, spec_text, spec);
            if (!error.empty()) {
                write_all(2, std::string(program) + ": " + error + ": " + quote(spec_text) + "\n");
                return 1;
            }
            settings.uid = spec.uid;
            settings.gid = spec.gid;
        }
    }
    if (settings.recursive && settings.traversal == Traversal::physical && dereference_given) {
        write_all(2, std::string(program) + ": -R --dereference requires either -H or -L\n");
        return 1;
    }
    Changer changer(settings);
    bool ok = true;
    for (const auto& operand : operands)
        ok = changer.change(operand, true) && ok;
    return ok ? 0 : 1;
}

}  // namespace

int chown_main(int argc, char** argv) { return run("chown", argc, argv, false); }
int chgrp_main(int argc, char** argv) { return run("chgrp", argc, argv, true); }

}  // namespace toolbox
