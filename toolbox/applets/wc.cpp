// wc, as GNU coreutils in the C locale: newline, word, character (= byte), byte and maximum line
// width counts (-l -w -m -c -L, printed in that order; default -lwc), a total line for more
// than one file, --files0-from=F. Column widths follow GNU: one count of one file is printed
// bare, otherwise the width fits the total size of the regular files (at least 7 when an input
// is not a regular file). A word is a run of non-space bytes holding at least one printable one.
// applet: wc wc_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "wc";

constexpr std::string_view k_usage =
    "Usage: wc [OPTION]... [FILE]...\n"
    "  or:  wc [OPTION]... --files0-from=F\n"
    "Print newline, word, and byte counts for each FILE, and a total line if\n"
    "more than one FILE is specified.  A word is a non-zero-length sequence of\n"
    "printable characters delimited by white space.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -c, --bytes            print the byte counts\n"
    "  -m, --chars            print the character counts\n"
    "  -l, --lines            print the newline counts\n"
    "      --files0-from=F    read input from the files specified by\n"
    "                           NUL-terminated names in file F;\n"
    "                           If F is - then read names from standard input\n"
    "  -L, --max-line-length  print the maximum display width\n"
    "  -w, --words            print the word counts\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_files0_from = k_long_only;

constexpr LongOption k_long_options[] = {
    {"bytes", Argument::none, 'c'},
    {"chars", Argument::none, 'm'},
    {"lines", Argument::none, 'l'},
    {"files0-from", Argument::required, k_files0_from},
    {"max-line-length", Argument::none, 'L'},
    {"words", Argument::none, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Counts {
    uint64_t lines{0};
    uint64_t words{0};
    uint64_t chars{0};
    uint64_t bytes{0};
    uint64_t max_width{0};
};

struct Selection {
    bool lines{false};
    bool words{false};
    bool chars{false};
    bool bytes{false};
    bool max_width{false};
    int count() const { return lines + words + chars + bytes + max_width; }
};


// Newlines in a buffer, eight bytes at a time: a byte of x ^ "\n\n…" is zero exactly where
// ((y & 0x7f…) + 0x7f…) | y has its top bit clear (no carry crosses a byte).
uint64_t count_newlines(const char* data, size_t size) {
    constexpr uint64_t k_newlines = 0x0a0a0a0a0a0a0a0aull, k_low7 = 0x7f7f7f7f7f7f7f7full;
    uint64_t count = 0;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, 8);
        uint64_t y = word ^ k_newlines;
        uint64_t t = ((y & k_low7) + k_low7) | y;
        count += static_cast<uint64_t>(__builtin_popcountll(~t & ~k_low7));
    }
    for (; i < size; ++i)
        count += data[i] == '\n';
    return count;
}

// -l and -c alone: no words or widths to track, so whole words of bytes at a time.
int count_lines_and_bytes(int fd, Counts& counts) {
    static char buffer[262144];
    while (true) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errno;
        if (got == 0)
            break;
        counts.bytes += static_cast<uint64_t>(got);
        counts.lines += count_newlines(buffer, static_cast<size_t>(got));
    }
    counts.chars = counts.bytes;
    return 0;
}

// Counts one stream; 0 or the errno of a failed read. Mirrors coreutils wc.c wc() in the C locale.
int count_stream(int fd, Counts& counts) {
    static char buffer[65536];
    bool in_word = false;
    uint64_t position = 0;  // display column on the current line
    while (true) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errno;
        if (got == 0)
            break;
        counts.bytes += static_cast<uint64_t>(got);
        for (ssize_t i = 0; i < got; ++i) {
            unsigned char c = static_cast<unsigned char>(buffer[i]);
            switch (c) {
            case '\n':
                ++counts.lines;
                [[fallthrough]];
            case '\r':
            case '\f':
                if (position > counts.max_width)
                    counts.max_width = position;
                position = 0;
                in_word = false;
                break;
            case '\t':
                position += 8 - position % 8;
                in_word = false;
                break;
            case ' ':
                ++position;
                in_word = false;
                break;
            case '\v':
                in_word = false;
                break;
            default:
                if (c >= 0x20 && c < 0x7f) {
                    ++position;
                    if (!in_word) {
                        ++counts.words;
                        in_word = true;
                    }
                }
                break;
            }
        }
    }
    if (position > counts.max_width)
        counts.max_width = position;
    counts.chars = counts.bytes;
    return 0;
}

