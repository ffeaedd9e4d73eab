// du, as GNU coreutils 9.1: disk usage (st_blocks) or --apparent-size (-b) of each operand,
// directories after their contents (depth first, entries in readdir order), in 1K blocks by
// default, -B/-k/-m units, -h/--si; -s, -a, -c, -d N, -S, -l (count hard links again), -L/-P/-H,
// -x, -0. A file seen twice (a hard link, or the same operand) counts once, as GNU does.
// applet: du du_main
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: du [OPTION]... [FILE]...\n"
    "Summarize device usage of the set of FILEs, recursively for directories.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -0, --null            end each output line with NUL, not newline\n"
    "  -a, --all             write counts for all files, not just directories\n"
    "      --apparent-size   print apparent sizes rather than device usage\n"
    "  -B, --block-size=SIZE  scale sizes by SIZE before printing them\n"
    "  -b, --bytes           equivalent to '--apparent-size --block-size=1'\n"
    "  -c, --total           produce a grand total\n"
    "  -d, --max-depth=N     print the total for a directory (or file, with --all)\n"
    "                          only if it is N or fewer levels below the command\n"
    "                          line argument;  --max-depth=0 is the same as\n"
    "                          --summarize\n"
    "  -H, --dereference-args  dereference only symlinks that are listed on the\n"
    "                          command line\n"
    "  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)\n"
    "      --si              like -h, but use powers of 1000 not 1024\n"
    "  -k                    like --block-size=1K\n"
    "  -L, --dereference     dereference all symbolic links\n"
    "  -l, --count-links     count sizes many times if hard linked\n"
    "  -m                    like --block-size=1M\n"
    "  -P, --no-dereference  don't follow any symbolic links (this is the default)\n"
    "  -S, --separate-dirs   for directories do not include size of subdirectories\n"
    "  -s, --summarize       display only a total for each argument\n"
    "  -x, --one-file-system    skip directories on different file systems\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum LongId { k_apparent = k_long_only, k_si };

