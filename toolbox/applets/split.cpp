// split, as GNU coreutils: FILE cut into PREFIXaa, PREFIXab, ... by lines (-l), bytes (-b),
// whole records up to a size (-C) or into N chunks (-n N, K/N, l/N, l/K/N, r/N, r/K/N); suffixes
// alphabetic (widening past 'yz' as GNU does when -a is not given), numeric (-d,
// --numeric-suffixes=FROM) or hex (-x), -a, --additional-suffix, -e, -t SEP, --verbose.
// --filter is not supported (there is no shell to hand each piece to here).
// applet: split split_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
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

namespace toolbox {

namespace {

constexpr char k_program[] = "split";

constexpr std::string_view k_usage =
    "Usage: split [OPTION]... [FILE [PREFIX]]\n"
    "Output pieces of FILE to PREFIXaa, PREFIXab, ...;\n"
    "default size is 1000 lines, and default PREFIX is 'x'.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --suffix-length=N   generate suffixes of length N (default 2)\n"
    "      --additional-suffix=SUFFIX  append an additional SUFFIX to file names\n"
    "  -b, --bytes=SIZE        put SIZE bytes per output file\n"
    "  -C, --line-bytes=SIZE   put at most SIZE bytes of records per output file\n"
    "  -d                      use numeric suffixes starting at 0, not alphabetic\n"
    "      --numeric-suffixes[=FROM]  same as -d, but allow setting the start value\n"
    "  -x                      use hex suffixes starting at 0, not alphabetic\n"
    "      --hex-suffixes[=FROM]  same as -x, but allow setting the start value\n"
    "  -e, --elide-empty-files  do not generate empty output files with '-n'\n"
    "      --filter=COMMAND    write to shell COMMAND; file name is $FILE\n"
    "  -l, --lines=NUMBER      put NUMBER lines/records per output file\n"
    "  -n, --number=CHUNKS     generate CHUNKS output files; see explanation below\n"
    "  -t, --separator=SEP     use SEP instead of newline as the record separator;\n"
    "                            '\\0' (zero) specifies the NUL character\n"
    "  -u, --unbuffered        immediately copy input to output with '-n r/...'\n"
    "      --verbose           print a diagnostic just before each\n"
    "                            output file is opened\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
    "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
    "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n"
    "\n"
    "CHUNKS may be:\n"
    "  N       split into N files based on size of input\n"
    "  K/N     output Kth of N to stdout\n"
    "  l/N     split into N files without splitting lines/records\n"
    "  l/K/N   output Kth of N to stdout without splitting lines/records\n"
    "  r/N     like 'l' but use round robin distribution\n"
    "  r/K/N   likewise but only output Kth of N to stdout\n";

constexpr int k_additional_suffix = k_long_only;
constexpr int k_numeric_suffixes = k_long_only + 1;
constexpr int k_hex_suffixes = k_long_only + 2;
constexpr int k_filter = k_long_only + 3;
constexpr int k_verbose = k_long_only + 4;

constexpr LongOption k_long_options[] = {
    {"suffix-length", Argument::required, 'a'},
    {"additional-suffix", Argument::required, k_additional_suffix},
    {"bytes", Argument::required, 'b'},
    {"line-bytes", Argument::required, 'C'},
    {"numeric-suffixes", Argument::optional, k_numeric_suffixes},
    {"hex-suffixes", Argument::optional, k_hex_suffixes},
    {"elide-empty-files", Argument::none, 'e'},
    {"filter", Argument::required, k_filter},
    {"lines", Argument::required, 'l'},
    {"number", Argument::required, 'n'},
    {"separator", Argument::required, 't'},
    {"unbuffered", Argument::none, 'u'},
    {"verbose", Argument::none, k_verbose},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Mode { none, lines, bytes, line_bytes, chunk_bytes, chunk_lines, round_robin };

struct Settings {
    Mode mode{Mode::none};
    uint64_t size{1000};       // lines or bytes per file
    uint64_t chunk{0};         // K of -n K/N, 0 for all
    uint64_t chunks{0};        // N of -n
    size_t suffix_length{0};   // 0: not given
    std::string alphabet{"abcdefghijklmnopqrstuvwxyz"};
    std::string numeric_start;  // --numeric-suffixes=FROM / --hex-suffixes=FROM
    std::string additional_suffix;
    bool elide_empty{false};
    bool verbose{false};
    char separator{'\n'};
    bool separator_given{false};
};

// A fatal error without the --help hint; returns 1.
int die(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

// The output file names, in order: PREFIX, the suffix, the additional suffix.
class Namer final {
public:
    Namer(const Settings& settings, std::string prefix, bool widen)
        : m_alphabet(settings.alphabet), m_prefix(std::move(prefix)), m_additional(settings.additional_suffix),
          m_widen(widen), m_digits(settings.suffix_length, 0) {
        const std::string& start = settings.numeric_start;
        for (size_t i = 0; i < start.size() && i < m_digits.size(); ++i) {
            char c = start[start.size() - 1 - i];
            m_digits[m_digits.size() - 1 - i] = c <= '9' ? c - '0' : c - 'a' + 10;
        }
    }
    // The next name; false when the suffixes are exhausted.
    bool next(std::string& name) {
        if (m_started && !increment())
            return false;
        m_started = true;
        name = m_prefix;
        for (size_t digit : m_digits)
            name += m_alphabet[digit];
        name += m_additional;
        return true;
    }

private:
    bool increment() {
        for (size_t i = m_digits.size(); i-- > 0;) {
            ++m_digits[i];
            if (m_widen && i == 0 && m_digits[0] + 1 == m_alphabet.size()) {
                // GNU's widening: 'z' joins the prefix and the suffix grows by one.
                m_prefix += m_alphabet.back();
                m_digits.assign(m_digits.size() + 1, 0);
                return true;
            }
            if (m_digits[i] < m_alphabet.size())
                return true;
            m_digits[i] = 0;
        }
        return false;
    }

    std::string m_alphabet;
    std::string m_prefix;
    std::string m_additional;
    bool m_widen;
    std::vector<size_t> m_digits;
    bool m_started{false};
};

// The output side: one file open at a time, named by the Namer.
class Writer final {
public:
    Writer(const Settings& settings, Namer& namer) : m_settings(settings), m_namer(namer) {}
    ~Writer() { close(); }
    // Starts the next file; false after a diagnostic.
    bool open_next() {
        close();
        std::string name;
        if (!m_namer.next(name)) {
            m_failed = true;
            die("output file suffixes exhausted");
            return false;
        }
        if (m_settings.verbose)
            write_all(1, "creating file " + quote(name) + "\n");
        m_fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (m_fd < 0) {
            m_failed = true;
            die(quote_file(name) + ": " + strerror_gnu(errno));
            return false;
        }
        m_name = name;
        return true;
    }
    bool write(std::string_view data) {
        if (data.empty() || m_failed)
            return !m_failed;
        if (!write_all(m_fd, data)) {
            m_failed = true;
            die(quote_file(m_name) + ": " + strerror_gnu(errno));
        }
        return !m_failed;
    }
    void close() {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    bool is_open() const { return m_fd >= 0; }
    bool failed() const { return m_failed; }

private:
    const Settings& m_settings;
    Namer& m_namer;
    int m_fd{-1};
    std::string m_name;
    bool m_failed{false};
};

// -l: `size` records per file, a new file opened only when a record arrives.
int split_lines(int fd, const Settings& settings, Writer& writer) {
    uint64_t in_file = 0;
    return read_blocks(fd, [&](std::string_view block) {
        while (!block.empty()) {
            if (!writer.is_open() || in_file == settings.size) {
                if (!writer.open_next())
                    return false;
                in_file = 0;
            }
            size_t take = block.size();
            for (size_t from = 0;;) {
                size_t found = block.find(settings.separator, from);
                if (found == std::string_view::npos)
                    break;
                from = found + 1;
                if (++in_file == settings.size) {
                    take = from;
                    break;
                }
            }
            if (!writer.write(block.substr(0, take)))
                return false;
            block.remove_prefix(take);
        }
        return true;
    });
}

// -b: `size` bytes per file.
int split_bytes(int fd, const Settings& settings, Writer& writer) {
    uint64_t in_file = 0;
    return read_blocks(fd, [&](std::string_view block) {
        while (!block.empty()) {
            if (!writer.is_open() || in_file == settings.size) {
                if (!writer.open_next())
                    return false;
                in_file = 0;
            }
            size_t take = static_cast<size_t>(std::min<uint64_t>(block.size(), settings.size - in_file));
            if (!writer.write(block.substr(0, take)))
                return false;
            in_file += take;
            block.remove_prefix(take);
        }
        return true;
    });
}

// -C: whole records while they fit; a record longer than SIZE is cut into SIZE pieces.
int split_line_bytes(int fd, const Settings& settings, Writer& writer) {
    LineReader reader(fd, settings.separator);
    std::string_view record;
    uint64_t in_file = 0;
    while (reader.next(record)) {
        if (writer.is_open() && in_file > 0 && in_file + record.size() > settings.size) {
            writer.close();
            in_file = 0;
        }
        while (!record.empty()) {
            if (!writer.is_open() || in_file == settings.size) {
                if (!writer.open_next())
                    return 0;
                in_file = 0;
            }
            size_t take = static_cast<size_t>(std::min<uint64_t>(record.size(), settings.size - in_file));
            if (!writer.write(record.substr(0, take)))
                return 0;
            in_file += take;
            record.remove_prefix(take);
        }
    }
    return reader.error();
}

// The end offset of chunk `k` (1-based) of `n` over `size` bytes, as GNU divides them.
uint64_t chunk_end(uint64_t k, uint64_t n, uint64_t size) {
    uint64_t chunk_size = std::max<uint64_t>(1, size / n);
    return k == n ? size : std::min(size, k * chunk_size);
}

// -n N, K/N, l/N, l/K/N: chunks by size, the line modes ending each chunk with the record that
// holds its last byte. Writes chunk K to `out` only, or every chunk to its own file.
int split_chunks(int fd, uint64_t size, const Settings& settings, Writer& writer, Output& out) {
    const uint64_t n = settings.chunks;
    const bool by_lines = settings.mode == Mode::chunk_lines;
    uint64_t k = 1;
    uint64_t position = 0;
    auto start_chunk = [&]() {
        if (settings.chunk != 0)
            return true;
        if (settings.elide_empty) {  // opened when data arrives
            writer.close();
            return true;
        }
        return writer.open_next();
    };
    auto emit = [&](std::string_view data) {
        if (settings.chunk != 0) {
            if (k == settings.chunk)
                out.write(data);
            return !out.failed();
        }
        if (data.empty())
            return true;
        if (!writer.is_open() && !writer.open_next())
            return false;
        return writer.write(data);
    };
    // Moves on to the next chunk, past those already used up; false to stop reading.
    auto next_chunk = [&]() {
        do {
            if (settings.chunk != 0 && k >= settings.chunk)
                return false;
            ++k;
            if (!start_chunk())
                return false;
        } while (k < n && position >= chunk_end(k, n, size));
        return true;
    };
    if (!start_chunk())
        return 0;
    if (k < n && position >= chunk_end(k, n, size) && !next_chunk())
        return 0;
    int error = read_blocks(fd, [&](std::string_view block) {
        while (!block.empty()) {
            size_t take = block.size();
            bool closes = false;
            if (k < n) {
                uint64_t end = chunk_end(k, n, size);
                if (!by_lines) {
                    take = static_cast<size_t>(std::min<uint64_t>(block.size(), end - position));
                    closes = position + take >= end;
                } else if (end - 1 - position < block.size()) {
                    size_t found = block.find(settings.separator, static_cast<size_t>(end - 1 - position));
                    if (found != std::string_view::npos) {
                        take = found + 1;
                        closes = true;
                    }
                }
            }
            if (!emit(block.substr(0, take)))
                return false;
            position += take;
            block.remove_prefix(take);
            if (closes && !next_chunk())
                return false;
        }
        return true;
    });
    // Chunks the input never reached still exist, empty (unless -e).
    while (settings.chunk == 0 && !writer.failed() && k < n) {
        ++k;
        if (!start_chunk())
            break;
    }
    writer.close();
    return error;
}

// -n r/N, r/K/N: records dealt round-robin.
int split_round_robin(int fd, const Settings& settings, Namer& namer, Output& out) {
    const uint64_t n = settings.chunks;
    std::vector<int> fds;
    std::vector<std::string> names(n);
    int status = 0;
    auto open_file = [&](uint64_t index) {
        for (uint64_t i = fds.size(); i <= index; ++i) {
            if (!namer.next(names[i])) {
                die("output file suffixes exhausted");
                return false;
            }
            if (settings.verbose)
                write_all(1, "creating file " + quote(names[i]) + "\n");
            int output = ::open(names[i].c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
            if (output < 0) {
                die(quote_file(names[i]) + ": " + strerror_gnu(errno));
                return false;
            }
            fds.push_back(output);
        }
        return true;
    };
    // With -e, the names are still given out in order: the files are made as records arrive.
    if (settings.chunk == 0 && !settings.elide_empty && !open_file(n - 1))
        status = 1;
    LineReader reader(fd, settings.separator);
    std::string_view record;
    uint64_t index = 0;
    while (status == 0 && reader.next(record)) {
        if (settings.chunk != 0) {
            if (index + 1 == settings.chunk)
                out.write(record);
        } else if (!open_file(index) || !write_all(fds[index], record)) {
            status = 1;
        }
        index = (index + 1) % n;
    }
    for (int output : fds)
        ::close(output);
    if (reader.error() != 0)
        return die(std::string("read error: ") + strerror_gnu(reader.error()));
    return status;
}

// Option values: a count of at least 1, with size suffixes when `suffixes` is not empty.
bool parse_size(std::string_view text, std::string_view suffixes, const char* what, uint64_t& value, int& status) {
    NumberStatus result = parse_count(text, suffixes, value);
    if (result == NumberStatus::ok && value > 0)
        return true;
    std::string message = std::string(what) + ": " + quote(text);
    if (result == NumberStatus::overflow)
        message += ": Value too large for defined data type";
    else if (result == NumberStatus::ok)
        message += ": Numerical result out of range";
    status = die(message);
    return false;
}

// -n CHUNKS: N, K/N, l/N, l/K/N, r/N, r/K/N.
bool parse_chunks(std::string_view text, Settings& settings, int& status) {
    settings.mode = Mode::chunk_bytes;
    if (text.starts_with("l/")) {
        settings.mode = Mode::chunk_lines;
        text.remove_prefix(2);
    } else if (text.starts_with("r/")) {
        settings.mode = Mode::round_robin;
        text.remove_prefix(2);
    }
    size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
        std::string_view k = text.substr(0, slash);
        if (!parse_size(k, "", "invalid chunk number", settings.chunk, status))
            return false;
        text.remove_prefix(slash + 1);
    }
    if (!parse_size(text, "", "invalid number of chunks", settings.chunks, status))
        return false;
    if (settings.chunk > settings.chunks) {
        status = die("invalid chunk number: " + quote(std::to_string(settings.chunk)) +
                     ": Numerical result out of range");
        return false;
    }
    return true;
}

int only_one_way() {
    write_all(2, std::string(k_program) + ": cannot split in more than one way\n");
    return try_help(k_program);
}

// Parses the options; -1 to go on, else the exit status.
int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string>& operands) {
    OptionParser parser(k_program, argc, argv, "0123456789C:a:b:del:n:t:ux", k_long_options);
    while (auto option = parser.next()) {
        int status = 1;
        switch (option.id) {
        case 'a': {
            uint64_t length = 0;
            if (parse_decimal(option.argument, length) != NumberStatus::ok || length > SIZE_MAX / 8)
                return die("invalid suffix length: " + quote(option.argument));
            settings.suffix_length = static_cast<size_t>(length);
            break;
        }
        case k_additional_suffix:
            if (std::string_view(option.argument).find('/') != std::string_view::npos) {
                write_all(2, std::string(k_program) + ": invalid suffix " + quote(option.argument) +
                                 ", contains directory separator\n");
                return try_help(k_program);
            }
            settings.additional_suffix = option.argument;
            break;
        case 'b':
        case 'C':
        case 'l':
        case 'n':
            if (settings.mode != Mode::none)
                return only_one_way();
            if (option.id == 'n') {
                if (!parse_chunks(option.argument, settings, status))
                    return status;
            } else {
                settings.mode = option.id == 'b' ? Mode::bytes : option.id == 'C' ? Mode::line_bytes : Mode::lines;
                const char* what = option.id == 'l' ? "invalid number of lines" : "invalid number of bytes";
                if (!parse_size(option.argument, option.id == 'l' ? "" : "bEGKkMmPTYZ0", what, settings.size, status))
                    return status;
            }
            break;
        case 'd':
        case 'x':
        case k_numeric_suffixes:
        case k_hex_suffixes: {
            bool hex = option.id == 'x' || option.id == k_hex_suffixes;
            settings.alphabet = hex ? "0123456789abcdef" : "0123456789";
            settings.numeric_start.clear();
            if (option.argument) {
                std::string_view start(option.argument);
                if (start.empty() || start.find_first_not_of(settings.alphabet) != std::string_view::npos) {
                    write_all(2, std::string(k_program) + ": " + quote(start) + ": invalid start value for " +
                                     (hex ? "hexadecimal" : "numerical") + " suffix\n");
                    return try_help(k_program);
                }
                while (start.size() > 1 && start[0] == '0')
                    start.remove_prefix(1);
                settings.numeric_start = start;
            }
            break;
        }
        case 'e': settings.elide_empty = true; break;
        case 't': {
            std::string_view value(option.argument);
            char separator = value.empty() ? '\0' : value[0];
            if (value.size() > 1) {
                if (value != "\\0")
                    return die("multi-character separator " + quote(value));
                separator = '\0';
            } else if (value.empty()) {
                return die("empty record separator");
            }
            if (settings.separator_given && settings.separator != separator)
                return die("multiple separator characters specified");
            settings.separator = separator;
            settings.separator_given = true;
            break;
        }
        case 'u': break;
        case k_verbose: settings.verbose = true; break;
        case k_filter: return die("--filter is not supported");
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9')  // the obsolete -N means -l N
                return die("the obsolete -N form is not supported; use -l N");
            return 1;
        }
    }
    for (std::string_view operand : parser.operands())
        operands.emplace_back(operand);
    if (operands.size() > 2)
        return extra_operand(k_program, operands[2]);
    return -1;
}

// Fixes the suffix length; -1 to go on, else the exit status. `widen` says whether names grow.
int settle_suffix_length(Settings& settings, bool& widen) {
    const bool chunked = settings.mode == Mode::chunk_bytes || settings.mode == Mode::chunk_lines ||
                         settings.mode == Mode::round_robin;
    widen = false;
    if (chunked) {
        uint64_t last = settings.chunks - 1;
        if (!settings.numeric_start.empty()) {
            uint64_t start = 0;
            for (char c : settings.numeric_start)
                start = start * settings.alphabet.size() + static_cast<uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
            if (start < UINT64_MAX - last)
                last += start;
        }
        size_t needed = 0;
        do {
            ++needed;
            last /= settings.alphabet.size();
        } while (last != 0);
        if (settings.suffix_length == 0)
            settings.suffix_length = std::max<size_t>(2, needed);
        else if (settings.suffix_length < needed)
            return die("the suffix length needs to be at least " + std::to_string(needed));
    } else if (settings.suffix_length == 0) {
        settings.suffix_length = 2;
        widen = settings.numeric_start.empty();
    }
    if (settings.numeric_start.size() > settings.suffix_length) {
        write_all(2, std::string(k_program) + ": numerical suffix start value is too large for the suffix length\n");
        return try_help(k_program);
    }
    return -1;
}

}  // namespace

int split_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string> operands;
    int status = parse_options(argc, argv, settings, operands);
    if (status >= 0)
        return status;
    if (settings.mode == Mode::none)
        settings.mode = Mode::lines;
    bool widen = false;
    status = settle_suffix_length(settings, widen);
    if (status >= 0)
        return status;
    std::string input = operands.empty() ? "-" : operands[0];
    std::string prefix = operands.size() > 1 ? operands[1] : "x";
    int fd = open_input(input);
    if (fd < 0)
        return die("cannot open " + quote_file_always(input) + " for reading: " + strerror_gnu(errno));
    uint64_t size = 0;
    if (settings.mode == Mode::chunk_bytes || settings.mode == Mode::chunk_lines) {
        struct stat status_buffer {};
        off_t offset = ::lseek(fd, 0, SEEK_CUR);
        if (::fstat(fd, &status_buffer) != 0 || !S_ISREG(status_buffer.st_mode) || offset < 0) {
            if (fd != 0)
                ::close(fd);
            return die(quote_file(input) + ": cannot determine file size");
        }
        size = status_buffer.st_size > offset ? static_cast<uint64_t>(status_buffer.st_size - offset) : 0;
    }
    Namer namer(settings, prefix, widen);
    Writer writer(settings, namer);
    Output out;
    int error = 0;
    switch (settings.mode) {
    case Mode::bytes: error = split_bytes(fd, settings, writer); break;
    case Mode::line_bytes: error = split_line_bytes(fd, settings, writer); break;
    case Mode::chunk_bytes:
    case Mode::chunk_lines: error = split_chunks(fd, size, settings, writer, out); break;
    case Mode::round_robin: status = split_round_robin(fd, settings, namer, out) == 0 ? -1 : 1; break;
    default: error = split_lines(fd, settings, writer); break;
    }
    writer.close();
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        out.flush();
        die(quote_file(input) + ": " + strerror_gnu(error));
        return 1;
    }
    return finish(out, k_program, status == 1 || writer.failed() ? 1 : 0);
}

}  // namespace toolbox
