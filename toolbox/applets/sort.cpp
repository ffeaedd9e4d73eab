// sort, as GNU coreutils in the C locale: keys (-k, -t), orders (-n -g -h -M -V -R, -d -f -i -b,
// -r), -s, -u, -c/-C, -m, -o (which may name an input), -z, --files0-from, -S, -T, and GNU's
// diagnostics with exit status 2. Orders and keys are in lib/sort_keys.
//
// Memory stays bounded for any input size: lines are gathered until the buffer (-S, default
// 24 MiB) is full, that chunk is sorted (stably) and written to a temporary file in -T, TMPDIR or
// /tmp, and the sorted runs are merged at most --batch-size (default 16) at a time. An input that
// fits the buffer never touches a temporary file.
// applet: sort sort_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"
#include "lib/sort_keys.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "sort";
constexpr int k_failure = 2;
constexpr int k_disorder = 1;

constexpr std::string_view k_usage =
    "Usage: sort [OPTION]... [FILE]...\n"
    "  or:  sort [OPTION]... --files0-from=F\n"
    "Write sorted concatenation of all FILE(s) to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Ordering options:\n"
    "  -b, --ignore-leading-blanks  ignore leading blanks\n"
    "  -d, --dictionary-order      consider only blanks and alphanumeric characters\n"
    "  -f, --ignore-case           fold lower case to upper case characters\n"
    "  -g, --general-numeric-sort  compare according to general numerical value\n"
    "  -i, --ignore-nonprinting    consider only printable characters\n"
    "  -M, --month-sort            compare (unknown) < 'JAN' < ... < 'DEC'\n"
    "  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)\n"
    "  -n, --numeric-sort          compare according to string numerical value\n"
    "  -R, --random-sort           shuffle, but group identical keys\n"
    "      --random-source=FILE    get random bytes from FILE\n"
    "  -r, --reverse               reverse the result of comparisons\n"
    "      --sort=WORD             sort according to WORD:\n"
    "                                general-numeric -g, human-numeric -h, month -M,\n"
    "                                numeric -n, random -R, version -V\n"
    "  -V, --version-sort          natural sort of (version) numbers within text\n"
    "\n"
    "Other options:\n"
    "      --batch-size=NMERGE   merge at most NMERGE inputs at once\n"
    "  -c, --check, --check=diagnose-first  check for sorted input; do not sort\n"
    "  -C, --check=quiet, --check=silent  like -c, but do not report first bad line\n"
    "      --compress-program=PROG  accepted; temporary files are not compressed\n"
    "      --files0-from=F       read input from the files specified by\n"
    "                            NUL-terminated names in file F\n"
    "  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type\n"
    "  -m, --merge               merge already sorted files; do not sort\n"
    "  -o, --output=FILE         write result to FILE instead of standard output\n"
    "  -s, --stable              stabilize sort by disabling last-resort comparison\n"
    "  -S, --buffer-size=SIZE    use SIZE for main memory buffer\n"
    "  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition\n"
    "  -T, --temporary-directory=DIR  use DIR for temporaries, not $TMPDIR or /tmp\n"
    "      --parallel=N          accepted; sorting is single-threaded\n"
    "  -u, --unique              with -c, check for strict ordering;\n"
    "                              without -c, output only the first of an equal run\n"
    "  -z, --zero-terminated     line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "KEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a\n"
    "field number and C a character position in the field; both are origin 1, and\n"
    "the stop position defaults to the line's end.  OPTS is one or more single-letter\n"
    "ordering options [bdfgiMhnRrV], which override global ordering options for that key.\n";

enum LongIds {
    k_random_source = k_long_only,
    k_sort_word,
    k_batch_size,
    k_compress_program,
    k_debug,
    k_files0_from,
    k_parallel,
    k_check_word,
};

