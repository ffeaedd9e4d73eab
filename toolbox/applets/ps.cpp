// ps, in the manner of procps-ng 4.0.2, from the sandbox kernel's /proc (status, cmdline and
// the fd/0 link for the terminal): the default listing (PID TTY TIME CMD of this user's
// processes on this terminal), -e/-A, -f, -o FORMAT (pid ppid pgid sid comm args stat user uid
// tty time ...), -p/-C/--ppid/--sid selections, --no-headers, and BSD a/u/x ("ps aux").
// The kernel keeps no CPU times, memory sizes or start times: TIME is 0, %CPU %MEM VSZ RSS are
// 0, STIME/START/ELAPSED are "-".
// applet: ps ps_main
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/file_info.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "\n"
    "Usage:\n"
    " ps [options]\n"
    "\n"
    " Try 'ps --help <simple|list|output|threads|misc|all>'\n"
    "  or 'ps --help <s|l|o|t|m|a>'\n"
    " for additional help text.\n"
    "\n"
    "For more details see ps(1).\n";

struct Process {
    int pid{0}, ppid{0}, pgid{0}, sid{0};
    unsigned uid{0}, gid{0};
    char state{'R'};
    std::string comm;
    std::string args;  // cmdline joined by spaces; "[comm]" when empty
    std::string tty;   // "pts/0", or "?"
};

std::string read_text(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return {};
    int error = 0;
    std::string text = read_all(fd, error);
    ::close(fd);
    return text;
}

