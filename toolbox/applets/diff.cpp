// diff, as GNU diffutils 3.8: compares two files line by line (or two directories, entry by entry,
// with -r recursively) and prints the differences in normal, unified (-u), context (-c), brief
// (-q) or side-by-side (-y) form. The analysis is diff_analyze.cpp, the formats diff_output.cpp;
// this file reads options and operands, walks directories and decides what each pair of names
// means (files, "Only in", "Common subdirectories", binary files). Exit 0 same, 1 different,
// 2 trouble. Files are read whole, as GNU diff does.
// applet: diff diff_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "applets/diff.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/paths.h"

namespace toolbox {

namespace {

using diff::Change;
using diff::Options;
using diff::Side;
using diff::Style;

constexpr char k_program[] = "diff";

constexpr std::string_view k_usage =
    "Usage: diff [OPTION]... FILES\n"
    "Compare FILES line by line.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "      --normal                  output a normal diff (the default)\n"
    "  -q, --brief                   report only when files differ\n"
    "  -s, --report-identical-files  report when two files are the same\n"
    "  -c, -C NUM, --context[=NUM]   output NUM (default 3) lines of copied context\n"
    "  -u, -U NUM, --unified[=NUM]   output NUM (default 3) lines of unified context\n"
    "  -y, --side-by-side            output in two columns\n"
    "  -W, --width=NUM               output at most NUM (default 130) print columns\n"
    "      --left-column             output only the left column of common lines\n"
    "      --suppress-common-lines   do not output common lines\n"
    "\n"
    "  -r, --recursive                 recursively compare any subdirectories found\n"
    "  -N, --new-file                  treat absent files as empty\n"
    "      --unidirectional-new-file   treat absent first files as empty\n"
    "\n"
    "  -i, --ignore-case               ignore case differences in file contents\n"
    "  -E, --ignore-tab-expansion      ignore changes due to tab expansion\n"
    "  -Z, --ignore-trailing-space     ignore white space at line end\n"
    "  -b, --ignore-space-change       ignore changes in the amount of white space\n"
    "  -w, --ignore-all-space          ignore all white space\n"
    "  -B, --ignore-blank-lines        ignore changes where lines are all blank\n"
    "      --strip-trailing-cr         strip trailing carriage return on input\n"
    "\n"
    "  -a, --text                      treat all files as text\n"
    "  -t, --expand-tabs               expand tabs to spaces in output\n"
    "  -T, --initial-tab               make tabs line up by prepending a tab\n"
    "      --label LABEL               use LABEL instead of file name and timestamp\n"
    "                                    (can be repeated)\n"
    "\n"
    "  -d, --minimal            try hard to find a smaller set of changes\n"
    "      --horizon-lines=NUM  keep NUM lines of the common prefix and suffix\n"
    "  -H, --speed-large-files  assume large files and many scattered small changes\n"
    "\n"
    "      --help               display this help and exit\n"
    "  -v, --version            output version information and exit\n"
    "\n"
    "FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.\n"
    "If a FILE is '-', read standard input.\n"
    "Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.\n";

enum : int {
    k_normal = k_long_only,
    k_label,
    k_strip_cr,
    k_left_column,
    k_suppress_common,
    k_unidirectional,
    k_horizon,
    k_color,
};

constexpr LongOption k_long_options[] = {
    {"normal", Argument::none, k_normal},
    {"brief", Argument::none, 'q'},
    {"report-identical-files", Argument::none, 's'},
    {"context", Argument::optional, 'C'},
    {"unified", Argument::optional, 'U'},
    {"side-by-side", Argument::none, 'y'},
    {"width", Argument::required, 'W'},
    {"left-column", Argument::none, k_left_column},
    {"suppress-common-lines", Argument::none, k_suppress_common},
    {"recursive", Argument::none, 'r'},
    {"new-file", Argument::none, 'N'},
    {"unidirectional-new-file", Argument::none, k_unidirectional},
    {"ignore-case", Argument::none, 'i'},
    {"ignore-tab-expansion", Argument::none, 'E'},
    {"ignore-trailing-space", Argument::none, 'Z'},
    {"ignore-space-change", Argument::none, 'b'},
    {"ignore-all-space", Argument::none, 'w'},
    {"ignore-blank-lines", Argument::none, 'B'},
    {"strip-trailing-cr", Argument::none, k_strip_cr},
    {"text", Argument::none, 'a'},
    {"expand-tabs", Argument::none, 't'},
    {"initial-tab", Argument::none, 'T'},
    {"label", Argument::required, k_label},
    {"minimal", Argument::none, 'd'},
    {"horizon-lines", Argument::required, k_horizon},
    {"speed-large-files", Argument::none, 'H'},
    {"color", Argument::optional, k_color},
    {"help", Argument::none, k_help},
    {"version", Argument::none, 'v'},
};

int usage_error(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n" + k_program + ": Try '" + k_program +
                     " --help' for more information.\n");
    return 2;
}

void complain(const std::string& name, int error) {
    write_all(2, std::string(k_program) + ": " + name + ": " + strerror_gnu(error) + "\n");
}

// One comparison run: the options, the output and the worst status so far.
struct Run {
    Options options;
    Output out;
    int status{0};
    void note(int result) { status = std::max(status, result); }
};

bool read_side(const std::string& path, Side& side, bool is_stdin) {
    int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return false;
    struct stat info {};
    if (::fstat(fd, &info) == 0)
        side.mtime = info.st_mtim;
    int error = 0;
    side.content = read_all(fd, error);
    if (!is_stdin)
        ::close(fd);
    errno = error;
    return error == 0;
}

void split_lines(Side& side, bool strip_cr) {
    std::string_view text = side.content;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            side.lines.push_back(text.substr(start));
            side.missing_newline = true;
            break;
        }
        std::string_view line = text.substr(start, end - start);
        if (strip_cr && !line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        side.lines.push_back(line);
        start = end + 1;
    }
}