constexpr LongOption k_long_options[] = {
    {"ignore-leading-blanks", Argument::none, 'b'},
    {"check", Argument::optional, k_check_word},
    {"compress-program", Argument::required, k_compress_program},
    {"debug", Argument::none, k_debug},
    {"dictionary-order", Argument::none, 'd'},
    {"ignore-case", Argument::none, 'f'},
    {"files0-from", Argument::required, k_files0_from},
    {"general-numeric-sort", Argument::none, 'g'},
    {"ignore-nonprinting", Argument::none, 'i'},
    {"key", Argument::required, 'k'},
    {"merge", Argument::none, 'm'},
    {"month-sort", Argument::none, 'M'},
    {"numeric-sort", Argument::none, 'n'},
    {"human-numeric-sort", Argument::none, 'h'},
    {"version-sort", Argument::none, 'V'},
    {"random-sort", Argument::none, 'R'},
    {"random-source", Argument::required, k_random_source},
    {"sort", Argument::required, k_sort_word},
    {"output", Argument::required, 'o'},
    {"reverse", Argument::none, 'r'},
    {"stable", Argument::none, 's'},
    {"batch-size", Argument::required, k_batch_size},
    {"buffer-size", Argument::required, 'S'},
    {"field-separator", Argument::required, 't'},
    {"temporary-directory", Argument::required, 'T'},
    {"unique", Argument::none, 'u'},
    {"zero-terminated", Argument::none, 'z'},
    {"parallel", Argument::required, k_parallel},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    SortOrder order;
    SortKey global;
    char delimiter{'\n'};
    char check{0};  // 'c' or 'C'
    bool merge{false};
    const char* output{nullptr};
    std::string temp_dir;
    size_t buffer_bytes{24u << 20};
    size_t batch{16};
    const char* random_source{nullptr};
    const char* files0_from{nullptr};
};

// Prints "sort: MESSAGE" and returns exit status 2 (the "die" of coreutils sort).
int fail(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return k_failure;
}

int fail_file(const char* what, std::string_view name, int error) {
    return fail(std::string(what) + ": " + quote_file(name) + ": " + strerror_gnu(error));
}

// A temporary file holding one sorted run; removed when destroyed.
class TempRun final {
public:
    TempRun(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~TempRun() {
        if (m_fd >= 0)
            ::close(m_fd);
        ::unlink(m_path.c_str());
    }
    TempRun(const TempRun&) = delete;
    TempRun& operator=(const TempRun&) = delete;
    int fd() const { return m_fd; }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    int m_fd;
};

// Lines of one chunk, copied into blocks that never move (about an eighth of the buffer each).
class Chunk final {
public:
    explicit Chunk(size_t buffer_bytes) : m_block_size(std::clamp<size_t>(buffer_bytes / 8, 4096, 1u << 20)) {}
    void add(std::string_view line) {
        if (m_blocks.empty() || m_used + line.size() > m_block_capacity) {
            m_block_capacity = std::max(m_block_size, line.size());
            m_blocks.push_back(std::make_unique<char[]>(m_block_capacity));
            m_used = 0;
            m_bytes += m_block_capacity;
        }
        char* place = m_blocks.back().get() + m_used;
        if (!line.empty())
            std::memcpy(place, line.data(), line.size());
        m_used += line.size();
        m_lines.emplace_back(place, line.size());
    }
    // Memory held: blocks plus the line table and what sorting it needs.
    size_t footprint() const { return m_bytes + m_lines.size() * 2 * sizeof(std::string_view); }
    std::vector<std::string_view>& lines() { return m_lines; }
    void clear() {
        m_blocks.clear();
        m_lines.clear();
        m_used = 0;
        m_bytes = 0;
        m_block_capacity = 0;
    }

private:
    size_t m_block_size;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::string_view> m_lines;
    size_t m_block_capacity{0};
    size_t m_used{0};
    size_t m_bytes{0};
};

// Writes lines with the delimiter, dropping those equal to the previous one under -u.
class LineWriter final {
public:
    LineWriter(Output& out, const Settings& settings) : m_out(out), m_settings(settings) {}
    bool write(std::string_view line) {
        if (m_settings.order.unique) {
            if (m_have_last && compare_lines(m_settings.order, m_last, line) == 0)
                return !m_out.failed();
            m_last.assign(line);
            m_have_last = true;
        }
        m_out.write(line);
        return m_out.put(m_settings.delimiter);
    }

private:
    Output& m_out;
    const Settings& m_settings;
    std::string m_last;
    bool m_have_last{false};
};

std::string_view without_delimiter(std::string_view line, char delimiter) {
    if (!line.empty() && line.back() == delimiter)
        line.remove_suffix(1);
    return line;
}

void sort_chunk(std::vector<std::string_view>& lines, const SortOrder& order) {
    std::stable_sort(lines.begin(), lines.end(),
                     [&](std::string_view a, std::string_view b) { return compare_lines(order, a, b) < 0; });
}

// Makes an empty temporary file; nullptr after a message.
std::unique_ptr<TempRun> make_temp(const Settings& settings) {
    static constexpr char k_letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string path;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        unsigned char random[6] = {};
        (void)getentropy(random, sizeof random);
        path = settings.temp_dir + "/sort";
        for (unsigned char byte : random)
            path += k_letters[byte % (sizeof k_letters - 1)];
        fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        fail("cannot create temporary file in " + quote_file(settings.temp_dir) + ": " + strerror_gnu(errno));
        return nullptr;
    }
    return std::make_unique<TempRun>(path, fd);
}