std::string field(const std::string& status, std::string_view name) {
    std::string key = std::string(name) + ":\t";
    size_t at = status.find(key);
    if (at == std::string::npos)
        return {};
    at += key.size();
    size_t end = status.find_first_of("\t\n", at);
    return status.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

int number(const std::string& text) { return std::atoi(text.c_str()); }

std::string terminal_of(int pid) {
    char target[256];
    ssize_t length = ::readlink(("/proc/" + std::to_string(pid) + "/fd/0").c_str(), target, sizeof target - 1);
    if (length <= 0)
        return "?";
    std::string_view path(target, static_cast<size_t>(length));
    if (path.starts_with("/dev/pts/") || (path.starts_with("/dev/tty") && path.size() > 8))
        return std::string(path.substr(5));
    return "?";
}

std::optional<Process> read_process(int pid) {
    std::string base = "/proc/" + std::to_string(pid);
    std::string status = read_text(base + "/status");
    if (status.empty())
        return std::nullopt;
    Process process;
    process.pid = pid;
    process.ppid = number(field(status, "PPid"));
    process.pgid = number(field(status, "NSpgid"));
    process.sid = number(field(status, "NSsid"));
    process.uid = static_cast<unsigned>(number(field(status, "Uid")));
    process.gid = static_cast<unsigned>(number(field(status, "Gid")));
    std::string state = field(status, "State");
    process.state = state.empty() ? '?' : state[0];
    process.comm = field(status, "Name");
    std::string cmdline = read_text(base + "/cmdline");
    while (!cmdline.empty() && cmdline.back() == '\0')
        cmdline.pop_back();
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    process.args = cmdline.empty() ? "[" + process.comm + "]" : cmdline;
    process.tty = terminal_of(pid);
    return process;
}

std::vector<Process> all_processes() {
    std::vector<Process> processes;
    DIR* directory = ::opendir("/proc");
    if (!directory)
        return processes;
    while (dirent* entry = ::readdir(directory)) {
        std::string_view name = entry->d_name;
        if (name.empty() || name.find_first_not_of("0123456789") != std::string_view::npos)
            continue;
        if (auto process = read_process(std::atoi(entry->d_name)))
            processes.push_back(*process);
    }
    ::closedir(directory);
    std::sort(processes.begin(), processes.end(), [](const Process& a, const Process& b) { return a.pid < b.pid; });
    return processes;
}

// One output column: procps's name, header, width and alignment.
struct Column {
    std::string_view key;
    std::string_view header;
    int width;
    bool right;
};

constexpr Column k_columns[] = {
    {"pid", "PID", 5, true},        {"ppid", "PPID", 5, true},     {"pgid", "PGID", 5, true},
    {"pgrp", "PGRP", 5, true},      {"sid", "SID", 5, true},       {"sess", "SESS", 5, true},
    {"session", "SESS", 5, true},   {"tpgid", "TPGID", 5, true},   {"comm", "COMMAND", 15, false},
    {"ucomm", "COMMAND", 15, false}, {"ucmd", "CMD", 15, false},   {"fname", "COMMAND", 8, false},
    {"args", "COMMAND", 27, false}, {"command", "COMMAND", 27, false}, {"cmd", "CMD", 27, false},
    {"stat", "STAT", 4, false},     {"s", "S", 1, false},          {"state", "S", 1, false},
    {"user", "USER", 8, false},     {"euser", "EUSER", 8, false},  {"ruser", "RUSER", 8, false},
    {"uname", "USER", 8, false},    {"uid", "UID", 5, true},       {"euid", "EUID", 5, true},
    {"ruid", "RUID", 5, true},      {"gid", "GID", 5, true},       {"egid", "EGID", 5, true},
    {"group", "GROUP", 8, false},   {"egroup", "EGROUP", 8, false}, {"tty", "TT", 8, false},
    {"tt", "TT", 8, false},         {"tname", "TTY", 8, false},    {"time", "TIME", 8, true},
    {"cputime", "TIME", 8, true},   {"bsdtime", "TIME", 6, true},  {"etime", "ELAPSED", 11, true},
    {"etimes", "ELAPSED", 7, true}, {"%cpu", "%CPU", 4, true},     {"pcpu", "%CPU", 4, true},
    {"%mem", "%MEM", 4, true},      {"pmem", "%MEM", 4, true},     {"vsz", "VSZ", 6, true},
    {"vsize", "VSZ", 6, true},      {"rss", "RSS", 5, true},       {"rssize", "RSS", 5, true},
    {"ni", "NI", 3, true},          {"nice", "NI", 3, true},       {"pri", "PRI", 3, true},
    {"c", "C", 2, true},            {"stime", "STIME", 5, false},  {"start_time", "START", 5, false},
    {"start", "STARTED", 8, true},  {"lstart", "STARTED", 24, false}, {"f", "F", 1, true},
    {"flags", "F", 1, true},        {"wchan", "WCHAN", 6, false},
};

struct Field {
    const Column* column;
    std::string header;
    int width;
};

std::string value_of(std::string_view key, const Process& p) {
    if (key == "pid") return std::to_string(p.pid);
    if (key == "ppid") return std::to_string(p.ppid);
    if (key == "pgid" || key == "pgrp") return std::to_string(p.pgid);
    if (key == "sid" || key == "sess" || key == "session") return std::to_string(p.sid);
    if (key == "tpgid") return "-1";
    if (key == "comm" || key == "ucomm" || key == "ucmd" || key == "fname") return key == "fname" ? p.comm.substr(0, 8) : p.comm;
    if (key == "args" || key == "command" || key == "cmd") return p.args;
    if (key == "stat") return std::string(1, p.state) + (p.pid == p.sid ? "s" : "");
    if (key == "s" || key == "state") return std::string(1, p.state);
    if (key == "user" || key == "euser" || key == "ruser" || key == "uname") return user_name(p.uid);
    if (key == "uid" || key == "euid" || key == "ruid") return std::to_string(p.uid);
    if (key == "gid" || key == "egid") return std::to_string(p.gid);
    if (key == "group" || key == "egroup") return group_name(p.gid);
    if (key == "tty" || key == "tt" || key == "tname") return p.tty;
    if (key == "time" || key == "cputime") return "00:00:00";
    if (key == "bsdtime") return "0:00";
    if (key == "%cpu" || key == "pcpu" || key == "%mem" || key == "pmem") return "0.0";
    if (key == "vsz" || key == "vsize" || key == "rss" || key == "rssize" || key == "ni" || key == "nice" || key == "c")
        return "0";
    if (key == "pri") return "80";
    if (key == "f" || key == "flags") return "0";
    return "-";
}

const Column* find_column(std::string_view key) {
    for (const auto& column : k_columns)
        if (column.key == key)
            return &column;
    return nullptr;
}

// Appends "key[=header]" items separated by commas or blanks; false after the message.
bool add_format(std::string_view text, std::vector<Field>& fields) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find_first_of(", ", start);
        std::string_view item = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        if (item.empty())
            continue;
        size_t equals = item.find('=');
        std::string_view key = item.substr(0, equals);
        const Column* column = find_column(key);
        if (!column) {
            write_all(2, "error: unknown user-defined format specifier \"" + std::string(key) + "\"\n" + std::string(k_usage));
            return false;
        }
        std::string header = equals == std::string_view::npos ? std::string(column->header) : std::string(item.substr(equals + 1));
        fields.push_back({column, header, std::max(column->width, static_cast<int>(header.size()))});
    }
    return true;
}