constexpr LongOption k_long_options[] = {
    {"null", Argument::none, '0'},
    {"all", Argument::none, 'a'},
    {"apparent-size", Argument::none, k_apparent},
    {"block-size", Argument::required, 'B'},
    {"bytes", Argument::none, 'b'},
    {"total", Argument::none, 'c'},
    {"max-depth", Argument::required, 'd'},
    {"dereference-args", Argument::none, 'D'},
    {"human-readable", Argument::none, 'h'},
    {"si", Argument::none, k_si},
    {"dereference", Argument::none, 'L'},
    {"count-links", Argument::none, 'l'},
    {"no-dereference", Argument::none, 'P'},
    {"separate-dirs", Argument::none, 'S'},
    {"summarize", Argument::none, 's'},
    {"one-file-system", Argument::none, 'x'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Follow { never, command_line, always };

struct Settings {
    bool all{false};
    bool apparent{false};
    uint64_t block_size{1024};
    std::string unit_suffix;  // -B K: sizes print with their unit ("112K"), as GNU's human_B
    SizeStyle style{SizeStyle::bytes};
    bool total{false};
    std::optional<uint64_t> max_depth;
    Follow follow{Follow::never};
    bool count_links{false};
    bool separate_dirs{false};
    bool one_file_system{false};
    char end{'\n'};
};

// A byte count as du prints it: human-readable, or in blocks rounded up.
std::string format(const Settings& settings, uint64_t bytes) {
    if (settings.style != SizeStyle::bytes)
        return format_size(bytes, settings.style);
    return std::to_string(blocks_of(bytes, settings.block_size)) + settings.unit_suffix;
}

class Walker final {
public:
    Walker(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    // The operand's total in bytes (0 after an error); prints what -a/-d/-s ask for.
    uint64_t walk(const std::string& path, bool operand, size_t depth, dev_t device, bool& ok);

private:
    void print(uint64_t bytes, const std::string& path) {
        m_out.write(format(m_settings, bytes) + "\t" + path);
        m_out.put(m_settings.end);
    }
    bool shown(size_t depth) const { return !m_settings.max_depth || depth <= *m_settings.max_depth; }

    const Settings& m_settings;
    Output& m_out;
    std::set<std::pair<dev_t, ino_t>> m_seen;
};

// Mirrors du.c process_file(): sizes add up from the leaves; a directory's line comes after
// its contents.
uint64_t Walker::walk(const std::string& path, bool operand, size_t depth, dev_t device, bool& ok) {
    bool follow = m_settings.follow == Follow::always || (m_settings.follow == Follow::command_line && operand);
    struct stat status {};
    if ((follow ? ::stat(path.c_str(), &status) : ::lstat(path.c_str(), &status)) != 0) {
        write_all(2, "du: cannot access " + quote_file_always(path) + ": " + strerror_gnu(errno) + "\n");
        ok = false;
        return 0;
    }
    if (operand)
        device = status.st_dev;
    bool directory = S_ISDIR(status.st_mode);
    // Counted once: hard links (unless -l), and directories met again.
    if (!m_settings.count_links && (directory || status.st_nlink > 1) &&
        !m_seen.emplace(status.st_dev, status.st_ino).second)
        return 0;
    uint64_t own = m_settings.apparent ? static_cast<uint64_t>(status.st_size)
                                       : static_cast<uint64_t>(status.st_blocks) * 512;
    if (!directory) {
        if ((m_settings.all && shown(depth)) || operand)
            print(own, path);
        return own;
    }
    uint64_t total = own;
    uint64_t shown_total = own;  // what -S prints: without subdirectories
    if (!(m_settings.one_file_system && status.st_dev != device)) {
        std::vector<std::string> names;
        int error = read_directory(path, names);
        if (error != 0) {
            write_all(2, "du: cannot read directory " + quote_file_always(path) + ": " + strerror_gnu(error) + "\n");
            ok = false;
        }
        for (const auto& name : names) {
            std::string child = join_path(path, name);
            struct stat child_status {};
            bool child_is_dir = ::lstat(child.c_str(), &child_status) == 0 && S_ISDIR(child_status.st_mode);
            uint64_t size = walk(child, false, depth + 1, device, ok);
            total += size;
            if (!child_is_dir)
                shown_total += size;
        }
    }
    if (shown(depth))
        print(m_settings.separate_dirs ? shown_total : total, path);
    return total;
}

// A --block-size value: a number with an optional unit (K, M, G..., KB, MB..., KiB...), or a
// unit alone.
std::optional<uint64_t> parse_block_size(std::string_view text) {
    uint64_t value = 1;
    auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view unit = parsed.ec == std::errc() ? std::string_view(parsed.ptr, text.size() - (parsed.ptr - text.data()))
                                                     : text;
    if (parsed.ec != std::errc())
        value = 1;
    if (unit.empty())
        return value == 0 ? std::nullopt : std::optional<uint64_t>(value);
    static constexpr std::string_view k_units = "KMGTPEZY";
    char letter = unit[0] == 'k' ? 'K' : unit[0];
    size_t power = k_units.find(letter);
    if (power == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = unit.substr(1);
    uint64_t base = rest == "B" ? 1000 : (rest.empty() || rest == "iB") ? 1024 : 0;
    if (base == 0)
        return std::nullopt;
    for (size_t i = 0; i <= power; ++i)
        value *= base;
    return value;
}

}  // namespace

int du_main(int argc, char** argv) {
    Settings settings;
    bool summarize = false;
    bool bytes = false;
    OptionParser parser("du", argc, argv, "0abB:cd:DhHklLmPsSx", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("du");
        case '0': settings.end = '\0'; break;
        case 'a': settings.all = true; break;
        case k_apparent: settings.apparent = true; break;
        case 'b':
            bytes = true;
            settings.apparent = true;
            settings.block_size = 1;
            settings.style = SizeStyle::bytes;
            break;
        case 'B': {
            auto size = parse_block_size(option.argument);
            if (!size) {
                std::string spelling = option.spelling.empty() ? "-B" : "--" + std::string(option.spelling);
                write_all(2, "du: invalid " + spelling + " argument " + quote(option.argument) + "\n");
                return 1;
            }
            settings.block_size = *size;
            settings.unit_suffix.clear();
            std::string_view text(option.argument);
            if (!text.empty() && !std::isdigit(static_cast<unsigned char>(text[0]))) {
                settings.unit_suffix = std::string(text);
                if (text.size() == 2 && text[1] == 'B')
                    settings.unit_suffix[0] = settings.unit_suffix[0] == 'K' ? 'k' : settings.unit_suffix[0];
                else if (settings.unit_suffix[0] == 'k')
                    settings.unit_suffix[0] = 'K';
            }
            settings.style = SizeStyle::bytes;
            break;
        }
        case 'c': settings.total = true; break;
        case 'd': {
            uint64_t depth = 0;
            std::string_view text(option.argument);
            auto parsed = std::from_chars(text.data(), text.data() + text.size(), depth);
            if (text.empty() || parsed.ec != std::errc() || parsed.ptr != text.data() + text.size()) {
                write_all(2, "du: invalid maximum depth " + quote(text) + "\n");
                return try_help("du");
            }
            settings.max_depth = depth;
            break;
        }
        case 'D':
        case 'H': settings.follow = Follow::command_line; break;
        case 'h': settings.style = SizeStyle::human; break;
        case k_si: settings.style = SizeStyle::si; break;
        case 'k': settings.block_size = 1024; settings.unit_suffix.clear(); settings.style = SizeStyle::bytes; break;
        case 'm': settings.block_size = 1024 * 1024; settings.unit_suffix.clear(); settings.style = SizeStyle::bytes; break;
        case 'L': settings.follow = Follow::always; break;
        case 'P': settings.follow = Follow::never; break;
        case 'l': settings.count_links = true; break;
        case 's': summarize = true; break;
        case 'S': settings.separate_dirs = true; break;
        case 'x': settings.one_file_system = true; break;
        }
    }
    (void)bytes;
    if (summarize) {
        if (settings.max_depth && *settings.max_depth != 0) {
            write_all(2, "du: warning: summarizing conflicts with --max-depth=" + std::to_string(*settings.max_depth) +
                             "\n");
            return try_help("du");
        }
        settings.max_depth = 0;
    }
    if (summarize && settings.all) {
        write_all(2, "du: cannot both summarize and show all entries\n");
        return try_help("du");
    }
    std::vector<std::string> operands(parser.operands().begin(), parser.operands().end());
    if (operands.empty())
        operands.emplace_back(".");
    Output out;
    Walker walker(settings, out);
    bool ok = true;
    uint64_t total = 0;
    for (const auto& operand : operands)
        total += walker.walk(operand, true, 0, 0, ok);
    if (settings.total) {
        out.write(format(settings, total) + "\ttotal");
        out.put(settings.end);
    }
    return finish(out, "du", ok ? 0 : 1);
}

}  // namespace toolbox