bool looks_binary(const std::string& content) {
    size_t size = std::min<size_t>(content.size(), 65536);
    return std::memchr(content.data(), '\0', size) != nullptr;
}

bool ignores_something(const Options& options) {
    return options.ignore_case || options.ignore_space_change || options.ignore_all_space ||
           options.ignore_trailing_space || options.ignore_tab_expansion || options.ignore_blank_lines ||
           options.strip_trailing_cr;
}

// Compares two files (either may be absent with -N); `header` is true inside a directory walk.
void compare_files(Run& run, Side& a, Side& b, bool header) {
    const Options& options = run.options;
    bool listing = options.style == Style::side_by_side && !options.brief;  // -y shows equal files too
    bool same = a.exists && b.exists && a.content == b.content;
    if (same && (!listing || (!options.text && looks_binary(a.content)))) {
        if (options.report_identical)
            run.out.write("Files " + a.name + " and " + b.name + " are identical\n");
        return;
    }
    if (!options.text && (looks_binary(a.content) || looks_binary(b.content))) {
        run.out.write((options.brief ? "Files " : "Binary files ") + a.name + " and " + b.name + " differ\n");
        run.note(1);
        return;
    }
    if (options.brief && !ignores_something(options)) {
        run.out.write("Files " + a.name + " and " + b.name + " differ\n");
        run.note(1);
        return;
    }
    split_lines(a, options.strip_trailing_cr);
    split_lines(b, options.strip_trailing_cr);
    std::vector<Change> changes = diff::compare_lines(a, b, options);
    if (options.ignore_blank_lines) {
        bool all = true;
        for (Change& change : changes) {
            change.ignorable = diff::change_is_blank(a, b, change, options);
            all = all && change.ignorable;
        }
        // Blank-line changes vanish on their own; near others, unified and context hunks show them.
        if (all || options.style == Style::normal || options.style == Style::side_by_side)
            std::erase_if(changes, [](const Change& change) { return change.ignorable; });
    }
    if (changes.empty()) {
        if (listing)
            diff::print_changes(a, b, changes, options, run.out);
        if (options.report_identical)
            run.out.write("Files " + a.name + " and " + b.name + " are identical\n");
        return;
    }
    run.note(1);
    if (options.brief) {
        run.out.write("Files " + a.name + " and " + b.name + " differ\n");
        return;
    }
    if (header)
        run.out.write("diff" + options.switches + " " + a.name + " " + b.name + "\n");
    diff::print_changes(a, b, changes, options, run.out);
}

const char* type_name(const struct stat& info) {
    if (S_ISREG(info.st_mode))
        return info.st_size == 0 ? "regular empty file" : "regular file";
    if (S_ISDIR(info.st_mode))
        return "directory";
    if (S_ISLNK(info.st_mode))
        return "symbolic link";
    if (S_ISFIFO(info.st_mode))
        return "fifo";
    if (S_ISCHR(info.st_mode))
        return "character special file";
    if (S_ISBLK(info.st_mode))
        return "block special file";
    if (S_ISSOCK(info.st_mode))
        return "socket";
    return "weird file";
}

