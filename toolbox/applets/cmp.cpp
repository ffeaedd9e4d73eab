// cmp, as GNU diffutils 3.8: compares two files byte by byte and reports the first difference
// ("a b differ: byte 6, line 2"), every difference (-l), the differing bytes (-b), or nothing
// (-s); -i/SKIP operands skip leading bytes, -n limits the comparison. Exit 0 same, 1 different,
// 2 trouble. Both inputs stream through fixed buffers, so any size compares in bounded memory.
// applet: cmp cmp_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "cmp";

constexpr std::string_view k_usage =
    "Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]\n"
    "Compare two files byte by byte.\n"
    "\n"
    "The optional SKIP1 and SKIP2 specify the number of bytes to skip\n"
    "at the beginning of each file (zero by default).\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -b, --print-bytes          print differing bytes\n"
    "  -i, --ignore-initial=SKIP         skip first SKIP bytes of both inputs\n"
    "  -i, --ignore-initial=SKIP1:SKIP2  skip first SKIP1 bytes of FILE1 and\n"
    "                                      first SKIP2 bytes of FILE2\n"
    "  -l, --verbose              output byte numbers and differing byte values\n"
    "  -n, --bytes=LIMIT          compare at most LIMIT bytes\n"
    "  -s, --quiet, --silent      suppress all normal output\n"
    "      --help                 display this help and exit\n"
    "  -v, --version              output version information and exit\n"
    "\n"
    "SKIP values may be followed by the following multiplicative suffixes:\n"
    "kB 1000, K 1024, MB 1,000,000, M 1,048,576,\n"
    "GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.\n"
    "\n"
    "If a FILE is '-' or missing, read standard input.\n"
    "Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.\n";

constexpr LongOption k_long_options[] = {
    {"print-bytes", Argument::none, 'b'},     {"ignore-initial", Argument::required, 'i'},
    {"verbose", Argument::none, 'l'},         {"bytes", Argument::required, 'n'},
    {"quiet", Argument::none, 's'},           {"silent", Argument::none, 's'},
    {"help", Argument::none, k_help},         {"version", Argument::none, 'v'},
};

enum class Mode { first, all, quiet };

struct Settings {
    Mode mode{Mode::first};
    bool print_bytes{false};
    uint64_t skip[2]{0, 0};
    uint64_t limit{UINT64_MAX};
};

int usage_error(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n" + k_program + ": Try '" + k_program +
                     " --help' for more information.\n");
    return 2;
}

bool parse_skip(std::string_view text, uint64_t& value) {
    return parse_count(text, "kKMGTPEZY0", value) == NumberStatus::ok;
}

// -i SKIP or SKIP1:SKIP2; on error `bad` is the part GNU names.
bool parse_ignore(std::string_view text, Settings& settings, std::string_view& bad) {
    bad = text;
    size_t colon = text.find(':');
    if (colon == std::string_view::npos)
        return parse_skip(text, settings.skip[0]) && parse_skip(text, settings.skip[1]);
    if (!parse_skip(text.substr(0, colon), settings.skip[0]))
        return false;
    bad = text.substr(colon + 1);
    return parse_skip(bad, settings.skip[1]);
}

// POSIX wants "char" in the C locale; GNU says "byte" elsewhere, and with -b.
bool c_locale_messages() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0')
            return std::string_view(value) == "C" || std::string_view(value) == "POSIX";
    }
    return true;
}

// A byte as cmp -b shows it: ^X for controls, M- for the high half.
std::string printable(unsigned char c) {
    std::string text;
    if (c >= 128) {
        text = "M-";
        c = static_cast<unsigned char>(c - 128);
    }
    if (c < 32) {
        text += '^';
        text += static_cast<char>(c + 64);
    } else if (c == 127) {
        text += "^?";
    } else {
        text += static_cast<char>(c);
    }
    return text;
}

// One input: its descriptor and a buffer refilled as the comparison advances.
struct Input {
    std::string name;
    int fd{-1};
    char buffer[65536];
    size_t start{0};
    size_t end{0};
    bool eof{false};
    int error{0};

