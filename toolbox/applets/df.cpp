// df, as GNU coreutils 9.1 in its layout and options (-a -h -H -k -B -P -T -i -l -t -x
// --output --total), over the mount table in /proc/mounts. Sizes need statfs, which neither WASI
// nor the secure_exec module offers guests yet, so every size, usage and inode count shows as
// "-" (GNU's mark for an unknown value). A FILE operand selects the mount that holds it.
// applet: df df_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "lib/canonicalize.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: df [OPTION]... [FILE]...\n"
    "Show information about the file system on which each FILE resides,\n"
    "or all file systems by default.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --all             include pseudo, duplicate, inaccessible file systems\n"
    "  -B, --block-size=SIZE  scale sizes by SIZE before printing them\n"
    "  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n"
    "  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)\n"
    "  -i, --inodes          list inode information instead of block usage\n"
    "  -k                    like --block-size=1K\n"
    "  -l, --local           limit listing to local file systems\n"
    "      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,\n"
    "                               or print all fields if FIELD_LIST is omitted.\n"
    "  -P, --portability     use the POSIX output format\n"
    "      --total           elide all entries insignificant to available space,\n"
    "                          and produce a grand total\n"
    "  -t, --type=TYPE       limit listing to file systems of type TYPE\n"
    "  -T, --print-type      print file system type\n"
    "  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "FIELD_LIST is a comma-separated list of columns to be included.  Valid\n"
    "field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',\n"
    "'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).\n";

enum LongId { k_output = k_long_only, k_total, k_sync, k_no_sync };

constexpr LongOption k_long_options[] = {
    {"all", Argument::none, 'a'},
    {"block-size", Argument::required, 'B'},
    {"human-readable", Argument::none, 'h'},
    {"si", Argument::none, 'H'},
    {"inodes", Argument::none, 'i'},
    {"local", Argument::none, 'l'},
    {"output", Argument::optional, k_output},
    {"portability", Argument::none, 'P'},
    {"print-type", Argument::none, 'T'},
    {"sync", Argument::none, k_sync},
    {"no-sync", Argument::none, k_no_sync},
    {"total", Argument::none, k_total},
    {"type", Argument::required, 't'},
    {"exclude-type", Argument::required, 'x'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Mount {
    std::string source, target, type;
};

struct Column {
    std::string name;      // --output's field name
    std::string heading;
    bool left{false};
};

std::vector<Mount> read_mounts() {
    std::vector<Mount> mounts;
    int fd = ::open("/proc/mounts", O_RDONLY);
    if (fd < 0)
        return mounts;
    int error = 0;
    std::string text = read_all(fd, error);
    ::close(fd);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        std::vector<std::string> fields;
        size_t at = 0;
        while (at < line.size()) {
            size_t space = line.find(' ', at);
            if (space == std::string::npos)
                space = line.size();
            fields.push_back(line.substr(at, space - at));
            at = space + 1;
        }
        if (fields.size() >= 3)
            mounts.push_back({fields[0], fields[1], fields[2]});
    }
    return mounts;
}

// GNU's "dummy" file systems (mountlist.c ME_DUMMY), hidden without -a.
bool is_dummy(const Mount& mount) {
    static constexpr std::string_view k_dummy[] = {"autofs", "proc",  "subfs", "debugfs", "devpts", "fusectl",
                                                   "mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore"};
    for (auto type : k_dummy)
        if (mount.type == type)
            return true;
    return mount.source == "none";
}

// The mount holding `path`: the longest mount point that is a prefix of its canonical name.
const Mount* mount_of(const std::vector<Mount>& mounts, const std::string& path) {
    const Mount* best = nullptr;
    for (const auto& mount : mounts) {
        bool below = mount.target == "/" ||
                     path == mount.target || (path.starts_with(mount.target) && path[mount.target.size()] == '/');
        if (below && (!best || mount.target.size() >= best->target.size()))
            best = &mount;
    }
    return best;
}

}  // namespace

