// patch, as GNU patch 2.7: applies unified and context diffs read from stdin or -i FILE. Each hunk is looked for where its header says,
// then at growing offsets, then with up to two lines of context ignored at each end (fuzz), as GNU
// does, with GNU's messages ("Hunk #1 succeeded at 5 (offset 2 lines).", "Hunk #1 FAILED at 3.");
// hunks that fail go to FILE.rej. Knows -p N, -R, -N, --dry-run, -o, -b, -d, -s, -E, -t, -f,
// creating and deleting files (/dev/null headers) and the reversed-patch check. Exit 0 all
// applied, 1 some failed, 2 trouble. No terminal questions: the default answer is taken.
// applet: patch patch_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/paths.h"
#include "sx/posix.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "patch";

constexpr std::string_view k_usage =
    "Usage: patch [OPTION]... [ORIGFILE [PATCHFILE]]\n"
    "\n"
    "Input options:\n"
    "\n"
    "  -p NUM  --strip=NUM  Strip NUM leading components from file names.\n"
    "  -R  --reverse  Assume patches were created with old and new files swapped.\n"
    "  -i PATCHFILE  --input=PATCHFILE  Read patch from PATCHFILE instead of stdin.\n"
    "\n"
    "Output options:\n"
    "\n"
    "  -o FILE  --output=FILE  Output patched files to FILE.\n"
    "  -r FILE  --reject-file=FILE  Output rejects to FILE.\n"
    "  -E  --remove-empty-files  Remove output files that are empty after patching.\n"
    "\n"
    "Backup and version control options:\n"
    "\n"
    "  -b  --backup  Back up the original contents of each file.\n"
    "  --backup-if-mismatch  Back up if the patch does not match exactly.\n"
    "  --no-backup-if-mismatch  Back up mismatches only if otherwise requested.\n"
    "\n"
    "Miscellaneous options:\n"
    "\n"
    "  -t  --batch  Ask no questions; skip bad-Prereq patches; assume reversed.\n"
    "  -f  --force  Like -t, but ignore bad-Prereq patches, and assume unreversed.\n"
    "  -s  --quiet  --silent  Work silently unless an error occurs.\n"
    "  -N  --forward  Ignore patches that appear to be reversed or already applied.\n"
    "  -F NUM  --fuzz NUM  Set the fuzz factor to NUM for inexact matching.\n"
    "  --dry-run  Do not actually change any files; just print what would happen.\n"
    "  -d DIR  --directory=DIR  Change the working directory to DIR first.\n"
    "  --verbose  Output extra information about the work being done.\n"
    "\n"
    "  -v  --version  Output version info.\n"
    "  --help  Output this help.\n";

enum : int { k_dry_run = k_long_only, k_backup_mismatch, k_no_backup_mismatch, k_verbose };

constexpr LongOption k_long_options[] = {
    {"strip", Argument::required, 'p'},
    {"reverse", Argument::none, 'R'},
    {"input", Argument::required, 'i'},
    {"output", Argument::required, 'o'},
    {"reject-file", Argument::required, 'r'},
    {"remove-empty-files", Argument::none, 'E'},
    {"backup", Argument::none, 'b'},
    {"backup-if-mismatch", Argument::none, k_backup_mismatch},
    {"no-backup-if-mismatch", Argument::none, k_no_backup_mismatch},
    {"batch", Argument::none, 't'},
    {"force", Argument::none, 'f'},
    {"quiet", Argument::none, 's'},
    {"silent", Argument::none, 's'},
    {"forward", Argument::none, 'N'},
    {"fuzz", Argument::required, 'F'},
    {"dry-run", Argument::none, k_dry_run},
    {"directory", Argument::required, 'd'},
    {"verbose", Argument::none, k_verbose},
    {"unified", Argument::none, 'u'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, 'v'},
};

struct Settings {
    long strip{-1};  // -1: the base name
    bool strip_given{false};
    std::string forced_target;  // the ORIGFILE operand
    bool reverse{false};
    bool forward_only{false};
    bool dry_run{false};
    bool backup{false};
    bool backup_if_mismatch{true};
    bool remove_empty{false};
    bool batch{false};
    bool force{false};
    bool quiet{false};
    bool verbose{false};
    long fuzz{2};
    std::string output;
    std::string reject_file;
};

// A line of a file being patched; `newline` is false only for an unterminated last line.
struct Line {
    std::string text;
    bool newline{true};
    bool operator==(const Line& other) const { return text == other.text && newline == other.newline; }
};

struct HunkLine {
    char kind{' '};  // ' ', '-' or '+'
    Line line;
};

struct Hunk {
    long old_first{0}, old_count{0}, new_first{0}, new_count{0};
    std::vector<HunkLine> lines;
};

