// tree, as the `tree` program (2.1) prints in the C locale: each directory's entries sorted by
// name under ASCII branch lines (|-- `-- |   ), symlinks as "name -> target", then the
// "N directories, M files" report. Options: -a -d -l -f -i -L N -s -h --si -p -F -Q -N -q -r -U
// --noreport -I/-P PATTERN (wildcards, '|' between alternatives) --matchdirs --ignore-case
// --dirsfirst --filesfirst --prune. Names are escaped as tree does in the C locale (\ for space
// and backslash, C escapes, octal for other unprintable bytes). The directory count is tree's
// own: every directory entry listed, plus each starting directory whose listing is not empty.
// applet: tree tree_main
#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <utility>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/file_info.h"
#include "lib/io.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage_text =
    "usage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n"
    "\t[-T title] [-o filename] [-P pattern] [-I pattern] [--gitignore]\n"
    "\t[--gitfile[=]file] [--matchdirs] [--metafirst] [--ignore-case]\n"
    "\t[--nolinks] [--hintro[=]file] [--houtro[=]file] [--inodes] [--device]\n"
    "\t[--sort[=]<name>] [--dirsfirst] [--filesfirst] [--filelimit #] [--si]\n"
    "\t[--du] [--prune] [--charset[=]X] [--timefmt[=]format] [--fromfile]\n"
    "\t[--fflinks] [--info] [--infofile[=]file] [--noreport] [--version]\n"
    "\t[--help] [--] [directory ...]\n";

constexpr std::string_view k_help_text =
    "  ------- Listing options -------\n"
    "  -a            All files are listed.\n"
    "  -d            List directories only.\n"
    "  -l            Follow symbolic links like directories.\n"
    "  -f            Print the full path prefix for each file.\n"
    "  -L level      Descend only level directories deep.\n"
    "  --noreport    Turn off file/directory count at end of tree listing.\n"
    "  -P pattern    List only those files that match the pattern given.\n"
    "  -I pattern    Do not list files that match the given pattern.\n"
    "  --ignore-case Ignore case when pattern matching.\n"
    "  --matchdirs   Include directory names in -P pattern matching.\n"
    "  --prune       Prune empty directories from the output.\n"
    "  ------- File options -------\n"
    "  -q            Print non-printable characters as '?'.\n"
    "  -N            Print non-printable characters as is.\n"
    "  -Q            Quote filenames with double quotes.\n"
    "  -p            Print the protections for each file.\n"
    "  -s            Print the size in bytes of each file.\n"
    "  -h            Print the size in a more human readable way.\n"
    "  --si          Like -h, but use in SI units (powers of 1000).\n"
    "  -F            Appends '/', '=', '*', '@', '|' or '>' as per ls -F.\n"
    "  ------- Sorting options -------\n"
    "  -U            Leave files unsorted.\n"
    "  -r            Reverse the order of the sort.\n"
    "  --dirsfirst   List directories before files.\n"
    "  --filesfirst  List files before directories.\n"
    "  ------- Graphics options -------\n"
    "  -i            Don't print indentation lines.\n"
    "  ------- Miscellaneous options -------\n"
    "  --version     Print version and exit.\n"
    "  --help        Print usage and this help message and exit.\n"
    "  --            Options processing terminator.\n";

enum class Escape { tree, raw, question };
enum class Grouping { none, dirs_first, files_first };

struct Settings {
    bool all{false};
    bool dirs_only{false};
    bool follow_links{false};
    bool full_path{false};
    bool no_indent{false};
    long max_level{-1};
    bool report{true};
    std::vector<std::string> include;  // -P alternatives
    std::vector<std::string> exclude;  // -I alternatives
    bool ignore_case{false};
    bool match_dirs{false};
    bool prune{false};
    Escape escape{Escape::tree};
    bool quote{false};
    bool permissions{false};
    bool size{false};
    SizeStyle size_style{SizeStyle::bytes};
    bool classify{false};
    bool unsorted{false};
    bool reverse{false};
    Grouping grouping{Grouping::none};
};