// Writes a sorted chunk as a new run; false after a message.
bool spill(Chunk& chunk, const Settings& settings, std::vector<std::unique_ptr<TempRun>>& runs) {
    sort_chunk(chunk.lines(), settings.order);
    auto run = make_temp(settings);
    if (!run)
        return false;
    Output out(run->fd());
    LineWriter writer(out, settings);
    for (std::string_view line : chunk.lines())
        writer.write(line);
    if (!out.flush()) {
        fail("write failed: " + quote_file(run->path()) + ": " + strerror_gnu(out.error()));
        return false;
    }
    chunk.clear();
    runs.push_back(std::move(run));
    return true;
}

// One input of a merge: a run file or an already sorted input.
struct MergeSource {
    std::unique_ptr<LineReader> reader;
    std::string_view current;
    std::string name;
    bool done{false};
};

// Merges `fds` (each sorted) into `writer`, earlier sources winning ties; 0 or exit status.
int merge_into(const std::vector<int>& fds, const std::vector<std::string>& names, const Settings& settings,
               LineWriter& writer, Output& out) {
    std::vector<MergeSource> sources(fds.size());
    auto advance = [&](size_t index) -> bool {
        std::string_view line;
        if (sources[index].reader->next(line)) {
            sources[index].current = without_delimiter(line, settings.delimiter);
            return true;
        }
        sources[index].done = true;
        return sources[index].reader->error() == 0;
    };
    auto later = [&](size_t a, size_t b) {
        int c = compare_lines(settings.order, sources[a].current, sources[b].current);
        return c != 0 ? c > 0 : a > b;
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
    for (size_t i = 0; i < fds.size(); ++i) {
        sources[i].reader = std::make_unique<LineReader>(fds[i], settings.delimiter);
        sources[i].name = names[i];
        if (!advance(i))
            return fail_file("read failed", names[i], sources[i].reader->error());
        if (!sources[i].done)
            heap.push(i);
    }
    while (!heap.empty()) {
        size_t index = heap.top();
        heap.pop();
        writer.write(sources[index].current);
        if (out.failed())
            return 0;
        if (!advance(index))
            return fail_file("read failed", names[index], sources[index].reader->error());
        if (!sources[index].done)
            heap.push(index);
    }
    return 0;
}

// Merges consecutive groups of `batch` runs, in place so earlier input still wins ties, until at
// most `limit` remain; 0 or exit status.
int reduce_runs(std::vector<std::unique_ptr<TempRun>>& runs, const Settings& settings, size_t limit) {
    while (runs.size() > limit) {
        std::vector<std::unique_ptr<TempRun>> reduced;
        for (size_t start = 0; start < runs.size(); start += settings.batch) {
            size_t end = std::min(runs.size(), start + settings.batch);
            if (end - start == 1) {
                reduced.push_back(std::move(runs[start]));
                continue;
            }
            auto merged = make_temp(settings);
            if (!merged)
                return k_failure;
            std::vector<int> fds;
            std::vector<std::string> names;
            for (size_t i = start; i < end; ++i) {
                ::lseek(runs[i]->fd(), 0, SEEK_SET);
                fds.push_back(runs[i]->fd());
                names.push_back(runs[i]->path());
            }
            Output out(merged->fd());
            LineWriter writer(out, settings);
            if (int status = merge_into(fds, names, settings, writer, out))
                return status;
            if (!out.flush())
                return fail("write failed: " + quote_file(merged->path()) + ": " + strerror_gnu(out.error()));
            for (size_t i = start; i < end; ++i)
                runs[i].reset();
            reduced.push_back(std::move(merged));
        }
        runs = std::move(reduced);
    }
    return 0;
}

// The output descriptor: -o FILE is opened (not yet truncated) before any input is read.
struct OutputFile {
    int fd{1};
    std::string name{"standard output"};
};

bool open_output(const Settings& settings, OutputFile& file) {
    if (settings.output == nullptr)
        return true;
    file.name = settings.output;
    file.fd = ::open(settings.output, O_WRONLY | O_CREAT, 0666);
    if (file.fd < 0) {
        fail_file("open failed", settings.output, errno);
        return false;
    }
    return true;
}

bool truncate_output(const Settings& settings, OutputFile& file) {
    if (settings.output == nullptr)
        return true;
    if (::ftruncate(file.fd, 0) == 0)
        return true;
    ::close(file.fd);
    file.fd = ::open(settings.output, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (file.fd < 0) {
        fail_file("open failed", settings.output, errno);
        return false;
    }
    return true;
}

int finish_output(Output& out, const OutputFile& file) {
    if (out.flush())
        return 0;
    if (file.fd == 1 && out.error() == EPIPE)
        return write_error(k_program, EPIPE) + 1;
    fail("write failed: " + quote_file(file.name) + ": " + strerror_gnu(out.error()));
    return k_failure;
}

int open_input_or_fail(const std::string& name, int& fd) {
    fd = open_input(name);
    if (fd < 0)
        return fail_file("open failed", name, errno);
    return 0;
}

int sort_inputs(const std::vector<std::string>& inputs, const Settings& settings, OutputFile& output_file) {
    Chunk chunk(settings.buffer_bytes);
    std::vector<std::unique_ptr<TempRun>> runs;
    for (const auto& name : inputs) {
        int fd = -1;
        if (int status = open_input_or_fail(name, fd))
            return status;
        LineReader reader(fd, settings.delimiter);
        std::string_view line;
        while (reader.next(line)) {
            chunk.add(without_delimiter(line, settings.delimiter));
            if (chunk.footprint() >= settings.buffer_bytes) {
                if (!spill(chunk, settings, runs))
                    return k_failure;
                // Keep the open run files few: fold the oldest together as they pile up.
                if (runs.size() >= 4 * settings.batch)
                    if (int status = reduce_runs(runs, settings, 3 * settings.batch))
                        return status;
            }
        }
        int error = reader.error();
        if (fd != 0)
            ::close(fd);
        if (error != 0)
            return fail_file("read failed", name, error);
    }
    if (!truncate_output(settings, output_file))
        return k_failure;
    Output out(output_file.fd);
    LineWriter writer(out, settings);
    if (runs.empty()) {
        sort_chunk(chunk.lines(), settings.order);
        for (std::string_view line : chunk.lines())
            if (!writer.write(line))
                break;
        return finish_output(out, output_file);
    }
    if (!chunk.lines().empty() && !spill(chunk, settings, runs))
        return k_failure;
    if (int status = reduce_runs(runs, settings, settings.batch))
        return status;
    std::vector<int> fds;
    std::vector<std::string> names;
    for (auto& run : runs) {
        ::lseek(run->fd(), 0, SEEK_SET);
        fds.push_back(run->fd());
        names.push_back(run->path());
    }
    if (int status = merge_into(fds, names, settings, writer, out))
        return status;
    return finish_output(out, output_file);
}

// -m: the inputs are sorted already. An input that is also the -o file is copied first.
int merge_inputs(const std::vector<std::string>& inputs, const Settings& settings, OutputFile& output_file) {
    std::vector<std::unique_ptr<TempRun>> runs;
    std::vector<int> fds;
    std::vector<std::string> names;
    struct stat output_info {};
    bool have_output = settings.output != nullptr && ::fstat(output_file.fd, &output_info) == 0;
    for (const auto& name : inputs) {
        int fd = -1;
        if (int status = open_input_or_fail(name, fd))
            return status;
        struct stat info {};
        if (have_output && name != "-" && ::fstat(fd, &info) == 0 && info.st_ino == output_info.st_ino &&
            info.st_dev == output_info.st_dev) {
            auto copy = make_temp(settings);
            if (!copy)
                return k_failure;
            int error = read_blocks(fd, [&](std::string_view block) { return write_all(copy->fd(), block); });
            ::close(fd);
            if (error != 0)
                return fail_file("read failed", name, error);
            ::lseek(copy->fd(), 0, SEEK_SET);
            fd = copy->fd();
            runs.push_back(std::move(copy));
        }
        fds.push_back(fd);
        names.push_back(name);
    }
    if (!truncate_output(settings, output_file))
        return k_failure;
    // Too many inputs for one merge: merge them into runs first.
    Output out(output_file.fd);
    LineWriter writer(out, settings);
    if (fds.size() > settings.batch) {
        std::vector<std::unique_ptr<TempRun>> merged;
        for (size_t start = 0; start < fds.size(); start += settings.batch) {
            size_t end = std::min(fds.size(), start + settings.batch);
            auto run = make_temp(settings);
            if (!run)
                return k_failure;
            Output run_out(run->fd());
            LineWriter run_writer(run_out, settings);
            std::vector<int> part_fds(fds.begin() + static_cast<long>(start), fds.begin() + static_cast<long>(end));
            std::vector<std::string> part_names(names.begin() + static_cast<long>(start),
                                                names.begin() + static_cast<long>(end));
            if (int status = merge_into(part_fds, part_names, settings, run_writer, run_out))
                return status;
            if (!run_out.flush())
                return fail("write failed: " + quote_file(run->path()) + ": " + strerror_gnu(run_out.error()));
            merged.push_back(std::move(run));
        }
        if (int status = reduce_runs(merged, settings, settings.batch))
            return status;
        fds.clear();
        names.clear();
        for (auto& run : merged) {
            ::lseek(run->fd(), 0, SEEK_SET);
            fds.push_back(run->fd());
            names.push_back(run->path());
        }
        int status = merge_into(fds, names, settings, writer, out);
        return status != 0 ? status : finish_output(out, output_file);
    }
    int status = merge_into(fds, names, settings, writer, out);
    return status != 0 ? status : finish_output(out, output_file);
}

// -c / -C: 0 when sorted, 1 at the first disorder (reported under -c).
int check_input(const std::string& name, const Settings& settings) {
    int fd = -1;
    if (int status = open_input_or_fail(name, fd))
        return status;
    LineReader reader(fd, settings.delimiter);
    std::string previous;
    bool have_previous = false;
    std::string_view line;
    uint64_t number = 0;
    while (reader.next(line)) {
        ++number;
        std::string_view current = without_delimiter(line, settings.delimiter);
        if (have_previous) {
            int c = compare_lines(settings.order, previous, current);
            if (c > 0 || (settings.order.unique && c == 0)) {
                if (settings.check == 'c') {
                    std::string message = std::string(k_program) + ": " + name + ":" + std::to_string(number) +
                                          ": disorder: " + std::string(current) + "\n";
                    write_all(2, message);
                }
                return k_disorder;
            }
        }
        previous.assign(current);
        have_previous = true;
    }
    if (reader.error() != 0)
        return fail_file("read failed", name, reader.error());
    return 0;
}

// -S SIZE: KiB by default; b bytes, % of 256 MiB (the default memory limit), kKmMgG... suffixes.
bool parse_buffer_size(const char* text, size_t& bytes) {
    std::string_view value(text);
    size_t digits = 0;
    while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9')
        ++digits;
    if (digits == 0) {
        fail("invalid -S argument " + quote(value));
        return false;
    }
    uint64_t number = 0;
    if (parse_decimal(value.substr(0, digits), number) != NumberStatus::ok) {
        fail("-S argument " + quote(value) + " too large");
        return false;
    }
    std::string_view suffix = value.substr(digits);
    uint64_t multiplier = 1024;
    if (suffix.size() > 1) {
        fail("invalid suffix in -S argument " + quote(value));
        return false;
    }
    if (suffix.size() == 1) {
        switch (suffix[0]) {
        case 'b': multiplier = 1; break;
        case 'k': case 'K': multiplier = 1ull << 10; break;
        case 'm': case 'M': multiplier = 1ull << 20; break;
        case 'g': case 'G': multiplier = 1ull << 30; break;
        case 't': case 'T': multiplier = 1ull << 40; break;
        case 'P': case 'E': case 'Z': case 'Y': multiplier = 1ull << 50; break;
        case '%': number = number * (256ull << 20) / 100; multiplier = 1; break;
        default:
            fail("invalid suffix in -S argument " + quote(value));
            return false;
        }
    }
    uint64_t total = number > UINT64_MAX / multiplier ? UINT64_MAX : number * multiplier;
    // Within what a wasm32 process can hold, and enough to make progress.
    bytes = static_cast<size_t>(std::clamp<uint64_t>(total, 64u << 10, 512u << 20));
    return true;
}

// --sort=WORD and --check=WORD: GNU's argmatch (unique prefixes; synonyms share a value and are
// listed together); the value, or -1 after the message (exit status 1 then).
int match_word(const char* option, std::string_view value, const std::vector<std::string_view>& words,
               const std::vector<int>& values) {
    int found = -1;
    bool ambiguous = false;
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] == value)
            return values[i];
        if (!value.empty() && words[i].substr(0, value.size()) == value) {
            if (found >= 0 && found != values[i])
                ambiguous = true;
            found = values[i];
        }
    }
    if (found >= 0 && !ambiguous)
        return found;
    std::string message = std::string(k_program) + ": " + (ambiguous ? "ambiguous" : "invalid") + " argument " +
                          quote(value) + " for " + quote(option) + "\nValid arguments are:";
    for (size_t i = 0; i < words.size(); ++i) {
        message += (i > 0 && values[i] == values[i - 1]) ? ", " : "\n  - ";
        message += quote(words[i]);
    }
    write_all(2, message + "\n");
    return -1;
}