// One file's part of the patch.
struct FilePatch {
    std::string old_name, new_name;     // as written in the headers
    std::vector<std::string> header;    // the ---/+++ lines, for .rej files
    std::vector<std::string> leading;   // text before the headers, for "can't find file"
    long header_line{0};                // input line of the first hunk
    std::vector<Hunk> hunks;
    bool malformed{false};              // the input breaks off in this file's hunks
};

// The patch input split into lines.
class PatchText {
public:
    explicit PatchText(std::string text) : m_text(std::move(text)) {
        size_t start = 0;
        while (start < m_text.size()) {
            size_t end = m_text.find('\n', start);
            if (end == std::string::npos)
                end = m_text.size();
            m_lines.emplace_back(std::string_view(m_text).substr(start, end - start));
            start = end + 1;
        }
    }
    size_t size() const { return m_lines.size(); }
    std::string_view operator[](size_t i) const { return m_lines[i]; }

private:
    std::string m_text;
    std::vector<std::string_view> m_lines;
};

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// "-a,b" or "-a" in a "@@" line; a missing count is 1.
bool parse_range(std::string_view& text, long& first, long& count) {
    size_t i = 0;
    auto number = [&](long& value) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9')
            return false;
        value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            value = value * 10 + (text[i++] - '0');
        return true;
    };
    if (!number(first))
        return false;
    count = 1;
    if (i < text.size() && text[i] == ',') {
        ++i;
        if (!number(count))
            return false;
    }
    text.remove_prefix(i);
    return true;
}

bool parse_hunk_header(std::string_view line, Hunk& hunk) {
    if (!starts_with(line, "@@ -"))
        return false;
    line.remove_prefix(4);
    if (!parse_range(line, hunk.old_first, hunk.old_count) || !starts_with(line, " +"))
        return false;
    line.remove_prefix(2);
    return parse_range(line, hunk.new_first, hunk.new_count) && starts_with(line, " @@");
}

// The name in a "--- NAME\tDATE" line.
std::string header_name(std::string_view line) {
    line.remove_prefix(4);
    size_t tab = line.find('\t');
    if (tab != std::string_view::npos)
        return std::string(line.substr(0, tab));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
        line.remove_suffix(1);
    // "NAME YYYY-MM-DD HH:MM:SS…" written with spaces.
    size_t space = line.find(' ');
    if (space != std::string_view::npos && line.size() > space + 11 && line[space + 5] == '-' && line[space + 8] == '-')
        return std::string(line.substr(0, space));
    return std::string(line);
}

// Reads one hunk's body after its header; false (with `error_line`) when malformed.
bool read_hunk(const PatchText& text, size_t& index, Hunk& hunk, size_t& error_line, std::string& error_text) {
    long old_left = hunk.old_count, new_left = hunk.new_count;
    while ((old_left > 0 || new_left > 0) && index < text.size()) {
        std::string_view line = text[index];
        char kind = line.empty() ? ' ' : line[0];
        if (kind != ' ' && kind != '-' && kind != '+') {
            error_line = index + 1;
            error_text = std::string(line);
            return false;
        }
        ++index;
        std::string body(line.empty() ? std::string_view() : line.substr(1));
        hunk.lines.push_back({kind, {body, true}});
        if (kind != '+')
            --old_left;
        if (kind != '-')
            --new_left;
        if (old_left < 0 || new_left < 0) {
            error_line = index;
            error_text = std::string(line);
            return false;
        }
        if (index < text.size() && starts_with(text[index], "\\")) {
            hunk.lines.back().line.newline = false;
            ++index;
        }
    }
    if (old_left > 0 || new_left > 0) {
        error_line = index;
        return false;
    }
    return true;
}

enum class ParseResult { ok, garbage, malformed };

// "*** A,B ****" or "--- A,B ----": the range's first line (0 for an empty file).
bool parse_context_range(std::string_view line, std::string_view tail, long& first) {
    line.remove_prefix(4);
    if (line.size() < tail.size() || line.substr(line.size() - tail.size()) != tail)
        return false;
    line.remove_suffix(tail.size());
    long count = 0;
    return parse_range(line, first, count) && line.empty();
}

// One side of a context hunk: its lines with their two-character marks.
void read_context_side(const PatchText& text, size_t& index, std::vector<HunkLine>& lines, std::string_view stop) {
    while (index < text.size() && !starts_with(text[index], stop) && !starts_with(text[index], "***************")) {
        std::string_view line = text[index];
        if (starts_with(line, "\\")) {
            if (!lines.empty())
                lines.back().line.newline = false;
        } else if (line.size() >= 2 && (line[0] == ' ' || line[0] == '-' || line[0] == '+' || line[0] == '!') &&
                   line[1] == ' ') {
            lines.push_back({line[0], {std::string(line.substr(2)), true}});
        } else if (line.empty()) {
            lines.push_back({' ', {"", true}});
        } else {
            break;
        }
        ++index;
    }
}