struct Entry {
    std::string name;
    struct stat status {};  // lstat
    bool is_dir{false};     // a directory, or a symlink to one
    bool has_target{false};
    struct stat target {};  // stat, for symlinks
    std::string link;       // the symlink's contents
};

struct Totals {
    uint64_t directories{0};
    uint64_t files{0};
};

std::string escape_name(std::string_view name, const Settings& settings) {
    std::string out;
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        const char* named = nullptr;
        switch (ch) {
        case '\a': named = "\\a"; break;
        case '\b': named = "\\b"; break;
        case '\f': named = "\\f"; break;
        case '\n': named = "\\n"; break;
        case '\r': named = "\\r"; break;
        case '\t': named = "\\t"; break;
        case '\v': named = "\\v"; break;
        default: break;
        }
        if (settings.escape == Escape::raw) {
            out += ch;
        } else if (ch == '\\' || (settings.quote && ch == '"') || (!settings.quote && ch == ' ')) {
            out += '\\';
            out += ch;
        } else if (named) {
            out += named;
        } else if (c >= 0x20 && c < 0x7f) {
            out += ch;
        } else if (settings.escape == Escape::question) {
            out += '?';
        } else {
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%03o", c);
            out += octal;
        }
    }
    return settings.quote ? "\"" + out + "\"" : out;
}

// tree's wildcard patterns: '|' separates alternatives.
std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> alternatives;
    size_t start = 0;
    while (true) {
        size_t bar = pattern.find('|', start);
        alternatives.emplace_back(pattern.substr(start, bar == std::string_view::npos ? bar : bar - start));
        if (bar == std::string_view::npos)
            break;
        start = bar + 1;
    }
    return alternatives;
}

bool matches(const std::vector<std::string>& alternatives, const std::string& name, bool ignore_case) {
    for (const std::string& pattern : alternatives) {
        if (ignore_case) {
            std::string p = pattern;
            std::string n = name;
            for (char& c : p)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (char& c : n)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (fnmatch(p.c_str(), n.c_str(), 0) == 0)
                return true;
        } else if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0) {
            return true;
        }
    }
    return false;
}

std::string human_size(uint64_t size, bool si) {
    const char units[] = "BKMGTPEZY";
    double unit = si ? 1000.0 : 1024.0;
    char buffer[32];
    if (static_cast<double>(size) < unit) {
        std::snprintf(buffer, sizeof buffer, "%4llu", static_cast<unsigned long long>(size));
        return buffer;
    }
    double value = static_cast<double>(size);
    int index = 0;
    while (value >= unit && index < 8) {
        value /= unit;
        ++index;
    }
    std::snprintf(buffer, sizeof buffer, value < 9.95 ? "%3.1f%c" : "%3.0f%c", value, units[index]);
    return buffer;
}

char classify_char(const struct stat& status) {
    if (S_ISDIR(status.st_mode))
        return '/';
    if (is_socket(status.st_mode))
        return '=';
    if (is_fifo(status.st_mode))
        return '|';
    if (S_ISLNK(status.st_mode))
        return '@';
    if (S_ISREG(status.st_mode) && (status.st_mode & 0111) != 0)
        return '*';
    return '\0';
}

