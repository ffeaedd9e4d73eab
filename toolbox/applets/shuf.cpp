// shuf, as GNU coreutils: a random permutation of the input lines (FILE or stdin), of the
// operands (-e) or of a number range (-i LO-HI); -n COUNT, -r (with replacement, endless without
// -n), -z, -o FILE (opened after the input is read, so it may be the input), --random-source=FILE
// (its bytes drive the choices; the permutation is deterministic for a given file, though not
// GNU's). Large -i ranges with a small -n are shuffled sparsely, without a table of the range.
// applet: shuf shuf_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "shuf";

constexpr std::string_view k_usage =
    "Usage: shuf [OPTION]... [FILE]\n"
    "  or:  shuf -e [OPTION]... [ARG]...\n"
    "  or:  shuf -i LO-HI [OPTION]...\n"
    "Write a random permutation of the input lines to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -e, --echo                treat each ARG as an input line\n"
    "  -i, --input-range=LO-HI   treat each number LO through HI as an input line\n"
    "  -n, --head-count=COUNT    output at most COUNT lines\n"
    "  -o, --output=FILE         write result to FILE instead of standard output\n"
    "      --random-source=FILE  get random bytes from FILE\n"
    "  -r, --repeat              output lines can be repeated\n"
    "  -z, --zero-terminated     line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_random_source = k_long_only;

constexpr LongOption k_long_options[] = {
    {"echo", Argument::none, 'e'},
    {"input-range", Argument::required, 'i'},
    {"head-count", Argument::required, 'n'},
    {"output", Argument::required, 'o'},
    {"random-source", Argument::required, k_random_source},
    {"repeat", Argument::none, 'r'},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

int die(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

// Random numbers from the system's entropy or from a --random-source file.
class Random final {
public:
    // false after a diagnostic.
    bool open(const std::string& source) {
        m_source = source;
        if (source.empty())
            return true;
        m_fd = ::open(source.c_str(), O_RDONLY);
        if (m_fd < 0) {
            die(quote_file(source) + ": " + strerror_gnu(errno));
            return false;
        }
        return true;
    }
    ~Random() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    // A uniform number in [0, bound); false (after a diagnostic) when the source ran dry.
    bool below(uint64_t bound, uint64_t& value) {
        if (bound <= 1) {
            value = 0;
            return true;
        }
        uint64_t limit = UINT64_MAX - UINT64_MAX % bound;  // reject the uneven top
        while (true) {
            uint64_t raw = 0;
            if (!next(raw))
                return false;
            if (raw < limit) {
                value = raw % bound;
                return true;
            }
        }
    }

private:
    bool next(uint64_t& raw) {
        unsigned char bytes[8];
        if (m_fd < 0) {
            (void)getentropy(bytes, sizeof bytes);
        } else {
            size_t got = 0;
            while (got < sizeof bytes) {
                ssize_t n = ::read(m_fd, bytes + got, sizeof bytes - got);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    die(n < 0 ? quote_file(m_source) + ": " + strerror_gnu(errno) : quote(m_source) + ": end of file");
                    return false;
                }
                got += static_cast<size_t>(n);
            }
        }
        raw = 0;
        for (unsigned char byte : bytes)
            raw = raw << 8 | byte;
        return true;
    }

    std::string m_source;
    int m_fd{-1};
};

struct Settings {
    bool echo{false};
    bool range{false};
    uint64_t low{0};
    uint64_t high{0};
    uint64_t count{UINT64_MAX};
    bool repeat{false};
    char eol{'\n'};
    std::string output;
    bool output_given{false};
    std::string random_source;
};

// -i LO-HI as GNU checks it; -1 to go on, else the exit status.
int parse_range(std::string_view text, Settings& settings) {
    if (settings.range)
        return die("multiple -i options specified");
    settings.range = true;
    size_t dash = text.find('-');
    std::string_view high_text = text;
    if (dash != std::string_view::npos) {
        std::string_view low_text = text.substr(0, dash);
        if (parse_decimal(low_text, settings.low) != NumberStatus::ok)
            return die("invalid input range: " + quote(low_text));
        high_text = text.substr(dash + 1);
    }
    if (parse_decimal(high_text, settings.high) != NumberStatus::ok)
        return die("invalid input range: " + quote(high_text));
    uint64_t lines = settings.high - settings.low + 1;
    if (dash == std::string_view::npos || (settings.low <= settings.high) == (lines == 0))
        return die("invalid input range: " + quote(text));
    return -1;
}

// The items to shuffle: lines, operands or a range, addressed by index.
struct Items {
    std::string content;  // the input, when read from a file
    std::vector<std::string_view> lines;
    bool range{false};
    uint64_t low{0};
    uint64_t size{0};

    void write(uint64_t index, Output& out, char eol) const {
        if (range)
            out.write(std::to_string(low + index));
        else
            out.write(lines[static_cast<size_t>(index)]);
        out.put(eol);
    }
};

// Splits `content` into records; a last record without its delimiter still counts.
void split_records(Items& items, char eol) {
    std::string_view content(items.content);
    for (size_t start = 0; start < content.size();) {
        size_t end = content.find(eol, start);
        if (end == std::string_view::npos)
            end = content.size();
        items.lines.push_back(content.substr(start, end - start));
        start = end + 1;
    }
    items.size = items.lines.size();
}

// Writes the permutation (or the draws, with -r); the exit status.
int shuffle(const Items& items, const Settings& settings, Random& random, Output& out) {
    if (settings.repeat) {
        if (settings.count == 0)
            return 0;
        if (items.size == 0)
            return die("no lines to repeat");
        for (uint64_t i = 0; settings.count == UINT64_MAX || i < settings.count; ++i) {
            uint64_t pick = 0;
            if (!random.below(items.size, pick))
                return 1;
            items.write(pick, out, settings.eol);
            if (out.failed())
                break;
        }
        return 0;
    }
    uint64_t count = std::min(settings.count, items.size);
    // Fisher-Yates over a sparse table: only swapped positions are stored.
    std::unordered_map<uint64_t, uint64_t> swapped;
    auto at = [&](uint64_t i) {
        auto found = swapped.find(i);
        return found == swapped.end() ? i : found->second;
    };
    for (uint64_t i = 0; i < count && !out.failed(); ++i) {
        uint64_t pick = 0;
        if (!random.below(items.size - i, pick))
            return 1;
        pick += i;
        uint64_t chosen = at(pick);
        swapped[pick] = at(i);
        items.write(chosen, out, settings.eol);
    }
    return 0;
}

}  // namespace