    // Makes at least one byte available unless at EOF or after an error.
    bool fill() {
        if (start < end)
            return true;
        if (eof || error)
            return false;
        while (true) {
            ssize_t got = ::read(fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                error = errno;
                return false;
            }
            start = 0;
            end = static_cast<size_t>(got);
            eof = got == 0;
            return got > 0;
        }
    }
};

bool skip_bytes(Input& input, uint64_t count) {
    if (count == 0)
        return true;
    if (::lseek(input.fd, static_cast<off_t>(count), SEEK_CUR) >= 0)
        return true;
    while (count > 0 && input.fill()) {
        size_t available = input.end - input.start;
        size_t take = count < available ? static_cast<size_t>(count) : available;
        input.start += take;
        count -= take;
    }
    return input.error == 0;
}

// The widest byte number -l can print: from the regular files' sizes and the limit.
int offset_width(const Input inputs[2], const Settings& settings) {
    uint64_t most = settings.limit;
    for (int i = 0; i < 2; ++i) {
        struct stat info {};
        if (::fstat(inputs[i].fd, &info) == 0 && S_ISREG(info.st_mode)) {
            uint64_t size = static_cast<uint64_t>(info.st_size);
            size = size > settings.skip[i] ? size - settings.skip[i] : 0;
            if (size < most)
                most = size;
        }
    }
    if (most == UINT64_MAX)
        most = INT64_MAX;
    return static_cast<int>(std::to_string(most).size());
}

struct Comparison {
    uint64_t offset{0};  // bytes compared so far
    uint64_t newlines{0};
    bool differed{false};
};

void report_first(const Input inputs[2], const Comparison& state, unsigned char a, unsigned char b,
                  const Settings& settings, Output& out) {
    std::string_view word = !settings.print_bytes && c_locale_messages() ? "char" : "byte";
    std::string line = inputs[0].name + " " + inputs[1].name + " differ: " + std::string(word) + " " +
                       std::to_string(state.offset + 1) +
                       ", line " + std::to_string(state.newlines + 1);
    if (settings.print_bytes) {
        char text[64];
        std::snprintf(text, sizeof text, " is %3o %s %3o %s", a, printable(a).c_str(), b, printable(b).c_str());
        line += text;
    }
    out.write(line + "\n");
}

void report_verbose(int width, const Comparison& state, unsigned char a, unsigned char b, const Settings& settings,
                    Output& out) {
    char text[96];
    unsigned long long number = state.offset + 1;
    if (settings.print_bytes)
        std::snprintf(text, sizeof text, "%*llu %3o %-4s %3o %s\n", width, number, a, printable(a).c_str(), b,
                      printable(b).c_str());
    else
        std::snprintf(text, sizeof text, "%*llu %3o %3o\n", width, number, a, b);
    out.write(text);
}

void report_eof(const Input& input, const Comparison& state, bool mid_line, const Settings& settings, Output& out) {
    if (settings.mode == Mode::quiet)
        return;
    out.flush();
    std::string message = std::string(k_program) + ": EOF on " + input.name;
    if (state.offset == 0)
        message += " which is empty";
    else if (settings.mode == Mode::all)
        message += " after byte " + std::to_string(state.offset);
    else
        message += " after byte " + std::to_string(state.offset) + (mid_line ? ", in line " : ", line ") +
                   std::to_string(state.newlines + 1);
    write_all(2, message + "\n");
}