// A context-diff hunk ("***************", "*** A,B ****" old lines, "--- C,D ----" new lines)
// turned into the unified form: context, then each run's removed lines, then its added ones.
bool read_context_hunk(const PatchText& text, size_t& index, Hunk& hunk) {
    if (index >= text.size() || !parse_context_range(text[index], " ****", hunk.old_first))
        return false;
    ++index;
    std::vector<HunkLine> old_lines, new_lines;
    read_context_side(text, index, old_lines, "--- ");
    if (index >= text.size() || !parse_context_range(text[index], " ----", hunk.new_first))
        return false;
    ++index;
    read_context_side(text, index, new_lines, "*** ");
    auto context_of = [](const std::vector<HunkLine>& lines) {
        std::vector<HunkLine> context;
        for (const HunkLine& line : lines)
            if (line.kind == ' ')
                context.push_back(line);
        return context;
    };
    if (old_lines.empty())
        old_lines = context_of(new_lines);
    if (new_lines.empty())
        new_lines = context_of(old_lines);
    size_t i = 0, j = 0;
    while (i < old_lines.size() || j < new_lines.size()) {
        if (i < old_lines.size() && j < new_lines.size() && old_lines[i].kind == ' ' && new_lines[j].kind == ' ') {
            hunk.lines.push_back({' ', old_lines[i].line});
            ++i, ++j;
            continue;
        }
        size_t before = i + j;
        for (; i < old_lines.size() && old_lines[i].kind != ' '; ++i)
            hunk.lines.push_back({'-', old_lines[i].line});
        for (; j < new_lines.size() && new_lines[j].kind != ' '; ++j)
            hunk.lines.push_back({'+', new_lines[j].line});
        if (i + j == before)
            return false;
    }
    hunk.old_count = hunk.new_count = 0;
    for (const HunkLine& line : hunk.lines) {
        hunk.old_count += line.kind != '+';
        hunk.new_count += line.kind != '-';
    }
    if (hunk.old_count == 0 && hunk.old_first > 0 && !old_lines.empty())
        --hunk.old_first;
    return true;
}

ParseResult parse_patch(const PatchText& text, std::vector<FilePatch>& patches, size_t& error_line,
                        std::string& error_text) {
    size_t index = 0;
    std::vector<std::string> leading;
    while (index < text.size()) {
        std::string_view line = text[index];
        if (starts_with(line, "--- ") && index + 2 < text.size() + 1 && index + 1 < text.size() &&
            starts_with(text[index + 1], "+++ ") && index + 2 < text.size() && starts_with(text[index + 2], "@@ -")) {
            FilePatch patch;
            patch.old_name = header_name(line);
            patch.new_name = header_name(text[index + 1]);
            patch.header = {std::string(line), std::string(text[index + 1])};
            patch.leading = std::move(leading);
            leading.clear();
            index += 2;
            patch.header_line = static_cast<long>(index) + 1;
            while (index < text.size() && starts_with(text[index], "@@ -")) {
                Hunk hunk;
                if (!parse_hunk_header(text[index], hunk)) {
                    error_line = index + 1;
                    error_text = std::string(text[index]);
                    patch.malformed = true;
                    patches.push_back(std::move(patch));
                    return ParseResult::malformed;
                }
                ++index;
                if (!read_hunk(text, index, hunk, error_line, error_text)) {
                    patch.malformed = true;
                    patches.push_back(std::move(patch));
                    return ParseResult::malformed;
                }
                patch.hunks.push_back(std::move(hunk));
            }
            patches.push_back(std::move(patch));
            continue;
        }
        if (starts_with(line, "*** ") && index + 2 < text.size() && starts_with(text[index + 1], "--- ") &&
            starts_with(text[index + 2], "***************")) {
            FilePatch patch;
            patch.old_name = header_name(line);
            patch.new_name = header_name(text[index + 1]);
            patch.header = {"--- " + std::string(line.substr(4)), std::string(text[index + 1])};
            patch.header[1].replace(0, 4, "+++ ");
            patch.leading = std::move(leading);
            leading.clear();
            index += 2;
            patch.header_line = static_cast<long>(index) + 1;
            while (index < text.size() && starts_with(text[index], "***************")) {
                ++index;
                Hunk hunk;
                if (!read_context_hunk(text, index, hunk)) {
                    error_line = std::min(index + 1, text.size());
                    error_text = index < text.size() ? std::string(text[index]) : "";
                    patch.malformed = true;
                    patches.push_back(std::move(patch));
                    return ParseResult::malformed;
                }
                patch.hunks.push_back(std::move(hunk));
            }
            patches.push_back(std::move(patch));
            continue;
        }
        leading.emplace_back(line);
        ++index;
    }
    return patches.empty() ? ParseResult::garbage : ParseResult::ok;
}

// -p N: drops N leading components; "" when there are fewer.
std::string strip_name(const std::string& name, long strip) {
    if (strip < 0)
        return base_name(name);
    size_t start = 0;
    for (long k = 0; k < strip; ++k) {
        size_t slash = name.find('/', start);
        if (slash == std::string::npos)
            return "";
        start = slash + 1;
        while (start < name.size() && name[start] == '/')
            ++start;
    }
    return name.substr(start);
}