void compare_entries(Run& run, const std::string& path0, const std::string& path1, bool top_level,
                     bool header = true);

// Compares two directories' entries in name order.
void compare_directories(Run& run, const std::string& dir0, const std::string& dir1, bool exists0, bool exists1) {
    std::vector<std::string> names[2];
    const std::string* dirs[2] = {&dir0, &dir1};
    bool exists[2] = {exists0, exists1};
    for (int i = 0; i < 2; ++i) {
        if (!exists[i])
            continue;
        if (int error = read_directory(*dirs[i], names[i])) {
            complain(*dirs[i], error);
            run.note(2);
            return;
        }
        std::sort(names[i].begin(), names[i].end());
    }
    size_t i = 0, j = 0;
    while (i < names[0].size() || j < names[1].size()) {
        int order = i == names[0].size() ? 1 : j == names[1].size() ? -1 : names[0][i].compare(names[1][j]);
        const std::string& name = order <= 0 ? names[0][i] : names[1][j];
        std::string child0 = join_path(dir0, name), child1 = join_path(dir1, name);
        if (order == 0 || run.options.new_file || (order > 0 && run.options.unidirectional_new_file)) {
            compare_entries(run, child0, child1, false);
        } else {
            run.out.write("Only in " + (order < 0 ? dir0 : dir1) + ": " + name + "\n");
            run.note(1);
        }
        if (order <= 0)
            ++i;
        if (order >= 0)
            ++j;
    }
}

// Compares two names: files, directories, or one of each; a missing one is empty with -N.
void compare_entries(Run& run, const std::string& path0, const std::string& path1, bool top_level, bool header) {
    const std::string* paths[2] = {&path0, &path1};
    struct stat info[2] {};
    bool exists[2] = {true, true};
    bool failed = false;
    for (int i = 0; i < 2; ++i) {
        bool is_stdin = top_level && *paths[i] == "-";
        int result = is_stdin ? ::fstat(0, &info[i]) : ::stat(paths[i]->c_str(), &info[i]);
        if (result == 0)
            continue;
        int error = errno;
        bool absent_ok = error == ENOENT && (run.options.new_file || (i == 0 && run.options.unidirectional_new_file));
        if (absent_ok) {
            exists[i] = false;
            continue;
        }
        complain(*paths[i], error);
        failed = true;
    }
    if (failed || (!exists[0] && !exists[1])) {
        if (!failed) {
            complain(path0, ENOENT);
            complain(path1, ENOENT);
        }
        run.note(2);
        return;
    }
    bool dir0 = exists[0] && S_ISDIR(info[0].st_mode);
    bool dir1 = exists[1] && S_ISDIR(info[1].st_mode);
    if ((dir0 || !exists[0]) && (dir1 || !exists[1])) {
        if (!top_level && !run.options.recursive && exists[0] && exists[1]) {
            run.out.write("Common subdirectories: " + path0 + " and " + path1 + "\n");
            return;
        }
        compare_directories(run, path0, path1, exists[0], exists[1]);
        return;
    }
    if (dir0 != dir1) {
        if (!top_level) {
            run.out.write(std::string("File ") + path0 + " is a " + type_name(info[0]) + " while file " + path1 +
                          " is a " + type_name(info[1]) + "\n");
            run.note(1);
            return;
        }
        // DIR FILE compares DIR/basename(FILE) with FILE.
        const std::string& file = dir0 ? path1 : path0;
        if (file == "-") {
            write_all(2, std::string(k_program) + ": cannot compare '-' to a directory\n");
            run.note(2);
            return;
        }
        std::string inner = join_path(dir0 ? path0 : path1, base_name(file));
        compare_entries(run, dir0 ? inner : path0, dir0 ? path1 : inner, false, false);
        return;
    }
    Side sides[2];
    for (int i = 0; i < 2; ++i) {
        sides[i].name = *paths[i];
        sides[i].exists = exists[i];
        if (!exists[i])
            continue;
        if (!read_side(*paths[i], sides[i], top_level && *paths[i] == "-")) {
            complain(*paths[i], errno);
            run.note(2);
            return;
        }
    }
    compare_files(run, sides[0], sides[1], !top_level && header);
}

bool parse_context(const char* text, long& value) {
    uint64_t number = 0;
    if (text == nullptr || parse_decimal(text, number) != NumberStatus::ok || number > 1000000000)
        return false;
    value = static_cast<long>(number);
    return true;
}