int df_main(int argc, char** argv) {
    bool all = false, inodes = false, portable = false, print_type = false, total = false;
    bool human = false, si = false;
    std::string block_heading = "1K-blocks";
    std::vector<std::string> only_types, excluded_types;
    const char* output_fields = nullptr;
    bool output_given = false;
    OptionParser parser("df", argc, argv, "aB:hHiklmPt:Tx:v", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("df");
        case 'a': all = true; break;
        case 'B': block_heading = std::string(option.argument) + "-blocks"; break;
        case 'h': human = true; si = false; break;
        case 'H': si = true; human = false; break;
        case 'i': inodes = true; break;
        case 'k': block_heading = "1K-blocks"; human = si = false; break;
        case 'm': block_heading = "1M-blocks"; human = si = false; break;
        case 'l':
        case 'v':
        case k_sync:
        case k_no_sync: break;
        case 'P': portable = true; break;
        case 'T': print_type = true; break;
        case 't': only_types.emplace_back(option.argument); break;
        case 'x': excluded_types.emplace_back(option.argument); break;
        case k_total: total = true; break;
        case k_output:
            output_given = true;
            output_fields = option.argument;
            break;
        }
    }
    if (output_given && (inodes || print_type || portable)) {
        const char* other = inodes ? "-i" : print_type ? "-T" : "-P";
        write_all(2, std::string("df: options ") + other + " and --output are mutually exclusive\n");
        return try_help("df");
    }
    for (const auto& type : only_types)
        for (const auto& excluded : excluded_types)
            if (type == excluded) {
                write_all(2, "df: file system type " + quote(type) + " both selected and excluded\n");
                return 1;
            }
    std::vector<Column> columns;
    auto add = [&](const std::string& name) -> bool {
        static const struct {
            const char* name;
            const char* heading;
            bool left;
        } k_fields[] = {{"source", "Filesystem", true}, {"fstype", "Type", true},   {"itotal", "Inodes", false},
                        {"iused", "IUsed", false},      {"iavail", "IFree", false}, {"ipcent", "IUse%", false},
                        {"size", "", false},            {"used", "Used", false},    {"avail", "Avail", false},
                        {"pcent", "Use%", false},       {"file", "File", true},     {"target", "Mounted on", true}};
        for (const auto& field : k_fields) {
            if (name != field.name)
                continue;
            for (const auto& column : columns)
                if (column.name == name) {
                    write_all(2, "df: option --output: field " + quote(name) + " used more than once\n");
                    return false;
                }
            std::string heading = field.heading;
            if (name == "size")
                heading = human || si ? "Size" : block_heading;
            columns.push_back({name, heading, field.left});
            return true;
        }
        write_all(2, "df: option --output: field " + quote(name) + " unknown\n");
        return false;
    };
    if (output_given) {
        std::string_view list = output_fields ? output_fields
                                              : "source,fstype,itotal,iused,iavail,ipcent,size,used,avail,pcent,file,target";
        while (true) {
            size_t comma = list.find(',');
            if (!add(std::string(list.substr(0, comma))))
                return try_help("df");
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
    } else {
        add("source");
        if (print_type)
            add("fstype");
        if (inodes) {
            for (const char* name : {"itotal", "iused", "iavail", "ipcent"})
                add(name);
        } else {
            for (const char* name : {"size", "used", "avail", "pcent"})
                add(name);
            if (human || si)
                columns[columns.size() - 2].heading = "Avail";
            else
                columns[columns.size() - 2].heading = "Available";
            if (portable) {
                columns.back().heading = "Capacity";
                if (block_heading == "1K-blocks")
                    columns[columns.size() - 4].heading = "1024-blocks";
            }
        }
        add("target");
    }
    std::vector<Mount> mounts = read_mounts();
    std::vector<std::pair<Mount, std::string>> rows;  // a mount and the FILE operand that chose it
    bool ok = true;
    auto selected = [&](const Mount& mount) {
        for (const auto& type : excluded_types)
            if (mount.type == type)
                return false;
        if (only_types.empty())
            return true;
        for (const auto& type : only_types)
            if (mount.type == type)
                return true;
        return false;
    };
    if (parser.operands().empty()) {
        for (const auto& mount : mounts)
            if ((all || !is_dummy(mount)) && selected(mount))
                rows.emplace_back(mount, "");
    } else {
        for (std::string_view operand : parser.operands()) {
            int error = 0;
            auto path = canonicalize(operand, Canonical::existing, error);
            if (!path) {
                write_all(2, "df: " + quote_file(operand) + ": " + strerror_gnu(error) + "\n");
                ok = false;
                continue;
            }
            if (const Mount* mount = mount_of(mounts, *path); mount && selected(*mount))
                rows.emplace_back(*mount, std::string(operand));
        }
    }
    if (rows.empty()) {
        if (ok)
            write_all(2, "df: no file systems processed\n");
        return 1;
    }
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> heading;
    for (const auto& column : columns)
        heading.push_back(column.heading);
    table.push_back(heading);
    auto cells_for = [&](const Mount& mount, const std::string& file) {
        std::vector<std::string> cells;
        for (const auto& column : columns) {
            if (column.name == "source")
                cells.push_back(mount.source);
            else if (column.name == "fstype")
                cells.push_back(mount.type);
            else if (column.name == "target")
                cells.push_back(mount.target);
            else if (column.name == "file")
                cells.push_back(file.empty() ? "-" : file);
            else
                cells.push_back("-");
        }
        return cells;
    };
    for (const auto& [mount, file] : rows)
        table.push_back(cells_for(mount, file));
    if (total) {
        auto cells = cells_for(Mount{"total", "-", "-"}, "-");
        table.push_back(cells);
    }
    std::vector<size_t> widths(columns.size(), 0);
    for (const auto& row : table)
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    // df.c: the source column is at least 14 wide.
    if (!columns.empty() && columns[0].name == "source")
        widths[0] = std::max<size_t>(widths[0], 14);
    Output out;
    for (const auto& row : table) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                line.push_back(' ');
            size_t pad = widths[i] - row[i].size();
            bool last = i + 1 == row.size();
            if (columns[i].left)
                line += row[i] + (last ? "" : std::string(pad, ' '));
            else
                line += std::string(pad, ' ') + row[i];
        }
        out.write(line + "\n");
    }
    return finish(out, "df", ok ? 0 : 1);
}

}  // namespace toolbox
