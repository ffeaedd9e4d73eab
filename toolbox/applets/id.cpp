// id and whoami, as GNU coreutils: ids from the kernel's credentials (the process has no
// supplementary groups beyond its group), names from /etc/passwd and /etc/group when they
// exist (printed in parentheses; numbers alone otherwise, as GNU on a system without the
// entries). id USER looks USER up in /etc/passwd.
// applet: id id_main
// applet: whoami whoami_main
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/file_info.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_id_usage =
    "Usage: id [OPTION]... [USER]...\n"
    "Print user and group information for each specified USER,\n"
    "or (when USER omitted) for the current process.\n"
    "\n"
    "  -a             ignore, for compatibility with other versions\n"
    "  -Z, --context  print only the security context of the process\n"
    "  -g, --group    print only the effective group ID\n"
    "  -G, --groups   print all group IDs\n"
    "  -n, --name     print a name instead of a number, for -u,-g,-G\n"
    "  -r, --real     print the real ID instead of the effective ID, with -u,-g,-G\n"
    "  -u, --user     print only the effective user ID\n"
    "  -z, --zero     delimit entries with NUL characters, not whitespace;\n"
    "                   not permitted in default format\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Without any OPTION, print some useful set of identified information.\n";

constexpr std::string_view k_whoami_usage =
    "Usage: whoami [OPTION]...\n"
    "Print the user name associated with the current effective user ID.\n"
    "Same as id -un.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_id_options[] = {
    {"context", Argument::none, 'Z'},
    {"group", Argument::none, 'g'},
    {"groups", Argument::none, 'G'},
    {"name", Argument::none, 'n'},
    {"real", Argument::none, 'r'},
    {"user", Argument::none, 'u'},
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_whoami_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Ids {
    uid_t uid{0}, euid{0};
    gid_t gid{0}, egid{0};
    std::vector<gid_t> groups;
};

class Printer final {
public:
    explicit Printer(Output& out) : m_out(out) {}
    bool failed() const { return m_failed; }

    // One id for -u/-g, by name when -n (an unnamed id fails, printed as its number).
    void one(uint32_t id, bool group, bool names) {
        if (!names) {
            m_out.write(std::to_string(id));
            return;
        }
        bool known = group ? has_group_name(id) : has_user_name(id);
        if (!known) {
            write_all(2, std::string("id: cannot find name for ") + (group ? "group" : "user") + " ID " +
                             std::to_string(id) + "\n");
            m_failed = true;
        }
        m_out.write(group ? group_name(id) : user_name(id));
    }

    // "uid=1000(user) gid=1000(user) groups=1000(user)" (id.c print_full_info).
    void full(const Ids& ids) {
        auto named = [](uint32_t id, bool group) {
            bool known = group ? has_group_name(id) : has_user_name(id);
            std::string text = std::to_string(id);
            if (known)
                text += "(" + (group ? group_name(id) : user_name(id)) + ")";
            return text;
        };
        std::string line = "uid=" + named(ids.uid, false) + " gid=" + named(ids.gid, true);
        if (ids.euid != ids.uid)
            line += " euid=" + named(ids.euid, false);
        if (ids.egid != ids.gid)
            line += " egid=" + named(ids.egid, true);
        line += " groups=";
        for (size_t i = 0; i < ids.groups.size(); ++i)
            line += (i ? "," : "") + named(ids.groups[i], true);
        m_out.write(line);
    }

private:
    Output& m_out;
    bool m_failed{false};
};

}  // namespace

int id_main(int argc, char** argv) {
    bool only_user = false, only_group = false, only_groups = false, names = false, real = false, zero = false;
    bool context = false;
    OptionParser parser("id", argc, argv, "agnruzGZ", k_id_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_id_usage);
        case k_version: return print_version("id");
        case 'a': break;
        case 'Z': context = true; break;
        case 'g': only_group = true; break;
        case 'G': only_groups = true; break;
        case 'n': names = true; break;
        case 'r': real = true; break;
        case 'u': only_user = true; break;
        case 'z': zero = true; break;
        }
    }
    int choices = only_user + only_group + only_groups + context;
    if (choices > 1) {
        write_all(2, "id: cannot print \"only\" of more than one choice\n");
        return 1;
    }
    if (context) {
        write_all(2, "id: --context (-Z) works only on an SELinux-enabled kernel\n");
        return 1;
    }
    if (choices == 0 && (names || real)) {
        write_all(2, "id: cannot print only names or real IDs in default format\n");
        return 1;
    }
    if (choices == 0 && zero) {
        write_all(2, "id: option --zero not permitted in default format\n");
        return 1;
    }
    std::vector<std::optional<Ids>> subjects;
    bool ok = true;
    if (parser.operands().empty()) {
        Ids ids{::getuid(), ::geteuid(), ::getgid(), ::getegid(), {}};
        ids.groups.push_back(ids.egid);
        if (ids.gid != ids.egid)
            ids.groups.push_back(ids.gid);
        subjects.emplace_back(ids);
    }
    for (std::string_view user : parser.operands()) {
        auto uid = find_user(user);
        auto group = uid ? user_primary_group(*uid) : std::nullopt;
        if (!uid || !group) {
            write_all(2, "id: " + quote(user) + ": no such user\n");
            ok = false;
            continue;
        }
        Ids ids{*uid, *uid, *group, *group, {*group}};
        subjects.emplace_back(ids);
    }
    Output out;
    Printer printer(out);
    char end = zero ? '\0' : '\n';
    for (const auto& subject : subjects) {
        const Ids& ids = *subject;
        if (only_user) {
            printer.one(real ? ids.uid : ids.euid, false, names);
        } else if (only_group) {
            printer.one(real ? ids.gid : ids.egid, true, names);
        } else if (only_groups) {
            for (size_t i = 0; i < ids.groups.size(); ++i) {
                if (i > 0)
                    out.put(zero ? '\0' : ' ');
                printer.one(ids.groups[i], true, names);
            }
        } else {
            printer.full(ids);
        }
        out.put(end);
    }
    return finish(out, "id", ok && !printer.failed() ? 0 : 1);
}

int whoami_main(int argc, char** argv) {
    OptionParser parser("whoami", argc, argv, "", k_whoami_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_whoami_usage);
        case k_version: return print_version("whoami");
        }
    }
    if (!parser.operands().empty())
        return extra_operand("whoami", parser.operands().front());
    uid_t uid = ::geteuid();
    if (!has_user_name(uid)) {
        write_all(2, "whoami: cannot find name for user ID " + std::to_string(uid) + "\n");
        return 1;
    }
    return write_all(1, user_name(uid) + "\n") ? 0 : 1;
}

}  // namespace toolbox