bool read_files0(const char* source, std::vector<std::string>& names) {
    int fd = std::string_view(source) == "-" ? 0 : ::open(source, O_RDONLY);
    if (fd < 0) {
        fail("cannot open " + quote_file_always(source) + " for reading: " + strerror_gnu(errno));
        return false;
    }
    int error = 0;
    std::string text = read_all(fd, error);
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        fail_file("read failed", source, error);
        return false;
    }
    size_t start = 0;
    size_t index = 0;
    while (start < text.size()) {
        size_t end = text.find('\0', start);
        if (end == std::string::npos)
            end = text.size();
        ++index;
        std::string name = text.substr(start, end - start);
        if (name.empty()) {
            fail(quote_file(source) + ":" + std::to_string(index) + ": invalid zero-length file name");
            return false;
        }
        if (name == "-" && std::string_view(source) == "-") {
            fail("when reading file names from stdin, no file name of '-' allowed");
            return false;
        }
        names.push_back(std::move(name));
        start = end + 1;
    }
    if (names.empty()) {
        fail("no input from " + quote(source));
        return false;
    }
    return true;
}

// Parses the options into `settings`; returns -1 to go on, else the exit status.
int parse_options(OptionParser& parser, Settings& settings) {
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return k_failure;
        case 'b': case 'd': case 'f': case 'g': case 'h': case 'i': case 'M': case 'n': case 'R': case 'r': case 'V':
            apply_order_letter(static_cast<char>(option.id), settings.global, false);
            if (option.id == 'b')
                settings.global.skip_end_blanks = true;
            break;
        case k_sort_word: {
            static const std::vector<std::string_view> words = {"general-numeric", "human-numeric", "month",
                                                                "numeric", "random", "version"};
            int letter = match_word("--sort", option.argument, words, {'g', 'h', 'M', 'n', 'R', 'V'});
            if (letter < 0)
                return try_help(k_program, 1);
            apply_order_letter(static_cast<char>(letter), settings.global, false);
            break;
        }
        case 'c': case 'C':
            if (settings.check != 0 && settings.check != option.id)
                return fail("options '-cC' are incompatible");
            settings.check = static_cast<char>(option.id);
            break;
        case k_check_word: {
            char mode = 'c';
            if (option.argument != nullptr) {
                static const std::vector<std::string_view> words = {"quiet", "silent", "diagnose-first"};
                int letter = match_word("--check", option.argument, words, {'C', 'C', 'c'});
                if (letter < 0)
                    return try_help(k_program, 1);
                mode = static_cast<char>(letter);
            }
            if (settings.check != 0 && settings.check != mode)
                return fail("options '-cC' are incompatible");
            settings.check = mode;
            break;
        }
        case k_compress_program: break;
        case k_debug: return fail("--debug is not supported");
        case k_files0_from: settings.files0_from = option.argument; break;
        case 'k': {
            SortKey key;
            std::string error = parse_key(option.argument, key);
            if (!error.empty())
                return fail(error);
            settings.order.keys.push_back(key);
            break;
        }
        case 'm': settings.merge = true; break;
        case 'o':
            if (settings.output != nullptr && std::strcmp(settings.output, option.argument) != 0)
                return fail("multiple output files specified");
            settings.output = option.argument;
            break;
        case k_random_source:
            if (settings.random_source != nullptr && std::strcmp(settings.random_source, option.argument) != 0)
                return fail("multiple random sources specified");
            settings.random_source = option.argument;
            break;
        case 's': settings.order.stable = true; break;
        case 'S':
            if (!parse_buffer_size(option.argument, settings.buffer_bytes))
                return k_failure;
            break;
        case 't': {
            std::string_view value(option.argument);
            if (value.empty())
                return fail("empty tab");
            int tab = static_cast<unsigned char>(value[0]);
            if (value.size() > 1) {
                if (value != "\\0")
                    return fail("multi-character tab " + quote(value));
                tab = 0;
            }
            if (settings.order.tab >= 0 && settings.order.tab != tab)
                return fail("incompatible tabs");
            settings.order.tab = tab;
            break;
        }
        case 'T': settings.temp_dir = option.argument; break;
        case 'u': settings.order.unique = true; break;
        case 'y': break;
        case 'z': settings.delimiter = '\0'; break;
        case k_parallel: {
            uint64_t threads = 0;
            if (parse_decimal(option.argument, threads) != NumberStatus::ok)
                return fail("invalid --parallel argument " + quote(option.argument));
            if (threads == 0)
                return fail("number in parallel must be nonzero");
            break;
        }
        case k_batch_size: {
            uint64_t batch = 0;
            if (parse_decimal(option.argument, batch) != NumberStatus::ok)
                return fail("invalid --batch-size argument " + quote(option.argument));
            if (batch < 2) {
                fail("invalid --batch-size argument " + quote(option.argument));
                return fail("minimum --batch-size argument is '2'");
            }
            settings.batch = static_cast<size_t>(std::min<uint64_t>(batch, 64));
            break;
        }
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return k_failure;
        }
    }
    return -1;
}

}  // namespace