// The option words as given (argv minus operands), for "diff -r a/x b/x" lines.
std::string option_words(int argc, char** argv, const std::vector<std::string_view>& operands) {
    std::string words;
    size_t next = 0;
    for (int i = 1; i < argc; ++i) {
        if (next < operands.size() && operands[next].data() == argv[i]) {
            ++next;
            continue;
        }
        words += ' ';
        words += argv[i];
    }
    return words;
}

// Sets the output style; GNU refuses two different ones.
bool set_style(Options& options, Style style, bool& style_given) {
    if (style_given && options.style != style)
        return false;
    options.style = style;
    style_given = true;
    return true;
}

// Applies one option; returns -1 to go on, else the exit status.
int apply_option(const Option& option, Options& options, bool& style_given) {
    Style style = Style::normal;
    switch (option.id) {
    case 'c': case 'C': style = Style::context; break;
    case 'u': case 'U': style = Style::unified; break;
    case 'y': style = Style::side_by_side; break;
    default: break;
    }
    if ((option.id == k_normal || option.id == 'c' || option.id == 'C' || option.id == 'u' || option.id == 'U' ||
         option.id == 'y') &&
        !set_style(options, style, style_given))
        return usage_error("conflicting output style options");
    switch (option.id) {
    case k_normal: break;
    case 'q': options.brief = true; break;
    case 's': options.report_identical = true; break;
    case 'c':
    case 'u': break;
    case 'C':
    case 'U':
        if (option.argument != nullptr && !parse_context(option.argument, options.context))
            return usage_error("invalid context length '" + std::string(option.argument) + "'");
        break;
    case 'y': break;
    case 'W': {
        uint64_t width = 0;
        if (parse_decimal(option.argument, width) != NumberStatus::ok || width == 0)
            return usage_error("invalid width '" + std::string(option.argument) + "'");
        options.width = static_cast<long>(width);
        break;
    }
    case k_left_column: options.left_column = true; break;
    case k_suppress_common: options.suppress_common_lines = true; break;
    case 'r': options.recursive = true; break;
    case 'N': options.new_file = true; break;
    case k_unidirectional: options.unidirectional_new_file = true; break;
    case 'i': options.ignore_case = true; break;
    case 'E': options.ignore_tab_expansion = true; break;
    case 'Z': options.ignore_trailing_space = true; break;
    case 'b': options.ignore_space_change = true; break;
    case 'w': options.ignore_all_space = true; break;
    case 'B': options.ignore_blank_lines = true; break;
    case k_strip_cr: options.strip_trailing_cr = true; break;
    case 'a': options.text = true; break;
    case 't': options.expand_tabs = true; break;
    case 'T': options.initial_tab = true; break;
    case k_label: options.labels.emplace_back(option.argument); break;
    case 'd': options.minimal = true; break;
    case 'H':
    case k_horizon:
    case k_color: break;
    case k_help: return print_usage(k_usage) == 0 ? 0 : 2;
    case 'v': return print_version(k_program);
    default: return 2;
    }
    return -1;
}

}  // namespace

int diff_main(int argc, char** argv) {
    Run run;
    Options& options = run.options;
    OptionParser parser(k_program, argc, argv, "0123456789abBcC:dEHiNqrsStTuU:vwW:yZ", k_long_options);
    parser.prefix_try_help();
    std::string digits;  // -NUM, the obsolete context length
    bool style_given = false;
    while (auto option = parser.next()) {
        if (option.id >= '0' && option.id <= '9') {
            digits += static_cast<char>(option.id);
            options.context = std::stol(digits);
            continue;
        }
        if (int status = apply_option(option, options, style_given); status >= 0)
            return status;
    }
    if (options.labels.size() > 2) {
        write_all(2, std::string(k_program) + ": too many file label options\n");
        return 2;
    }
    const auto& operands = parser.operands();
    if (operands.size() < 2)
        return usage_error("missing operand after '" + std::string(operands.empty() ? "diff" : operands[0]) + "'");
    if (operands.size() > 2)
        return usage_error("extra operand '" + std::string(operands[2]) + "'");
    options.switches = option_words(argc, argv, operands);
    if (options.style == Style::normal || options.style == Style::side_by_side)
        options.context = options.style == Style::normal ? 0 : options.context;
    else if (options.context < 0)
        options.context = 3;
    if (operands[0] == "-" && operands[1] == "-") {
        // Standard input against itself is the same file.
        if (options.report_identical)
            run.out.write("Files - and - are identical\n");
    } else {
        compare_entries(run, std::string(operands[0]), std::string(operands[1]), true);
    }
    if (!run.out.flush()) {
        write_error(k_program, run.out.error());
        return 2;
    }
    return run.status;
}

}  // namespace toolbox