class Tree final {
public:
    Tree(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    // Lists one starting directory; false when it could not be opened at all.
    bool list_root(const std::string& root, Totals& totals);

private:
    // The entries of `path` that pass the filters, sorted; `matched` says the directory itself
    // matched -P under --matchdirs (then its files are not filtered).
    std::vector<Entry> read_entries(const std::string& path, bool matched, bool& ok);
    // Whether a directory entry is listed into (symlinks only with -l).
    bool descends(const Entry& entry) const { return entry.is_dir && (!S_ISLNK(entry.status.st_mode) || m_settings.follow_links); }
    bool matched_dir(const Entry& entry) const {
        return m_settings.match_dirs && !m_settings.include.empty() &&
               matches(m_settings.include, entry.name, m_settings.ignore_case);
    }
    // Whether a directory holds anything that survives --prune within the level limit.
    bool worth_listing(const std::string& path, const Entry& entry, long level);
    void print_entry(const Entry& entry, const std::string& shown_name, bool recursive = false);
    void list(const std::string& path, const std::string& shown, long level, bool matched, Totals& totals);

    const Settings& m_settings;
    Output& m_out;
    std::vector<bool> m_more;  // per depth: whether siblings follow (for the branch lines)
    std::set<std::pair<dev_t, ino_t>> m_visited;  // directories listed, for -l's loop check
};

std::vector<Entry> Tree::read_entries(const std::string& path, bool matched, bool& ok) {
    std::vector<Entry> entries;
    DIR* dir = ::opendir(path.c_str());
    ok = dir != nullptr;
    if (!dir)
        return entries;
    while (struct dirent* item = ::readdir(dir)) {
        std::string name = item->d_name;
        if (name == "." || name == "..")
            continue;
        if (!m_settings.all && name[0] == '.')
            continue;
        Entry entry;
        entry.name = name;
        std::string full = path + "/" + name;
        if (::lstat(full.c_str(), &entry.status) != 0)
            continue;
        entry.is_dir = S_ISDIR(entry.status.st_mode);
        if (S_ISLNK(entry.status.st_mode)) {
            char target[4096];
            ssize_t n = ::readlink(full.c_str(), target, sizeof target);
            entry.link.assign(target, n > 0 ? static_cast<size_t>(n) : 0);
            entry.has_target = ::stat(full.c_str(), &entry.target) == 0;
            entry.is_dir = entry.has_target && S_ISDIR(entry.target.st_mode);
        }
        if (m_settings.dirs_only && !entry.is_dir)
            continue;
        if (!m_settings.exclude.empty() && matches(m_settings.exclude, name, m_settings.ignore_case))
            continue;
        if (!m_settings.include.empty() && !matched && !descends(entry) &&
            !matches(m_settings.include, name, m_settings.ignore_case))
            continue;
        entries.push_back(std::move(entry));
    }
    ::closedir(dir);
    if (!m_settings.unsorted) {
        std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
            if (m_settings.grouping != Grouping::none && a.is_dir != b.is_dir)
                return m_settings.grouping == Grouping::dirs_first ? a.is_dir : b.is_dir;
            int order = std::strcmp(a.name.c_str(), b.name.c_str());
            return m_settings.reverse ? order > 0 : order < 0;
        });
    }
    return entries;
}

bool Tree::worth_listing(const std::string& path, const Entry& entry, long level) {
    if (matched_dir(entry))
        return true;  // --matchdirs keeps a matching directory even when it is empty
    if (!descends(entry) || (m_settings.max_level >= 0 && level >= m_settings.max_level))
        return false;
    bool ok = false;
    for (const Entry& child : read_entries(path, level == 1 && matched_dir(entry), ok)) {
        if (!child.is_dir || worth_listing(path + "/" + child.name, child, level + 1))
            return true;
    }
    return false;
}

void Tree::print_entry(const Entry& entry, const std::string& shown_name, bool recursive) {
    if (m_settings.permissions || m_settings.size) {
        m_out.put('[');
        if (m_settings.permissions)
            m_out.write(mode_string(entry.status.st_mode));
        if (m_settings.size) {
            if (m_settings.permissions)
                m_out.put(' ');
            auto bytes = static_cast<uint64_t>(entry.status.st_size);
            if (m_settings.size_style == SizeStyle::bytes) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%11llu", static_cast<unsigned long long>(bytes));
                m_out.write(buffer);
            } else {
                m_out.write(human_size(bytes, m_settings.size_style == SizeStyle::si));
            }
        }
        m_out.write("]  ");
    }
    m_out.write(shown_name);
    if (S_ISLNK(entry.status.st_mode)) {
        m_out.write(" -> ");
        m_out.write(escape_name(entry.link, m_settings));
        if (m_settings.classify && entry.has_target) {
            char c = classify_char(entry.target);
            if (c)
                m_out.put(c);
        }
    } else if (m_settings.classify) {
        char c = classify_char(entry.status);
        if (c)
            m_out.put(c);
    }
    if (recursive)
        m_out.write("  [recursive, not followed]");
    m_out.put('\n');
}