void append_cell(std::string& line, const std::string& text, int width, bool right, bool last) {
    if (!line.empty())
        line.push_back(' ');
    int padding = std::max(0, width - static_cast<int>(text.size()));
    if (right)
        line.append(static_cast<size_t>(padding), ' ');
    line += text;
    if (!right && !last)
        line.append(static_cast<size_t>(padding), ' ');
}

struct Selection {
    bool everyone{false};       // -e, -A, ax
    bool bsd_a{false}, bsd_x{false};
    bool all_with_tty{false};   // -a
    bool not_leaders{false};    // -d
    std::set<int> pids, ppids, sids;
    std::set<std::string> commands;
    bool explicit_list{false};
};

bool selected(const Selection& s, const Process& p, unsigned my_uid, const std::string& my_tty) {
    if (s.explicit_list) {
        if (s.pids.count(p.pid) || s.ppids.count(p.ppid) || s.sids.count(p.sid) || s.commands.count(p.comm))
            return true;
        if (!s.everyone && !s.bsd_a && !s.bsd_x && !s.all_with_tty && !s.not_leaders)
            return false;
    }
    if (s.everyone || (s.bsd_a && s.bsd_x))
        return true;
    if (s.bsd_a)
        return p.tty != "?";
    if (s.bsd_x)
        return p.uid == my_uid;
    if (s.all_with_tty)
        return p.tty != "?" && p.pid != p.sid;
    if (s.not_leaders)
        return p.pid != p.sid;
    return p.uid == my_uid && p.tty == my_tty;
}

bool add_list(std::string_view text, std::set<int>& into) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find_first_of(", ", start);
        std::string item(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos) {
            write_all(2, "error: process ID list syntax error\n" + std::string(k_usage));
            return false;
        }
        into.insert(std::atoi(item.c_str()));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return true;
}

struct Request {
    Selection selection;
    std::vector<Field> fields;
    bool full{false}, bsd_user{false}, bsd{false}, headers{true};
};