// Newlines before the last byte compared, for "after byte N, line L".
int compare(Input inputs[2], const Settings& settings, Output& out) {
    Comparison state;
    int width = settings.mode == Mode::all ? offset_width(inputs, settings) : 0;
    bool last_was_newline = false;
    while (state.offset < settings.limit) {
        bool has0 = inputs[0].fill();
        bool has1 = inputs[1].fill();
        for (int i = 0; i < 2; ++i)
            if (inputs[i].error != 0) {
                out.flush();
                write_all(2, std::string(k_program) + ": " + inputs[i].name + ": " + strerror_gnu(inputs[i].error) + "\n");
                return 2;
            }
        if (!has0 || !has1) {
            if (has0 == has1)
                break;
            // Line of the last byte read: newlines before it.
            if (last_was_newline)
                --state.newlines;
            report_eof(inputs[has0 ? 1 : 0], state, !last_was_newline, settings, out);
            return 1;
        }
        size_t n = std::min(inputs[0].end - inputs[0].start, inputs[1].end - inputs[1].start);
        if (settings.limit - state.offset < n)
            n = static_cast<size_t>(settings.limit - state.offset);
        const unsigned char* p0 = reinterpret_cast<const unsigned char*>(inputs[0].buffer + inputs[0].start);
        const unsigned char* p1 = reinterpret_cast<const unsigned char*>(inputs[1].buffer + inputs[1].start);
        for (size_t k = 0; k < n; ++k) {
            if (p0[k] != p1[k]) {
                if (settings.mode == Mode::quiet)
                    return 1;
                if (settings.mode == Mode::first) {
                    report_first(inputs, state, p0[k], p1[k], settings, out);
                    return 1;
                }
                report_verbose(width, state, p0[k], p1[k], settings, out);
                state.differed = true;
            }
            last_was_newline = p0[k] == '\n';
            if (last_was_newline)
                ++state.newlines;
            ++state.offset;
        }
        inputs[0].start += n;
        inputs[1].start += n;
    }
    return state.differed ? 1 : 0;
}

}  // namespace

int cmp_main(int argc, char** argv) {
    Settings settings;
    bool verbose = false;
    bool silent = false;
    OptionParser parser(k_program, argc, argv, "bi:ln:sv", k_long_options);
    parser.prefix_try_help();
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b': settings.print_bytes = true; break;
        case 'i': {
            std::string_view bad;
            if (!parse_ignore(option.argument, settings, bad))
                return usage_error("invalid --ignore-initial value '" + std::string(bad) + "'");
            break;
        }
        case 'l': verbose = true; break;
        case 'n':
            if (!parse_skip(option.argument, settings.limit))
                return usage_error("invalid --bytes value '" + std::string(option.argument) + "'");
            break;
        case 's': silent = true; break;
        case k_help: return print_usage(k_usage) == 0 ? 0 : 2;
        case 'v': return print_version(k_program);
        default: return 2;
        }
    }
    if (verbose && silent)
        return usage_error("options -l and -s are incompatible");
    settings.mode = silent ? Mode::quiet : verbose ? Mode::all : Mode::first;
    const auto& operands = parser.operands();
    if (operands.empty())
        return usage_error("missing operand after 'cmp'");
    for (size_t i = 2; i < operands.size() && i < 4; ++i)
        if (!parse_skip(operands[i], settings.skip[i - 2]))
            return usage_error("invalid --ignore-initial value '" + std::string(operands[i]) + "'");
    if (operands.size() > 4)
        return usage_error("extra operand '" + std::string(operands[4]) + "'");

    static Input inputs[2];
    // The same file at the same offset is the same, without reading it.
    if (operands.size() >= 2 && operands[0] == "-" && operands[1] == "-" && settings.skip[0] == settings.skip[1])
        return 0;
    for (int i = 0; i < 2; ++i) {
        inputs[i].name = i < static_cast<int>(operands.size()) ? std::string(operands[i]) : "-";
        inputs[i].fd = open_input(inputs[i].name);
        if (inputs[i].fd < 0) {
            write_all(2, std::string(k_program) + ": " + inputs[i].name + ": " + strerror_gnu(errno) + "\n");
            return 2;
        }
    }
    for (int i = 0; i < 2; ++i)
        if (!skip_bytes(inputs[i], settings.skip[i])) {
            write_all(2, std::string(k_program) + ": " + inputs[i].name + ": " + strerror_gnu(inputs[i].error) + "\n");
            return 2;
        }
    Output out;
    int status = compare(inputs, settings, out);
    if (!out.flush())
        return write_error(k_program, out.error()) == 0 ? 0 : 2;
    return status;
}

}  // namespace toolbox