void Tree::list(const std::string& path, const std::string& shown, long level, bool matched, Totals& totals) {
    bool ok = false;
    std::vector<Entry> entries = read_entries(path, matched, ok);
    if (m_settings.prune) {
        // A followed link to a directory listed already (or about to be, as an earlier
        // sibling) is a loop tree does not follow, so it is empty and pruned.
        std::set<std::pair<dev_t, ino_t>> seen = m_visited;
        std::erase_if(entries, [&](const Entry& entry) {
            if (!entry.is_dir)
                return false;
            const struct stat& target = S_ISLNK(entry.status.st_mode) ? entry.target : entry.status;
            if (S_ISLNK(entry.status.st_mode) && seen.contains({target.st_dev, target.st_ino}))
                return true;
            seen.emplace(target.st_dev, target.st_ino);
            return !worth_listing(path + "/" + entry.name, entry, level + 1);
        });
    }
    for (size_t i = 0; i < entries.size() && !m_out.failed(); ++i) {
        const Entry& entry = entries[i];
        bool last = i + 1 == entries.size();
        if (!m_settings.no_indent) {
            for (bool more : m_more)
                m_out.write(more ? "|   " : "    ");
            m_out.write(last ? "`-- " : "|-- ");
        }
        bool descend = descends(entry) && (m_settings.max_level < 0 || level + 1 < m_settings.max_level);
        const struct stat& target = S_ISLNK(entry.status.st_mode) ? entry.target : entry.status;
        bool recursive = descend && S_ISLNK(entry.status.st_mode) && m_visited.contains({target.st_dev, target.st_ino});
        std::string name = m_settings.full_path ? shown + "/" + entry.name : entry.name;
        print_entry(entry, escape_name(name, m_settings), recursive);
        if (entry.is_dir)
            ++totals.directories;
        else
            ++totals.files;
        if (descend && !recursive) {
            m_visited.emplace(target.st_dev, target.st_ino);
            m_more.push_back(!last);
            // tree 2.1 lists a --matchdirs match unfiltered only for the top level's directories.
            list(path + "/" + entry.name, shown + "/" + entry.name, level + 1, level == 0 && matched_dir(entry),
                 totals);
            m_more.pop_back();
        }
    }
}

bool Tree::list_root(const std::string& root, Totals& totals) {
    Entry entry;
    entry.name = root;
    bool exists = ::lstat(root.c_str(), &entry.status) == 0;
    if (exists && S_ISLNK(entry.status.st_mode)) {
        entry.has_target = ::stat(root.c_str(), &entry.target) == 0;
        if (entry.has_target)
            entry.status = entry.target;
    }
    bool ok = false;
    if (exists && S_ISDIR(entry.status.st_mode))
        read_entries(root, false, ok);
    if (!ok) {
        m_out.write(escape_name(root, m_settings) + "  [error opening dir]\n");
        if (exists)
            ++totals.files;
        return exists;
    }
    if (m_settings.permissions || m_settings.size) {
        print_entry(entry, escape_name(root, m_settings));
    } else {
        m_out.write(escape_name(root, m_settings));
        if (m_settings.classify)
            m_out.put('/');
        m_out.put('\n');
    }
    Totals inner;
    m_visited.emplace(entry.status.st_dev, entry.status.st_ino);
    list(root, root, 0, false, inner);
    if (inner.directories + inner.files > 0)
        ++inner.directories;
    totals.directories += inner.directories;
    totals.files += inner.files;
    return true;
}