bool exists(const std::string& path) {
    struct stat info {};
    return !path.empty() && ::stat(path.c_str(), &info) == 0;
}

// Of the candidate names, the existing one with the fewest components, shortest base name, shortest whole.
std::string best_name(const std::vector<std::string>& names, bool need_existing) {
    std::string best;
    auto components = [](const std::string& name) { return std::count(name.begin(), name.end(), '/'); };
    for (const std::string& name : names) {
        if (name.empty() || (need_existing && !exists(name)))
            continue;
        if (best.empty() || components(name) < components(best) ||
            (components(name) == components(best) &&
             (base_name(name).size() < base_name(best).size() ||
              (base_name(name).size() == base_name(best).size() && name.size() < best.size()))))
            best = name;
    }
    return best;
}

std::vector<Line> split_file(const std::string& content) {
    std::vector<Line> lines;
    size_t start = 0;
    while (start < content.size()) {
        size_t end = content.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back({content.substr(start), false});
            break;
        }
        lines.push_back({content.substr(start, end - start), true});
        start = end + 1;
    }
    return lines;
}

void say(const Settings& settings, const std::string& text) {
    if (!settings.quiet)
        write_all(1, text);
}

// Applies one file's hunks to its lines, as GNU patch locates and applies them.
class Applier {
public:
    explicit Applier(const std::vector<Line>& input) : m_input(input) {}

    // 0 when not found, else the 1-based line where the hunk's old side starts.
    long locate(const Hunk& hunk, long fuzz) const;
    void apply(const Hunk& hunk, long where);
    void finish();
    long offset() const { return m_offset; }
    long frozen() const { return m_frozen; }
    void add_offset(long delta) { m_offset += delta; }
    std::vector<Line>& output() { return m_output; }

private:
    bool matches(const std::vector<const Line*>& pattern, long base, long prefix_fuzz, long suffix_fuzz) const;

    const std::vector<Line>& m_input;
    std::vector<Line> m_output;
    long m_frozen{0};  // input lines already copied to the output
    long m_offset{0};
};

std::vector<const Line*> old_side(const Hunk& hunk) {
    std::vector<const Line*> lines;
    for (const HunkLine& line : hunk.lines)
        if (line.kind != '+')
            lines.push_back(&line.line);
    return lines;
}

long leading_context(const Hunk& hunk) {
    long count = 0;
    for (const HunkLine& line : hunk.lines) {
        if (line.kind != ' ')
            break;
        ++count;
    }
    return count;
}

long trailing_context(const Hunk& hunk) {
    long count = 0;
    for (auto it = hunk.lines.rbegin(); it != hunk.lines.rend() && it->kind == ' '; ++it)
        ++count;
    return count;
}

bool Applier::matches(const std::vector<const Line*>& pattern, long base, long prefix_fuzz, long suffix_fuzz) const {
    long count = static_cast<long>(pattern.size());
    for (long k = prefix_fuzz; k < count - suffix_fuzz; ++k) {
        long at = base - 1 + k;
        if (at < 0 || at >= static_cast<long>(m_input.size()))
            return false;
        const Line& have = m_input[static_cast<size_t>(at)];
        const Line& want = *pattern[static_cast<size_t>(k)];
        if (!(have == want))
            return false;
    }
    return true;
}

long Applier::locate(const Hunk& hunk, long fuzz) const {
    std::vector<const Line*> pattern = old_side(hunk);
    long input_lines = static_cast<long>(m_input.size());
    long pattern_lines = static_cast<long>(pattern.size());
    long first_guess = (hunk.old_count == 0 ? hunk.old_first + 1 : hunk.old_first) + m_offset;
    if (pattern_lines == 0)
        return first_guess;
    long prefix = leading_context(hunk), suffix = trailing_context(hunk);
    if (prefix == static_cast<long>(hunk.lines.size()))
        suffix = 0;
    // A hunk with less context at one end than the other was cut short by the file's edge:
    // it can only match there (unless fuzz covers the difference).
    long context = std::max(prefix, suffix);
    long prefix_fuzz = fuzz + prefix - context;
    long suffix_fuzz = fuzz + suffix - context;
    long min_where = m_frozen + 1;
    if (prefix_fuzz < 0 && hunk.old_first <= 1) {
        if (suffix_fuzz < 0 && pattern_lines != input_lines)
            return 0;
        if (m_frozen <= prefix && matches(pattern, 1, 0, std::max(0L, suffix_fuzz)))
            return 1;
        return 0;
    }
    prefix_fuzz = std::max(0L, prefix_fuzz);
    if (suffix_fuzz < 0) {
        long where = input_lines - pattern_lines + 1;
        if (where >= min_where && where >= 1 && matches(pattern, where, prefix_fuzz, 0))
            return where;
        return 0;
    }
    long max_where = input_lines - (pattern_lines - suffix_fuzz) + 1;
    long max_pos_offset = max_where - first_guess;
    long max_neg_offset = first_guess - min_where;
    if (first_guess <= max_neg_offset)
        max_neg_offset = first_guess - 1;
    long max_offset = std::max(max_pos_offset, max_neg_offset);
    for (long offset = 0; offset <= max_offset; ++offset) {
        if (offset <= max_pos_offset && matches(pattern, first_guess + offset, prefix_fuzz, suffix_fuzz))
            return first_guess + offset;
        if (offset > 0 && offset <= max_neg_offset && matches(pattern, first_guess - offset, prefix_fuzz, suffix_fuzz))
            return first_guess - offset;
    }
    return 0;
}