int shuf_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "ei:n:o:rz", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'e': settings.echo = true; break;
        case 'i': {
            int status = parse_range(option.argument, settings);
            if (status >= 0)
                return status;
            break;
        }
        case 'n': {
            uint64_t count = 0;
            NumberStatus result = parse_decimal(option.argument, count);
            if (result == NumberStatus::invalid)
                return die("invalid line count: " + quote(option.argument));
            settings.count = std::min(settings.count, count);
            break;
        }
        case 'o':
            if (settings.output_given && settings.output != option.argument)
                return die("multiple output files specified");
            settings.output = option.argument;
            settings.output_given = true;
            break;
        case k_random_source:
            if (!settings.random_source.empty() && settings.random_source != option.argument)
                return die("multiple random sources specified");
            settings.random_source = option.argument;
            break;
        case 'r': settings.repeat = true; break;
        case 'z': settings.eol = '\0'; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (settings.echo && settings.range) {
        write_all(2, std::string(k_program) + ": cannot combine -e and -i options\n");
        return try_help(k_program);
    }
    if (!settings.echo && operands.size() > (settings.range ? 0u : 1u))
        return extra_operand(k_program, operands[settings.range ? 0 : 1]);
    Items items;
    if (settings.range) {
        items.range = true;
        items.low = settings.low;
        items.size = settings.high - settings.low + 1;
    } else if (settings.echo) {
        for (std::string_view operand : operands)
            items.lines.push_back(operand);
        items.size = items.lines.size();
    } else if (settings.count != 0 || settings.repeat) {
        std::string name = operands.empty() ? "-" : std::string(operands[0]);
        int fd = open_input(name);
        if (fd < 0)
            return die(quote_file(name) + ": " + strerror_gnu(errno));
        int error = 0;
        items.content = read_all(fd, error);
        if (fd != 0)
            ::close(fd);
        if (error != 0)
            return die(quote_file(name) + ": " + strerror_gnu(error));
        split_records(items, settings.eol);
    }
    Random random;
    if (!random.open(settings.random_source))
        return 1;
    int fd = 1;
    if (settings.output_given) {
        fd = ::open(settings.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd < 0)
            return die(quote_file(settings.output) + ": " + strerror_gnu(errno));
    }
    Output out(fd);
    int status = shuffle(items, settings, random, out);
    status = finish(out, k_program, status);
    if (fd != 1)
        ::close(fd);
    return status;
}

}  // namespace toolbox