std::string plural(uint64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

int usage_error(const std::string& message) {
    write_all(2, "tree: " + message + "\n");
    write_all(2, k_usage_text);
    return 1;
}

// tree's own option parsing (short options cluster, arguments are the next word); -1 to go on,
// else the exit status.
int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string>& roots) {
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (options_done || word.size() < 2 || word[0] != '-') {
            roots.emplace_back(word);
            continue;
        }
        if (word == "--") {
            options_done = true;
            continue;
        }
        auto need_argument = [&](const char* option) -> const char* {
            if (i + 1 >= argc) {
                write_all(2, std::string("tree: Missing argument to ") + option + " option.\n");
                return nullptr;
            }
            return argv[++i];
        };
        if (word.starts_with("--")) {
            if (word == "--noreport") settings.report = false;
            else if (word == "--dirsfirst") settings.grouping = Grouping::dirs_first;
            else if (word == "--filesfirst") settings.grouping = Grouping::files_first;
            else if (word == "--ignore-case") settings.ignore_case = true;
            else if (word == "--matchdirs") settings.match_dirs = true;
            else if (word == "--prune") settings.prune = true;
            else if (word == "--si") {
                settings.size = true;
                settings.size_style = SizeStyle::si;
            } else if (word == "--version") {
                return write_all(1, "tree v2.1.0 (secure-exec toolbox)\n") ? 0 : 1;
            } else if (word == "--help") {
                return write_all(1, k_usage_text) && write_all(1, k_help_text) ? 0 : 1;
            } else {
                return usage_error("Invalid argument `" + std::string(word) + "'.");
            }
            continue;
        }
        for (size_t j = 1; j < word.size(); ++j) {
            const char* argument = nullptr;
            switch (word[j]) {
            case 'a': settings.all = true; break;
            case 'd': settings.dirs_only = true; break;
            case 'l': settings.follow_links = true; break;
            case 'f': settings.full_path = true; break;
            case 'i': settings.no_indent = true; break;
            case 'q': settings.escape = Escape::question; break;
            case 'N': settings.escape = Escape::raw; break;
            case 'Q': settings.quote = true; break;
            case 'p': settings.permissions = true; break;
            case 's': settings.size = true; break;
            case 'h':
                settings.size = true;
                settings.size_style = SizeStyle::human;
                break;
            case 'F': settings.classify = true; break;
            case 'U': settings.unsorted = true; break;
            case 'r': settings.reverse = true; break;
            case 'n': break;
            case 'L': {
                if (!(argument = need_argument("-L")))
                    return 1;
                char* end = nullptr;
                long level = std::strtol(argument, &end, 10);
                if (*argument == '\0' || *end != '\0' || level < 1) {
                    write_all(2, "tree: Invalid level, must be greater than 0.\n");
                    return 1;
                }
                settings.max_level = level;
                break;
            }
            case 'P':
            case 'I': {
                char option[3] = {'-', word[j], '\0'};
                if (!(argument = need_argument(option)))
                    return 1;
                auto alternatives = split_pattern(argument);
                auto& list = word[j] == 'P' ? settings.include : settings.exclude;
                list.insert(list.end(), alternatives.begin(), alternatives.end());
                break;
            }
            default: return usage_error(std::string("Invalid argument -`") + word[j] + "'.");
            }
        }
    }
    return -1;
}

}  // namespace

int tree_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string> roots;
    if (int status = parse_options(argc, argv, settings, roots); status >= 0)
        return status;
    if (roots.empty())
        roots.emplace_back(".");
    Output out;
    Tree tree(settings, out);
    Totals totals;
    int status = 0;
    for (const std::string& root : roots) {
        if (!tree.list_root(root, totals))
            status = 2;
    }
    if (settings.report) {
        out.put('\n');
        out.write(plural(totals.directories, "directory", "directories"));
        if (!settings.dirs_only)
            out.write(", " + plural(totals.files, "file", "files"));
        out.put('\n');
    }
    return finish(out, "tree", status);
}

}  // namespace toolbox