// Applies a hunk found at `where`, as GNU does: input lines are copied only up to each removed or
// added line, so context (even fuzzed context) is taken from the input and never written twice.
void Applier::apply(const Hunk& hunk, long where) {
    long old_index = where - 1;  // 0-based input line of the hunk's current old-side line
    auto copy_until = [&](long end) {
        while (m_frozen < end && m_frozen < static_cast<long>(m_input.size()))
            m_output.push_back(m_input[static_cast<size_t>(m_frozen++)]);
    };
    for (const HunkLine& line : hunk.lines) {
        if (line.kind == '+') {
            copy_until(old_index);
            m_output.push_back(line.line);
        } else if (line.kind == '-') {
            copy_until(old_index);
            m_frozen = std::max(m_frozen, old_index + 1);
            ++old_index;
        } else {
            ++old_index;
        }
    }
}

void Applier::finish() {
    while (m_frozen < static_cast<long>(m_input.size()))
        m_output.push_back(m_input[static_cast<size_t>(m_frozen++)]);
}

Hunk reversed(const Hunk& hunk) {
    Hunk result = hunk;
    std::swap(result.old_first, result.new_first);
    std::swap(result.old_count, result.new_count);
    for (HunkLine& line : result.lines)
        line.kind = line.kind == '-' ? '+' : line.kind == '+' ? '-' : ' ';
    // Within each run of changed lines, the removed ones come first, as in any diff.
    auto begin = result.lines.begin();
    while (begin != result.lines.end()) {
        if (begin->kind == ' ') {
            ++begin;
            continue;
        }
        auto end = std::find_if(begin, result.lines.end(), [](const HunkLine& line) { return line.kind == ' '; });
        std::stable_partition(begin, end, [](const HunkLine& line) { return line.kind == '-'; });
        begin = end;
    }
    return result;
}

std::string join_lines(const std::vector<Line>& lines) {
    std::string text;
    for (const Line& line : lines) {
        text += line.text;
        if (line.newline)
            text += '\n';
    }
    return text;
}

bool write_file(const std::string& path, const std::string& content, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return false;
    bool ok = write_all(fd, content);
    int error = errno;
    ::close(fd);
    errno = error;
    return ok;
}

bool read_file(const std::string& path, std::string& content) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return false;
    int error = 0;
    content = read_all(fd, error);
    ::close(fd);
    errno = error;
    return error == 0;
}