void print_counts(Output& out, const Counts& counts, const Selection& selection, int width, const char* name) {
    std::string line;
    auto add = [&](uint64_t value) {
        std::string digits = std::to_string(value);
        if (!line.empty())
            line.push_back(' ');
        if (static_cast<int>(digits.size()) < width)
            line.append(static_cast<size_t>(width) - digits.size(), ' ');
        line += digits;
    };
    if (selection.lines)
        add(counts.lines);
    if (selection.words)
        add(counts.words);
    if (selection.chars)
        add(counts.chars);
    if (selection.bytes)
        add(counts.bytes);
    if (selection.max_width)
        add(counts.max_width);
    if (name != nullptr) {
        line.push_back(' ');
        line += name;
    }
    line.push_back('\n');
    out.write(line);
}

// The names in a --files0-from file; false (after a message) when it cannot be read.
bool read_names0(std::string_view source, std::vector<std::string>& names, bool& regular_source) {
    int fd = source == "-" ? 0 : ::open(std::string(source).c_str(), O_RDONLY);
    if (fd < 0) {
        write_all(2, std::string(k_program) + ": cannot open " + quote_file_always(source) + " for reading: " +
                         strerror_gnu(errno) + "\n");
        return false;
    }
    struct stat info {};
    regular_source = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    int error = 0;
    std::string text = read_all(fd, error);
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        write_all(2, std::string(k_program) + ": " + quote_file(source) + ": read error: " + strerror_gnu(error) + "\n");
        return false;
    }
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\0', start);
        if (end == std::string::npos)
            end = text.size();
        names.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return true;
}

}  // namespace

int wc_main(int argc, char** argv) {
    Selection selection;
    const char* files0_from = nullptr;
    OptionParser parser(k_program, argc, argv, "clLmw", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'c': selection.bytes = true; break;
        case 'm': selection.chars = true; break;
        case 'l': selection.lines = true; break;
        case 'L': selection.max_width = true; break;
        case 'w': selection.words = true; break;
        case k_files0_from: files0_from = option.argument; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    if (selection.count() == 0)
        selection.lines = selection.words = selection.bytes = true;

    std::vector<std::string> names;
    bool named = true;  // print file names (not for implicit stdin)
    bool known_count = true;  // whether GNU knows the file count up front (width computation)
    if (files0_from != nullptr) {
        if (!parser.operands().empty()) {
            write_all(2, std::string(k_program) + ": extra operand " + quote(parser.operands()[0]) +
                             "\nfile operands cannot be combined with --files0-from\n");
            return try_help(k_program);
        }
        bool regular_source = false;
        if (!read_names0(files0_from, names, regular_source))
            return 1;
        known_count = regular_source;
    } else {
        for (std::string_view operand : parser.operands())
            names.emplace_back(operand);
        if (names.empty()) {
            names.emplace_back("-");
            named = false;
        }
    }

    // GNU's compute_number_width().
    int width = 1;
    if (!(names.size() == 1 && selection.count() == 1) && known_count && !names.empty()) {
        uint64_t regular_total = 0;
        int minimum = 1;
        for (const auto& name : names) {
            struct stat info {};
            int result = name == "-" && files0_from == nullptr ? ::fstat(0, &info) : ::stat(name.c_str(), &info);
            if (result != 0)
                continue;
            if (S_ISREG(info.st_mode))
                regular_total += static_cast<uint64_t>(info.st_size);
            else
                minimum = 7;
        }
        for (; regular_total >= 10; regular_total /= 10)
            ++width;
        if (width < minimum)
            width = minimum;
    }

    Output out;
    Counts total;
    int status = 0;
    size_t index = 0;
    for (const auto& name : names) {
        ++index;
        if (files0_from != nullptr) {
            if (name.empty()) {
                out.flush();
                write_all(2, std::string(k_program) + ": " +
                                 quote_file(std::string_view(files0_from) == "-" ? "-" : files0_from) + ":" +
                                 std::to_string(index) + ": invalid zero-length file name\n");
                status = 1;
                continue;
            }
            if (name == "-" && std::string_view(files0_from) == "-") {
                out.flush();
                write_all(2, std::string(k_program) +
                                 ": when reading file names from stdin, no file name of '-' allowed\n");
                status = 1;
                continue;
            }
        }
        int fd = open_input(name);
        if (fd < 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        Counts counts;
        int error = selection.words || selection.max_width ? count_stream(fd, counts)
                                                            : count_lines_and_bytes(fd, counts);
        if (fd != 0)
            ::close(fd);
        if (error != 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
            status = 1;
        }
        print_counts(out, counts, selection, width, named ? name.c_str() : nullptr);
        total.lines += counts.lines;
        total.words += counts.words;
        total.chars += counts.chars;
        total.bytes += counts.bytes;
        if (counts.max_width > total.max_width)
            total.max_width = counts.max_width;
        if (out.failed())
            break;
    }
    if (names.size() > 1)
        print_counts(out, total, selection, width, "total");
    return finish(out, k_program, status);
}

}  // namespace toolbox
