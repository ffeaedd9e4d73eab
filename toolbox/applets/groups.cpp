// groups, as GNU coreutils: the group names of the current process, or "USER : groups" for
// each USERNAME (its primary group from /etc/passwd and the groups listing it in /etc/group).
// Like id, numbers stand in for groups without a name.
// applet: groups groups_main
#include <unistd.h>

#include <sx/posix.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/file_info.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: groups [OPTION]... [USERNAME]...\n"
    "Print group memberships for each USERNAME or, if no USERNAME is specified, for\n"
    "the current process (which may differ if the groups database has changed).\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// The groups listing `user` as a member in /etc/group.
std::vector<gid_t> supplementary_groups(std::string_view user) {
    std::vector<gid_t> groups;
    int error = 0;
    int fd = open_input("/etc/group");
    if (fd < 0)
        return groups;
    std::string content = read_all(fd, error);
    ::close(fd);
    size_t start = 0;
    while (start < content.size()) {
        size_t end = content.find('\n', start);
        std::string_view line = std::string_view(content).substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? content.size() : end + 1;
        // name:password:gid:member,member
        std::vector<std::string_view> fields;
        size_t from = 0;
        for (size_t colon; (colon = line.find(':', from)) != std::string_view::npos; from = colon + 1)
            fields.push_back(line.substr(from, colon - from));
        fields.push_back(line.substr(from));
        if (fields.size() < 4)
            continue;
        std::string_view members = fields[3];
        for (size_t at = 0; at <= members.size();) {
            size_t comma = members.find(',', at);
            std::string_view member = members.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
            if (member == user) {
                if (auto gid = find_group(fields[0]))
                    groups.push_back(*gid);
                break;
            }
            if (comma == std::string_view::npos)
                break;
            at = comma + 1;
        }
    }
    return groups;
}

void write_groups(Output& out, const std::vector<gid_t>& groups) {
    for (size_t i = 0; i < groups.size(); ++i) {
        if (i > 0)
            out.put(' ');
        out.write(group_name(groups[i]));
    }
    out.put('\n');
}

}  // namespace

int groups_main(int argc, char** argv) {
    OptionParser parser("groups", argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("groups");
        default: return 1;
        }
    }
    Output out;
    int status = 0;
    if (parser.operands().empty()) {
        std::vector<gid_t> groups{static_cast<gid_t>(::getegid())};
        if (static_cast<gid_t>(::getgid()) != groups[0])
            groups.push_back(static_cast<gid_t>(::getgid()));
        write_groups(out, groups);
        return finish(out, "groups", 0);
    }
    for (std::string_view user : parser.operands()) {
        auto uid = find_user(user);
        auto primary = uid ? user_primary_group(*uid) : std::nullopt;
        if (!uid || !primary) {
            out.flush();
            write_all(2, "groups: " + quote(user) + ": no such user\n");
            status = 1;
            continue;
        }
        std::vector<gid_t> groups{*primary};
        for (gid_t gid : supplementary_groups(user))
            if (std::find(groups.begin(), groups.end(), gid) == groups.end())
                groups.push_back(gid);
        out.write(std::string(user) + " : ");
        write_groups(out, groups);
    }
    return finish(out, "groups", status);
}

}  // namespace toolbox