std::string plural(long count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// A hunk that did not apply, as it goes to the .rej file: the hunk as applied (reversed with
// -R) and its line numbers moved by the lines earlier hunks added or removed.
struct Reject {
    const Hunk* hunk{nullptr};
    long delta{0};
};

std::string reject_range(long first, long count) {
    return count == 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(count);
}

class Patcher {
public:
    explicit Patcher(Settings& settings) : m_settings(settings) {}
    int patch_file(const FilePatch& patch);
    // "patching file NAME", for a patch that turns out malformed.
    void announce(const FilePatch& patch) {
        bool creating = false, deleting = false;
        std::string target = choose_target(patch, creating, deleting);
        if (!target.empty())
            say(m_settings, std::string(m_settings.dry_run ? "checking" : "patching") + " file " + target + "\n");
    }

private:
    std::string choose_target(const FilePatch& patch, bool& creating, bool& deleting) const;
    bool check_reversed(const FilePatch& patch, const Applier& applier, const std::vector<Hunk>& hunks, long fuzz,
                        bool& skip, bool& reverse_all) const;
    int write_rejects(const FilePatch& patch, const std::vector<Reject>& rejects, const std::string& target,
                      long total, bool skipped);

    Settings& m_settings;
};

std::string Patcher::choose_target(const FilePatch& patch, bool& creating, bool& deleting) const {
    bool old_null = patch.old_name == "/dev/null";
    bool new_null = patch.new_name == "/dev/null";
    creating = m_settings.reverse ? new_null : old_null;
    deleting = m_settings.reverse ? old_null : new_null;
    std::vector<std::string> names;
    if (!old_null)
        names.push_back(strip_name(patch.old_name, m_settings.strip));
    if (!new_null)
        names.push_back(strip_name(patch.new_name, m_settings.strip));
    if (!m_settings.forced_target.empty())
        return m_settings.forced_target;
    std::string target = best_name(names, true);
    if (target.empty() && !patch.hunks.empty() && patch.hunks[0].old_count == 0 && patch.hunks.size() == 1 &&
        !m_settings.reverse)
        creating = true;
    if (target.empty() && creating)
        target = best_name(names, false);
    return target;
}

int Patcher::write_rejects(const FilePatch& patch, const std::vector<Reject>& rejects, const std::string& target,
                           long total, bool skipped) {
    if (rejects.empty())
        return 0;
    std::string summary = std::to_string(rejects.size()) + " out of " + plural(total, "hunk") +
                          (skipped ? " ignored" : " FAILED");
    std::string reject_path = m_settings.reject_file.empty() ? (m_settings.output.empty() ? target : m_settings.output) + ".rej"
                                                             : m_settings.reject_file;
    if (m_settings.dry_run || target.empty()) {
        write_all(1, summary + "\n");
        return 1;
    }
    write_all(1, summary + " -- saving rejects to file " + reject_path + "\n");
    std::string text;
    if (patch.header.size() == 2) {
        std::string_view from = patch.header[m_settings.reverse ? 1 : 0];
        std::string_view to = patch.header[m_settings.reverse ? 0 : 1];
        text += "--- " + std::string(from.substr(4)) + "\n+++ " + std::string(to.substr(4)) + "\n";
    }
    for (const Reject& reject : rejects) {
        const Hunk& hunk = *reject.hunk;
        text += "@@ -" + reject_range(hunk.old_first + reject.delta, hunk.old_count) + " +" +
                reject_range(hunk.new_first + reject.delta, hunk.new_count) + " @@\n";
        for (const HunkLine& line : hunk.lines) {
            text += line.kind + line.line.text + "\n";
            if (!line.line.newline)
                text += "\\ No newline at end of file\n";
        }
    }
    if (!write_file(reject_path, text, 0644)) {
        write_all(2, std::string(k_program) + ": **** Can't create file " + reject_path + " : " + strerror_gnu(errno) + "\n");
        return 2;
    }
    return 1;
}

// Before failing hunk 1, GNU checks whether the patch applies reversed (already applied).
bool Patcher::check_reversed(const FilePatch&, const Applier& applier, const std::vector<Hunk>& hunks, long fuzz,
                             bool& skip, bool& reverse_all) const {
    if (m_settings.force)
        return false;
    if (applier.locate(reversed(hunks[0]), fuzz) == 0)
        return false;
    std::string what = m_settings.reverse ? "Unreversed" : "Reversed (or previously applied)";
    if (m_settings.forward_only) {
        say(m_settings, what + " patch detected!  Skipping patch.\n");
        skip = true;
    } else if (m_settings.batch) {
        say(m_settings, what + " patch detected!  Assuming -R.\n");
        reverse_all = true;
    } else {
        say(m_settings, what + " patch detected!  " + (m_settings.reverse ? "Ignore -R? [n] \n" : "Assume -R? [n] \n") +
                            "Apply anyway? [n] \nSkipping patch.\n");
        skip = true;
    }
    return true;
}

int Patcher::patch_file(const FilePatch& patch) {
    bool creating = false, deleting = false;
    std::string target = choose_target(patch, creating, deleting);
    long total = static_cast<long>(patch.hunks.size());
    if (target.empty() && deleting) {
        std::vector<std::string> names;
        for (const std::string& name : {patch.old_name, patch.new_name})
            if (name != "/dev/null")
                names.push_back(strip_name(name, m_settings.strip));
        std::string text = std::string("The next patch") + (m_settings.reverse ? ", when reversed," : "") +
                           " would delete the file " + best_name(names, false) + ",\nwhich does not exist!  ";
        text += m_settings.forward_only ? "Skipping patch.\n"
                                        : std::string(m_settings.reverse ? "Ignore -R? [n] \n" : "Assume -R? [n] \n") +
                                              "Apply anyway? [n] \nSkipping patch.\n";
        say(m_settings, text);
        write_all(1, std::to_string(total) + " out of " + plural(total, "hunk") + " ignored\n");
        return 1;
    }
    if (target.empty()) {
        std::string text = "can't find file to patch at input line " + std::to_string(patch.header_line) +
                           (m_settings.strip_given ? "\nPerhaps you used the wrong -p or --strip option?"
                                                   : "\nPerhaps you should have used the -p or --strip option?") +
                           "\nThe text leading up to this was:\n"
                           "--------------------------\n";
        for (const std::string& line : patch.leading)
            text += "|" + line + "\n";
        for (const std::string& line : patch.header)
            text += "|" + line + "\n";
        text += "--------------------------\n";
        text += m_settings.force || m_settings.batch ? "No file to patch.  Skipping patch.\n"
                                                     : "File to patch: \nSkip this patch? [y] \nSkipping patch.\n";
        say(m_settings, text);
        write_all(1, std::to_string(total) + " out of " + plural(total, "hunk") + " ignored\n");
        return 1;
    }
    std::string content;
    bool target_exists = exists(target);
    struct stat info {};
    mode_t mode = 0644;
    if (target_exists) {
        if (!read_file(target, content)) {
            write_all(2, std::string(k_program) + ": **** Can't open file " + target + " : " + strerror_gnu(errno) + "\n");
            return 2;
        }
        if (::stat(target.c_str(), &info) == 0)
            mode = info.st_mode & 07777;
    }
    if (creating && target_exists && !content.empty()) {
        std::string text = std::string("The next patch") + (m_settings.reverse ? ", when reversed," : "") +
                           " would create the file " + target + ",\nwhich already exists!  ";
        text += m_settings.forward_only ? "Skipping patch.\n"
                                        : std::string(m_settings.reverse ? "Ignore -R? [n] \n" : "Assume -R? [n] \n") +
                                              "Apply anyway? [n] \nSkipping patch.\n";
        say(m_settings, text);
        write_all(1, std::to_string(total) + " out of " + plural(total, "hunk") + " ignored\n");
        return 1;
    }
    if (m_settings.output.empty())
        say(m_settings, std::string(m_settings.dry_run ? "checking" : "patching") + " file " + target + "\n");
    else
        say(m_settings, std::string(m_settings.dry_run ? "checking" : "patching") + " file " + m_settings.output +
                            " (read from " + target + ")\n");

    std::vector<Line> input = split_file(content);
    std::vector<Hunk> hunks;
    for (const Hunk& hunk : patch.hunks)
        hunks.push_back(m_settings.reverse ? reversed(hunk) : hunk);
    Applier applier(input);
    std::vector<Reject> rejects;
    bool mismatch = false, skip = false;
    for (size_t h = 0; h < hunks.size(); ++h) {
        long delta = static_cast<long>(applier.output().size()) - applier.frozen();
        if (skip) {
            rejects.push_back({&hunks[h], delta});
            continue;
        }
        long where = 0, fuzz = 0;
        // Fuzz never drops more lines than the hunk has context.
        long max_fuzz = std::min(m_settings.fuzz, std::max(leading_context(hunks[h]), trailing_context(hunks[h])));
        for (; fuzz <= max_fuzz; ++fuzz) {
            where = applier.locate(hunks[h], fuzz);
            if (where != 0)
                break;
            mismatch = true;
            bool reverse_all = false;
            if (h == 0 && check_reversed(patch, applier, hunks, fuzz, skip, reverse_all)) {
                if (reverse_all) {
                    for (Hunk& hunk : hunks)
                        hunk = reversed(hunk);
                    m_settings.reverse = !m_settings.reverse;
                    where = applier.locate(hunks[h], fuzz);
                    if (where != 0)
                        break;
                }
                if (skip)
                    break;
            }
        }
        if (skip) {
            rejects.push_back({&hunks[h], delta});
            continue;
        }
        long first_guess = (hunks[h].old_count == 0 ? hunks[h].old_first + 1 : hunks[h].old_first) + applier.offset();
        if (where == 0) {
            mismatch = true;
            rejects.push_back({&hunks[h], delta});
            say(m_settings, "Hunk #" + std::to_string(h + 1) + " FAILED at " +
                                std::to_string((hunks[h].old_count == 0 ? hunks[h].old_first + 1 : hunks[h].old_first) +
                                               delta) +
                                ".\n");
            continue;
        }
        applier.add_offset(where - first_guess);
        long offset = applier.offset();
        if (fuzz != 0 || offset != 0) {
            mismatch = true;
            std::string text = "Hunk #" + std::to_string(h + 1) + " succeeded at " + std::to_string(where + delta);
            if (fuzz != 0)
                text += " with fuzz " + std::to_string(fuzz);
            if (offset != 0)
                text += " (offset " + std::to_string(offset) + (offset == 1 ? " line)" : " lines)");
            say(m_settings, text + ".\n");
        } else if (m_settings.verbose) {
            say(m_settings, "Hunk #" + std::to_string(h + 1) + " succeeded at " + std::to_string(where + delta) + ".\n");
        }
        applier.apply(hunks[h], where);
    }
    if (skip && rejects.size() == patch.hunks.size()) {
        if (m_settings.dry_run) {
            write_all(1, std::to_string(total) + " out of " + plural(total, "hunk") + " ignored\n");
            return 1;
        }
        return write_rejects(patch, rejects, target, total, true);
    }
    applier.finish();
    int status = 0;
    if (!m_settings.dry_run && !target_exists && !creating) {
        // A named ORIGFILE that does not exist was patched as empty; GNU then fails to reopen it.
        bool backup = m_settings.output.empty() && (m_settings.backup || (mismatch && m_settings.backup_if_mismatch));
        if (backup)
            write_file(target + ".orig", "", 0644);
        write_all(2, std::string(k_program) + ": **** Can't reopen file " + target + " : " + strerror_gnu(ENOENT) + "\n");
        return 2;
    }
    if (!m_settings.dry_run) {
        std::string result = join_lines(applier.output());
        std::string destination = m_settings.output.empty() ? target : m_settings.output;
        bool backup = m_settings.output.empty() && (m_settings.backup || (mismatch && m_settings.backup_if_mismatch));
        if (backup && !write_file(target + ".orig", content, mode)) {
            write_all(2, std::string(k_program) + ": **** Can't create file " + target + ".orig : " +
                             strerror_gnu(errno) + "\n");
            return 2;
        }
        bool remove = m_settings.output.empty() && result.empty() && (deleting || m_settings.remove_empty);
        if (remove) {
            ::unlink(target.c_str());
        } else if (!write_file(destination, result, m_settings.output.empty() ? mode : 0600)) {
            write_all(2, std::string(k_program) + ": **** Can't create file " + destination + " : " +
                             strerror_gnu(errno) + "\n");
            return 2;
        }
    }
    status = write_rejects(patch, rejects, target, total, false);
    return status;
}

}  // namespace

