// ls, as GNU coreutils 9.1: operands split into files (listed first, together) and directories
// (each listed after a "NAME:" header when there is more than one thing to list), -R depth first,
// sorting by name (byte order, as the C and C.UTF-8 locales), time, size, extension or version.
// Output formats and colours are in ls_format.cpp. Exit status: 0, 1 for trouble inside a
// directory, 2 for an operand that cannot be accessed or a usage error.
// applet: ls ls_main
#include <sys/stat.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <set>
#include <utility>

#include <sx/posix.h>

#include "applets/ls.h"
#include "lib/argmatch.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"
#include "lib/version_compare.h"

namespace toolbox {

namespace {

using namespace ls;

constexpr int k_failure = 2;

constexpr std::string_view k_usage =
    "Usage: ls [OPTION]... [FILE]...\n"
    "List information about the FILEs (the current directory by default).\n"
    "Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --all                  do not ignore entries starting with .\n"
    "  -A, --almost-all           do not list implied . and ..\n"
    "  -B, --ignore-backups       do not list implied entries ending with ~\n"
    "  -c                         with -lt: sort by, and show, ctime; with -l: show ctime;\n"
    "                               otherwise: sort by ctime, newest first\n"
    "  -C                         list entries by columns\n"
    "      --color[=WHEN]         color the output; WHEN is 'always', 'auto' or 'never'\n"
    "  -d, --directory            list directories themselves, not their contents\n"
    "  -f                         list all entries in directory order (-aU, no -l, no color)\n"
    "  -F, --classify[=WHEN]      append indicator (one of */=>@|) to entries WHEN\n"
    "      --file-type            likewise, except do not append '*'\n"
    "      --full-time            like -l --time-style=full-iso\n"
    "  -g                         like -l, but do not list owner\n"
    "      --group-directories-first\n"
    "                             group directories before files\n"
    "  -G, --no-group             in a long listing, don't print group names\n"
    "  -h, --human-readable       with -l, print sizes like 1K 234M 2G etc.\n"
    "      --si                   likewise, but use powers of 1000 not 1024\n"
    "  -i, --inode                print the index number of each file\n"
    "      --indicator-style=WORD append indicator with style WORD to entry names:\n"
    "                               none, slash (-p), file-type (--file-type), classify (-F)\n"
    "  -l                         use a long listing format\n"
    "  -L, --dereference          show information for the file a symbolic link references\n"
    "  -m                         fill width with a comma separated list of entries\n"
    "  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs\n"
    "  -o                         like -l, but do not list group information\n"
    "  -p                         append / indicator to directories\n"
    "  -r, --reverse              reverse order while sorting\n"
    "  -R, --recursive            list subdirectories recursively\n"
    "  -S                         sort by file size, largest first\n"
    "      --sort=WORD            sort by WORD instead of name: none (-U), size (-S),\n"
    "                               time (-t), version (-v), extension (-X)\n"
    "      --time=WORD            with -l, show time as WORD instead of modification time:\n"
    "                               atime, access, use (-u); ctime, status (-c)\n"
    "  -t                         sort by time, newest first\n"
    "  -T, --tabsize=COLS         assume tab stops at each COLS instead of 8\n"
    "  -u                         with -lt: sort by, and show, access time; with -l: show\n"
    "                               access time; otherwise: sort by access time, newest first\n"
    "  -U                         do not sort; list entries in directory order\n"
    "  -v                         natural sort of (version) numbers within text\n"
    "  -w, --width=COLS           set output width to COLS.  0 means no limit\n"
    "  -x                         list entries by lines instead of by columns\n"
    "  -X                         sort alphabetically by entry extension\n"
    "  -1                         list one file per line\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Exit status:\n"
    " 0  if OK,\n"
    " 1  if minor problems (e.g., cannot access subdirectory),\n"
    " 2  if serious trouble (e.g., cannot access command-line argument).\n";

enum LongId {
    k_color = k_long_only, k_classify, k_file_type, k_full_time, k_group_first, k_si, k_indicator_style, k_sort,
    k_time,
};

constexpr LongOption k_long_options[] = {
    {"all", Argument::none, 'a'},
    {"almost-all", Argument::none, 'A'},
    {"ignore-backups", Argument::none, 'B'},
    {"color", Argument::optional, k_color},
    {"directory", Argument::none, 'd'},
    {"classify", Argument::optional, k_classify},
    {"file-type", Argument::none, k_file_type},
    {"full-time", Argument::none, k_full_time},
    {"group-directories-first", Argument::none, k_group_first},
    {"no-group", Argument::none, 'G'},
    {"human-readable", Argument::none, 'h'},
    {"si", Argument::none, k_si},
    {"inode", Argument::none, 'i'},
    {"indicator-style", Argument::required, k_indicator_style},
    {"dereference", Argument::none, 'L'},
    {"numeric-uid-gid", Argument::none, 'n'},
    {"reverse", Argument::none, 'r'},
    {"recursive", Argument::none, 'R'},
    {"sort", Argument::required, k_sort},
    {"time", Argument::required, k_time},
    {"tabsize", Argument::required, 'T'},
    {"width", Argument::required, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum When { k_always, k_never, k_auto };
constexpr ArgWord k_when_words[] = {{"always", k_always}, {"yes", k_always}, {"force", k_always},
                                    {"never", k_never},   {"no", k_never},   {"none", k_never},
                                    {"auto", k_auto},     {"tty", k_auto},   {"if-tty", k_auto}};
constexpr ArgWord k_sort_words[] = {{"none", 0}, {"time", 1}, {"size", 2}, {"extension", 3}, {"version", 4}, {"width", 5}};
constexpr ArgWord k_time_words[] = {{"atime", 0}, {"access", 0}, {"use", 0}, {"ctime", 1}, {"status", 1},
                                    {"birth", 2}, {"creation", 2}};
constexpr ArgWord k_indicator_words[] = {{"none", 0}, {"slash", 1}, {"file-type", 2}, {"classify", 3}};

struct Settings {
    Options options;
    bool group_directories_first{false};
    bool version_sort{false};
    bool file_type_indicators{false};  // --file-type: like -F without '*'
    bool stdout_is_tty{false};
};

// The sort order: GNU's cmp_* functions, with -r reversing the whole comparison.
bool sorts_before(const Settings& settings, const File& a, const File& b) {
    const Options& options = settings.options;
    auto by_name = [&](const File& x, const File& y) {
        if (settings.version_sort) {
            // ls.c cmp_version: filevercmp, then byte order for names it calls equal.
            int order = version_compare(x.name, y.name);
            return order != 0 ? order < 0 : x.name < y.name;
        }
        return x.name < y.name;
    };
    auto compare = [&](const File& x, const File& y) {
        switch (options.sort) {
        case Sort::time: {
            auto pick = [&](const File& f) {
                return options.time == TimeField::access   ? f.status.st_atim
                       : options.time == TimeField::change ? f.status.st_ctim
                                                           : f.status.st_mtim;
            };
            timespec tx = pick(x), ty = pick(y);
            if (tx.tv_sec != ty.tv_sec)
                return tx.tv_sec > ty.tv_sec;
            if (tx.tv_nsec != ty.tv_nsec)
                return tx.tv_nsec > ty.tv_nsec;
            return by_name(x, y);
        }
        case Sort::size:
            if (x.status.st_size != y.status.st_size)
                return x.status.st_size > y.status.st_size;
            return by_name(x, y);
        case Sort::extension: {
            auto extension = [](const std::string& name) {
                size_t dot = name.rfind('.');
                return dot == std::string::npos ? std::string() : name.substr(dot);
            };
            std::string ex = extension(x.name), ey = extension(y.name);
            if (ex != ey)
                return ex < ey;
            return by_name(x, y);
        }
        default:
            return by_name(x, y);
        }
    };
    return options.reverse ? compare(b, a) : compare(a, b);
}

void sort_files(const Settings& settings, std::vector<File>& files) {
    if (settings.options.sort != Sort::none)
        std::stable_sort(files.begin(), files.end(),
                         [&](const File& a, const File& b) { return sorts_before(settings, a, b); });
    if (settings.group_directories_first)
        std::stable_partition(files.begin(), files.end(), [](const File& f) {
            const struct stat& s = f.target_ok && S_ISLNK(f.status.st_mode) ? f.target_status : f.status;
            return f.stat_ok && S_ISDIR(s.st_mode);
        });
}

// Fills in a file's status (lstat, or stat with -L) and, for links, what ls.c gobble_file()
// reads: the target's text for -l, its status only when an indicator or a colour needs it.
int examine(const Options& options, File& file, bool follow) {
    int result = follow ? ::stat(file.path.c_str(), &file.status) : ::lstat(file.path.c_str(), &file.status);
    if (result != 0)
        return errno;
    file.stat_ok = true;
    if (!S_ISLNK(file.status.st_mode))
        return 0;
    if (options.format != Format::long_lines && !options.check_link_targets)
        return 0;
    char buffer[4096];
    ssize_t length = ::readlink(file.path.c_str(), buffer, sizeof buffer);
    if (length >= 0)
        file.link_target.assign(buffer, static_cast<size_t>(length));
    bool with_indicator = options.indicators == Indicators::file_type || options.indicators == Indicators::classify;
    if (with_indicator || options.check_link_targets)
        file.target_ok = ::stat(file.path.c_str(), &file.target_status) == 0;
    return 0;
}

bool is_directory(const File& file) { return file.stat_ok && S_ISDIR(file.status.st_mode); }

class Lister final {
public:
    Lister(const Settings& settings, Output& out) : m_settings(settings), m_options(settings.options), m_out(out),
                                                    m_printer(settings.options, out) {}

    int run(const std::vector<std::string_view>& operands);

private:
    void list_directory(const std::string& path, bool operand);
    std::string shown(const std::string& name) const { return m_options.quote_names ? quote_file(name) : name; }

    const Settings& m_settings;
    const Options& m_options;
    Output& m_out;
    Printer m_printer;
    int m_status{0};
    bool m_print_headers{true};
    bool m_first{true};
    std::vector<std::pair<std::string, bool>> m_pending;  // a stack of (path, is operand)
    std::set<std::pair<dev_t, ino_t>> m_seen;             // directories listed, against -L loops
};

int Lister::run(const std::vector<std::string_view>& operands) {
    std::vector<File> files;
    std::vector<File> directories;
    std::vector<std::string_view> names = operands;
    if (names.empty())
        names.push_back(".");
    for (std::string_view name : names) {
        File file;
        file.name = file.path = std::string(name);
        file.operand = true;
        // GNU follows a command-line symlink to a directory unless -l, -d or -F ask about the link.
        bool long_or_classify = m_options.format == Format::long_lines || m_options.directories_as_files ||
                                m_options.indicators == Indicators::classify;
        int error = examine(m_options, file, m_options.dereference);
        if (error != 0) {
            write_all(2, "ls: cannot access " + quote_file_always(file.name) + ": " + strerror_gnu(error) + "\n");
            m_status = k_failure;
            continue;
        }
        if (!m_options.dereference && !long_or_classify && S_ISLNK(file.status.st_mode)) {
            struct stat target {};
            if (::stat(file.path.c_str(), &target) == 0 && S_ISDIR(target.st_mode))
                file.status = target;
        }
        if (is_directory(file) && !m_options.directories_as_files)
            directories.push_back(std::move(file));
        else
            files.push_back(std::move(file));
    }
    sort_files(m_settings, files);
    sort_files(m_settings, directories);
    if (!files.empty()) {
        std::vector<File> measured = files;
        measured.insert(measured.end(), directories.begin(), directories.end());
        m_printer.print(files, false, &measured);
        if (!directories.empty())
            m_out.put('\n');
    }
    // GNU leaves out the "NAME:" header only for one directory operand and nothing else.
    m_print_headers = m_options.recursive || !(files.empty() && names.size() <= 1 && directories.size() == 1);
    for (auto it = directories.rbegin(); it != directories.rend(); ++it)
        m_pending.emplace_back(it->path, true);
    while (!m_pending.empty()) {
        auto [path, operand] = m_pending.back();
        m_pending.pop_back();
        list_directory(path, operand);
    }
    return m_status;
}

void Lister::list_directory(const std::string& path, bool operand) {
    if (m_options.dereference || m_options.recursive) {
        struct stat status {};
        if (::stat(path.c_str(), &status) == 0 && !m_seen.emplace(status.st_dev, status.st_ino).second &&
            m_options.dereference) {
            write_all(2, "ls: " + quote_file(path) + ": not listing already-listed directory\n");
            m_status = k_failure;
            return;
        }
    }
    std::vector<std::string> names;
    bool with_dots = m_options.hidden == Hidden::all;
    int error = read_directory(path, names, with_dots);
    if (error != 0) {
        write_all(2, "ls: cannot open directory " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
        m_status = operand ? k_failure : std::max(m_status, 1);
        return;
    }
    if (with_dots) {
        for (const char* dot : {"..", "."})
            if (std::find(names.begin(), names.end(), dot) == names.end())
                names.insert(names.begin(), dot);
    }
    if (m_print_headers) {
        if (!m_first)
            m_out.put('\n');
        m_first = false;
        m_out.write(shown(path) + ":\n");
    }
    std::vector<File> files;
    for (const auto& name : names) {
        if (name[0] == '.' && m_options.hidden == Hidden::skip)
            continue;
        if (m_options.hidden == Hidden::almost_all && (name == "." || name == ".."))
            continue;
        if (m_options.ignore_backups && name.back() == '~')
            continue;
        File file;
        file.name = name;
        file.path = path == "." ? name : join_path(path, name);  // ls.c attach()
        int failed = examine(m_options, file, m_options.dereference);
        if (failed != 0) {
            write_all(2, "ls: cannot access " + quote_file_always(file.path) + ": " + strerror_gnu(failed) + "\n");
            m_status = std::max(m_status, 1);
        }
        files.push_back(std::move(file));
    }
    sort_files(m_settings, files);
    m_printer.print(files, m_options.format == Format::long_lines);
    if (!m_options.recursive)
        return;
    for (auto it = files.rbegin(); it != files.rend(); ++it)
        if (is_directory(*it) && it->name != "." && it->name != "..")
            m_pending.emplace_back(join_path(path, it->name), false);
}

// Mirrors ls.c parse_ls_color(): without LS_COLORS (or COLORTERM), colours need a TERM that
// dircolors' database knows.
bool colors_wanted() {
    const char* spec = std::getenv("LS_COLORS");
    if (spec && *spec)
        return true;
    const char* color_term = std::getenv("COLORTERM");
    if (color_term && *color_term)
        return true;
    const char* term = std::getenv("TERM");
    if (!term)
        return false;
    static constexpr const char* k_terms[] = {
        "Eterm", "ansi", "*color*", "con[0-9]*x[0-9]*", "cons25", "console", "cygwin", "*direct*", "dtterm",
        "gnome", "hurd", "jfbterm", "konsole", "kterm", "linux", "linux-c", "mlterm", "putty", "rxvt*",
        "screen*", "st", "terminator", "tmux*", "vt100", "xterm*"};
    for (const char* pattern : k_terms)
        if (fnmatch(pattern, term, 0) == 0)
            return true;
    return false;
}

// Parses a width or tab size: a non-negative decimal number.
bool parse_size(std::string_view text, size_t& value) {
    auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
}

// The default format and the option letters that pick another: the last one given wins.
int parse_options(Settings& settings, OptionParser& parser, std::vector<std::string_view>& operands) {
    Options& options = settings.options;
    int color_when = k_never;
    bool sort_given = false;
    bool time_given = false;
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return k_failure;
        case k_help: return print_usage(k_usage) == 0 ? -1 : 1;
        case k_version: print_version("ls"); return -1;
        case 'a': options.hidden = Hidden::all; break;
        case 'A': options.hidden = Hidden::almost_all; break;
        case 'B': options.ignore_backups = true; break;
        case 'c': options.time = TimeField::change; time_given = true; break;
        case 'u': options.time = TimeField::access; time_given = true; break;
        case 'C': options.format = Format::columns; break;
        case 'x': options.format = Format::across; break;
        case 'm': options.format = Format::commas; break;
        case '1':
            if (options.format != Format::long_lines)  // -1 has no effect after -l (ls.c)
                options.format = Format::one_per_line;
            break;
        case 'l': options.format = Format::long_lines; break;
        case 'g': options.format = Format::long_lines; options.show_owner = false; break;
        case 'o': options.format = Format::long_lines; options.show_group = false; break;
        case 'n': options.format = Format::long_lines; options.numeric_ids = true; break;
        case 'G': options.show_group = false; break;
        case 'd': options.directories_as_files = true; break;
        case 'f':
            options.hidden = Hidden::all;
            options.sort = Sort::none;
            sort_given = true;
            if (options.format == Format::long_lines)
                options.format = settings.stdout_is_tty ? Format::columns : Format::one_per_line;
            color_when = k_never;
            break;
        case 'F':
            options.indicators = Indicators::classify;
            settings.file_type_indicators = false;
            break;
        case 'p': options.indicators = Indicators::slash; break;
        case 'h': options.sizes = SizeStyle::human; break;
        case k_si: options.sizes = SizeStyle::si; break;
        case 'i': options.inode = true; break;
        case 'L': options.dereference = true; break;
        case 'r': options.reverse = true; break;
        case 'R': options.recursive = true; break;
        case 'S': options.sort = Sort::size; sort_given = true; break;
        case 't': options.sort = Sort::time; sort_given = true; break;
        case 'U': options.sort = Sort::none; sort_given = true; break;
        case 'X': options.sort = Sort::extension; sort_given = true; break;
        case 'v': options.sort = Sort::name; settings.version_sort = true; sort_given = true; break;
        case k_full_time: options.format = Format::long_lines; options.full_time = true; break;
        case k_group_first: settings.group_directories_first = true; break;
        case k_file_type:
            options.indicators = Indicators::classify;
            settings.file_type_indicators = true;
            break;
        case 'w':
            if (!parse_size(option.argument, options.line_width)) {
                write_all(2, "ls: invalid line width: " + quote(option.argument) + "\n");
                return k_failure;
            }
            break;
        case 'T':
            if (!parse_size(option.argument, options.tab_size)) {
                write_all(2, "ls: invalid tab size: " + quote(option.argument) + "\n");
                return k_failure;
            }
            break;
        case k_color: {
            int when = option.argument ? argmatch("ls", "--color", option.argument, k_when_words) : k_always;
            if (when < 0)
                return 1;
            color_when = when;
            break;
        }
        case k_classify: {
            int when = option.argument ? argmatch("ls", "--classify", option.argument, k_when_words) : k_always;
            if (when < 0)
                return 1;
            bool on = when == k_always || (when == k_auto && settings.stdout_is_tty);
            options.indicators = on ? Indicators::classify : Indicators::none;
            settings.file_type_indicators = false;
            break;
        }
        case k_indicator_style: {
            int style = argmatch("ls", "--indicator-style", option.argument, k_indicator_words);
            if (style < 0)
                return 1;
            options.indicators = style == 0 ? Indicators::none : style == 1 ? Indicators::slash : Indicators::classify;
            settings.file_type_indicators = style == 2;
            break;
        }
        case k_sort: {
            int sort = argmatch("ls", "--sort", option.argument, k_sort_words);
            if (sort < 0)
                return 1;
            constexpr Sort k_sorts[] = {Sort::none, Sort::time, Sort::size, Sort::extension, Sort::name, Sort::name};
            options.sort = k_sorts[sort];
            settings.version_sort = sort == 4;
            sort_given = true;
            break;
        }
        case k_time: {
            int field = argmatch("ls", "--time", option.argument, k_time_words);
            if (field < 0)
                return 1;
            options.time = field == 0 ? TimeField::access : TimeField::change;
            time_given = true;
            break;
        }
        default: break;
        }
    }
    operands = parser.operands();
    if (color_when == k_auto) {
        const char* term = std::getenv("TERM");
        options.color = settings.stdout_is_tty && term && *term && std::strcmp(term, "dumb") != 0;
    } else {
        options.color = color_when == k_always;
    }
    if (options.color && !colors_wanted())
        options.color = false;
    // -c and -u sort by their time unless a long listing shows it (coreutils ls.c).
    if (time_given && !sort_given && options.format != Format::long_lines)
        options.sort = Sort::time;
    return 0;
}

size_t terminal_width(bool tty) {
    if (const char* columns = std::getenv("COLUMNS")) {
        size_t width = 0;
        if (parse_size(columns, width) && width > 0)
            return width;
    }
    secure_exec_winsize size{};
    if (tty && sx_get_winsize(1, &size) == 0 && size.columns > 0)
        return size.columns;
    return 80;
}

int run_ls(int argc, char** argv, Format default_format) {
    Settings settings;
    settings.stdout_is_tty = sx_isatty(1) == 1;
    Options& options = settings.options;
    options.format = default_format;
    options.quote_names = settings.stdout_is_tty;
    options.line_width = terminal_width(settings.stdout_is_tty);
    if (const char* tab = std::getenv("TABSIZE"))
        parse_size(tab, options.tab_size);
    static constexpr std::string_view k_short = "1aABcCdfFgGhilLmnopqrRStT:uUvw:xX";
    OptionParser parser("ls", argc, argv, k_short, k_long_options);
    std::vector<std::string_view> operands;
    int parsed = parse_options(settings, parser, operands);
    if (parsed != 0)
        return parsed < 0 ? 0 : parsed;
    if (settings.file_type_indicators && options.indicators == Indicators::classify)
        options.indicators = Indicators::file_type;
    if (options.color) {
        Colors colors;
        colors.load();
        options.check_link_targets = colors.needs_link_targets(options.format == Format::long_lines);
    }
    Output out;
    Lister lister(settings, out);
    int status = lister.run(operands);
    return finish(out, "ls", status);
}

}  // namespace

int ls_main(int argc, char** argv) {
    return run_ls(argc, argv, sx_isatty(1) == 1 ? Format::columns : Format::one_per_line);
}

}  // namespace toolbox