// procps's three syntaxes: "-e" (UNIX), "aux" (BSD, no dash), "--pid" (GNU). Returns -1 to go
// on, or an exit status.
int parse_arguments(int argc, char** argv, Request& request) {
    Selection& s = request.selection;
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        auto next = [&]() -> std::optional<std::string_view> {
            if (i + 1 >= argc)
                return std::nullopt;
            return std::string_view(argv[++i]);
        };
        if (word.starts_with("--")) {
            std::string_view name = word.substr(2), value;
            bool has_value = false;
            if (size_t equals = name.find('='); equals != std::string_view::npos) {
                value = name.substr(equals + 1);
                name = name.substr(0, equals);
                has_value = true;
            }
            if (name == "help") return print_usage(k_usage);
            if (name == "version") return print_version("ps");
            if (name == "no-headers" || name == "no-heading") { request.headers = false; continue; }
            if (name == "headers") { request.headers = true; continue; }
            if (name == "pid" || name == "ppid" || name == "sid" || name == "format" || name == "deselect") {
                if (name == "deselect") continue;
                if (!has_value) {
                    auto argument = next();
                    if (!argument) break;
                    value = *argument;
                }
                if (name == "format") {
                    if (!add_format(value, request.fields)) return 1;
                    continue;
                }
                s.explicit_list = true;
                if (!add_list(value, name == "pid" ? s.pids : name == "ppid" ? s.ppids : s.sids)) return 1;
                continue;
            }
            write_all(2, "error: unknown gnu long option\n" + std::string(k_usage));
            return 1;
        }
        if (word.starts_with('-')) {
            for (size_t at = 1; at < word.size(); ++at) {
                char letter = word[at];
                std::string_view rest = word.substr(at + 1);
                auto argument = [&]() -> std::optional<std::string_view> {
                    if (!rest.empty()) {
                        at = word.size();
                        return rest;
                    }
                    return next();
                };
                switch (letter) {
                case 'e': case 'A': s.everyone = true; break;
                case 'a': s.all_with_tty = true; break;
                case 'd': s.not_leaders = true; break;
                case 'f': case 'F': request.full = true; break;
                case 'w': case 'H': case 'l': case 'j': case 'y': case 'M': break;
                case 'o': case 'p': case 'q': case 's': case 'C': {
                    auto value = argument();
                    if (!value) {
                        write_all(2, "error: list of " + std::string(letter == 'o' ? "format specifiers" : "process IDs") +
                                         " must follow -" + letter + "\n" + std::string(k_usage));
                        return 1;
                    }
                    if (letter == 'o') {
                        if (!add_format(*value, request.fields)) return 1;
                    } else if (letter == 'C') {
                        s.explicit_list = true;
                        size_t start = 0;
                        while (start <= value->size()) {
                            size_t end = value->find(',', start);
                            s.commands.insert(std::string(value->substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
                            if (end == std::string_view::npos) break;
                            start = end + 1;
                        }
                    } else {
                        s.explicit_list = true;
                        if (!add_list(*value, letter == 's' ? s.sids : s.pids)) return 1;
                    }
                    break;
                }
                default:
                    write_all(2, "error: unsupported SysV option\n" + std::string(k_usage));
                    return 1;
                }
            }
            continue;
        }
        // BSD options: letters without a dash.
        request.bsd = true;
        for (char letter : word) {
            switch (letter) {
            case 'a': s.bsd_a = true; break;
            case 'x': s.bsd_x = true; break;
            case 'u': request.bsd_user = true; break;
            case 'w': case 'e': case 'f': case 'h': break;
            default:
                write_all(2, "error: unsupported option (BSD syntax)\n" + std::string(k_usage));
                return 1;
            }
        }
    }
    return -1;
}

}  // namespace

int ps_main(int argc, char** argv) {
    Request request;
    if (int status = parse_arguments(argc, argv, request); status >= 0)
        return status;
    if (request.fields.empty()) {
        std::string_view format = request.bsd_user ? "user,pid,%cpu,%mem,vsz,rss,tname=TTY,stat,start_time=START,bsdtime,args"
                                  : request.bsd    ? "pid,tname=TTY,stat,bsdtime,args"
                                  : request.full   ? "user=UID,pid,ppid,c,stime,tname=TTY,time,args=CMD"
                                                   : "pid,tname=TTY,time,ucmd=CMD";
        add_format(format, request.fields);
    }
    std::vector<Process> processes = all_processes();
    unsigned my_uid = ::geteuid();
    std::string my_tty = terminal_of(::getpid());
    Output out;
    bool any_header = false;
    for (const auto& field : request.fields)
        any_header = any_header || !field.header.empty();
    if (request.headers && any_header) {
        std::string line;
        for (size_t i = 0; i < request.fields.size(); ++i) {
            const Field& field = request.fields[i];
            append_cell(line, field.header, field.width, field.column->right, i + 1 == request.fields.size());
        }
        out.write(line + "\n");
    }
    bool found = false;
    for (const auto& process : processes) {
        if (!selected(request.selection, process, my_uid, my_tty))
            continue;
        found = true;
        std::string line;
        for (size_t i = 0; i < request.fields.size(); ++i) {
            const Field& field = request.fields[i];
            append_cell(line, value_of(field.column->key, process), field.width, field.column->right,
                        i + 1 == request.fields.size());
        }
        out.write(line + "\n");
    }
    return finish(out, "ps", found ? 0 : 1);
}

}  // namespace toolbox