int patch_main(int argc, char** argv) {
    Settings settings;
    std::string input_path;
    std::string directory;
    OptionParser parser(k_program, argc, argv, "bd:EfF:i:No:p:r:Rstuv", k_long_options);
    parser.prefix_try_help();
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'p': {
            uint64_t value = 0;
            if (parse_decimal(option.argument, value) != NumberStatus::ok) {
                write_all(2, std::string(k_program) + ": **** strip count " + option.argument + " is not a number\n");
                return 2;
            }
            settings.strip = static_cast<long>(value);
            settings.strip_given = true;
            break;
        }
        case 'R': settings.reverse = true; break;
        case 'i': input_path = option.argument; break;
        case 'o': settings.output = option.argument; break;
        case 'r': settings.reject_file = option.argument; break;
        case 'E': settings.remove_empty = true; break;
        case 'b': settings.backup = true; break;
        case k_backup_mismatch: settings.backup_if_mismatch = true; break;
        case k_no_backup_mismatch: settings.backup_if_mismatch = false; break;
        case 't': settings.batch = true; break;
        case 'f': settings.force = true; break;
        case 's': settings.quiet = true; break;
        case 'N': settings.forward_only = true; break;
        case 'F': {
            uint64_t value = 0;
            if (parse_decimal(option.argument, value) != NumberStatus::ok) {
                write_all(2, std::string(k_program) + ": **** fuzz factor " + option.argument + " is not a number\n");
                return 2;
            }
            settings.fuzz = static_cast<long>(value);
            break;
        }
        case k_dry_run: settings.dry_run = true; break;
        case 'd': directory = option.argument; break;
        case k_verbose: settings.verbose = true; break;
        case 'u': break;
        case k_help: return print_usage(k_usage);
        case 'v': return print_version(k_program);
        default: return 2;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 2) {
        write_all(2, std::string(k_program) + ": extra operand '" + std::string(operands[2]) + "'\n");
        return try_help(k_program, 2);
    }
    std::string forced_target = operands.empty() ? "" : std::string(operands[0]);
    if (operands.size() == 2)
        input_path = operands[1];
    if (!directory.empty() && sx_chdir(directory.c_str()) != 0) {
        write_all(2, std::string(k_program) + ": **** Can't change to directory " + directory + " : " +
                         strerror_gnu(errno) + "\n");
        return 2;
    }
    std::string text;
    if (!input_path.empty() && input_path != "-") {
        if (!read_file(input_path, text)) {
            write_all(2, std::string(k_program) + ": **** Can't open patch file " + input_path + " : " +
                             strerror_gnu(errno) + "\n");
            return 2;
        }
    } else {
        int error = 0;
        text = read_all(0, error);
    }
    PatchText lines(std::move(text));
    std::vector<FilePatch> patches;
    size_t error_line = 0;
    std::string error_text;
    ParseResult parsed = parse_patch(lines, patches, error_line, error_text);
    if (lines.size() == 0)
        return 0;
    if (parsed == ParseResult::garbage) {
        write_all(2, std::string(k_program) + ": **** Only garbage was found in the patch input.\n");
        return 2;
    }
    Patcher patcher(settings);
    int status = 0;
    for (FilePatch& patch : patches) {
        settings.forced_target = forced_target;
        if (patch.malformed) {
            patcher.announce(patch);
            write_all(2, std::string(k_program) + ": **** malformed patch at line " + std::to_string(error_line) + ": " +
                             error_text + "\n\n");
            return 2;
        }
        bool reverse = settings.reverse;
        status = std::max(status, patcher.patch_file(patch));
        settings.reverse = reverse;
    }
    return status;
}

}  // namespace toolbox