int sort_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "bcCdfghik:mMno:rRsS:t:T:uVy::z", k_long_options);
    if (int status = parse_options(parser, settings); status >= 0)
        return status;

    std::vector<std::string> inputs;
    if (settings.files0_from != nullptr) {
        if (!parser.operands().empty()) {
            write_all(2, std::string(k_program) + ": extra operand " + quote(parser.operands()[0]) +
                             "\nfile operands cannot be combined with --files0-from\n");
            return try_help(k_program, k_failure);
        }
        if (!read_files0(settings.files0_from, inputs))
            return k_failure;
    } else {
        for (std::string_view operand : parser.operands())
            inputs.emplace_back(operand);
    }

    // Keys without options of their own take the global ones (sort.c main()).
    SortKey& global = settings.global;
    for (auto& key : settings.order.keys) {
        if (key.has_options())
            continue;
        key.ignore = global.ignore;
        key.fold = global.fold;
        key.skip_start_blanks = global.skip_start_blanks;
        key.skip_end_blanks = global.skip_end_blanks;
        key.orders = global.orders;
        key.reverse = global.reverse;
    }
    bool global_is_plain = global.ignore == KeyIgnore::none && !global.fold && !global.skip_start_blanks &&
                           !global.skip_end_blanks && global.orders == 0;
    if (settings.order.keys.empty() && !global_is_plain)
        settings.order.keys.push_back(global);
    for (const auto& key : settings.order.keys) {
        std::string letters = incompatible_letters(key);
        if (!letters.empty())
            return fail("options '" + letters + "' are incompatible");
    }
    settings.order.reverse = global.reverse;

    bool random = false;
    for (const auto& key : settings.order.keys)
        random = random || (key.orders & k_order_random) != 0;
    if (random) {
        if (settings.random_source != nullptr) {
            int fd = ::open(settings.random_source, O_RDONLY);
            if (fd < 0)
                return fail_file("open failed", settings.random_source, errno);
            uint64_t salt = 0;
            ssize_t got = ::read(fd, &salt, sizeof salt);
            ::close(fd);
            if (got < 0)
                return fail_file("read failed", settings.random_source, errno);
            settings.order.random_salt = salt;
        } else {
            (void)getentropy(&settings.order.random_salt, sizeof settings.order.random_salt);
        }
    }
    if (settings.temp_dir.empty()) {
        const char* tmpdir = std::getenv("TMPDIR");
        settings.temp_dir = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
    }
    if (inputs.empty())
        inputs.emplace_back("-");

    if (settings.check != 0) {
        if (inputs.size() > 1)
            return fail("extra operand " + quote(inputs[1]) + " not allowed with -" + settings.check);
        if (settings.output != nullptr)
            return fail(std::string("options '-") + settings.check + "o' are incompatible");
        return check_input(inputs[0], settings);
    }
    // sort.c check_inputs(): every input must be readable before anything is written.
    for (const auto& name : inputs) {
        if (name == "-")
            continue;
        if (::access(name.c_str(), R_OK) != 0)
            return fail_file("cannot read", name, errno);
    }
    OutputFile output_file;
    if (!open_output(settings, output_file))
        return k_failure;
    int status = settings.merge ? merge_inputs(inputs, settings, output_file)
                                : sort_inputs(inputs, settings, output_file);
    if (settings.output != nullptr)
        ::close(output_file.fd);
    return status;
}

}  // namespace toolbox
