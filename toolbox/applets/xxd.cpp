// xxd, as vim's xxd 2022-01-14: a hex dump with an address, grouped hex (-g, -c) and the ASCII
// column; -p plain hex, -i a C array (named after the file), -b bits, -e little-endian groups,
// -u upper case, -a '*' for runs of zero lines, -s/-l/-o/-d for where to start, how much and how
// addresses show; -r turns a dump (or -p hex) back into bytes. Options are parsed as xxd does
// (its own prefix rules, not getopt), and its usage text and exit codes (1 usage, 2 open) kept.
// applet: xxd xxd_main
#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <climits>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "lib/hex_digits.h"
#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage:\n"
    "       xxd [options] [infile [outfile]]\n"
    "    or\n"
    "       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\n"
    "Options:\n"
    "    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.\n"
    "    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n"
    "    -C          capitalize variable names in C include file style (-i).\n"
    "    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n"
    "    -E          show characters in EBCDIC. Default ASCII.\n"
    "    -e          little-endian dump (incompatible with -ps,-i,-r).\n"
    "    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n"
    "    -h          print this summary.\n"
    "    -i          output in C include file style.\n"
    "    -l len      stop after <len> octets.\n"
    "    -n name     set the variable name used in C include output (-i).\n"
    "    -o off      add <off> to the displayed file position.\n"
    "    -ps         output in postscript plain hexdump style.\n"
    "    -r          reverse operation: convert (or patch) hexdump into binary.\n"
    "    -r -s off   revert with <off> added to file positions found in hexdump.\n"
    "    -d          show offset in decimal instead of hex.\n"
    "    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n"
    "    -u          use upper case hex letters.\n"
    "    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".\n";

enum class Style { normal, plain, include, bits, little_endian };

struct Settings {
    Style style{Style::normal};
    bool autoskip{false};
    bool upper{false};
    bool capitalize{false};
    bool decimal{false};
    bool revert{false};
    long cols{0};
    bool cols_given{false};
    long group{-1};
    long length{-1};
    long display_offset{0};
    long seek{0};
    bool seek_relative{false};
    bool seek_negative{false};
    bool seek_given{false};
    std::string name;
    bool name_given{false};
};

int usage() {
    write_all(2, k_usage);
    return 1;
}

// Byte-at-a-time reading through a buffer.
class Reader final {
public:
    explicit Reader(int fd) : m_fd(fd) {}
    int get() {
        if (m_position == m_size) {
            ssize_t count;
            do
                count = ::read(m_fd, m_buffer, sizeof m_buffer);
            while (count < 0 && errno == EINTR);
            if (count <= 0)
                return EOF;
            m_size = static_cast<size_t>(count);
            m_position = 0;
        }
        return static_cast<unsigned char>(m_buffer[m_position++]);
    }

private:
    int m_fd;
    char m_buffer[65536];
    size_t m_size{0};
    size_t m_position{0};
};

// xxd's huntype(): hex pairs back to bytes; in the normal style each line's address says where
// its bytes go (gaps are filled with zeros) and text after `cols` bytes is ignored.
int revert(const Settings& settings, Reader& in, Output& out) {
    bool plain = settings.style == Style::plain;
    long cols = settings.cols;
    long base = settings.seek;
    int c;
    int n1 = -1, n2 = 0, n3;
    bool ignore = true;
    long p = cols;
    long have = 0, want = 0;
    while ((c = in.get()) != EOF) {
        if (c == '\r')
            continue;
        if (plain && (c == ' ' || c == '\n' || c == '\t'))
            continue;
        n3 = n2;
        n2 = n1;
        n1 = toolbox::hex_digit_value(c);
        if (n1 == -1 && ignore)
            continue;
        ignore = false;
        if (!plain && p >= cols) {
            if (n1 < 0) {
                p = 0;
                continue;
            }
            want = (want << 4) | n1;
            continue;
        }
        if (base + want != have) {
            if (base + want < have) {
                out.flush();
                write_all(2, "xxd: Sorry, cannot seek backwards.\n");
                return 5;
            }
            for (; have < base + want; ++have)
                out.put('\0');
        }
        bool skip_line = false;
        if (n2 >= 0 && n1 >= 0) {
            out.put(static_cast<char>((n2 << 4) | n1));
            ++have;
            ++want;
            n1 = -1;
            if (!plain && ++p >= cols)
                skip_line = true;
        } else if (n1 < 0 && n2 < 0 && n3 < 0) {
            skip_line = true;
        }
        if (skip_line) {
            while (c != '\n' && c != EOF)
                c = in.get();
            if (c == EOF)
                break;
        }
        if (c == '\n') {
            if (!plain)
                want = 0;
            p = cols;
            ignore = true;
        }
    }
    return 0;
}

// xxdline(): with -a, a run of all-zero lines is shown as its first line and '*'.
class LineSink final {
public:
    LineSink(Output& out, bool autoskip) : m_out(out), m_autoskip(autoskip) {}
    void line(const std::string& text, int nonzero) {
        if (!m_autoskip)
            nonzero = 1;
        if (!nonzero && m_zero_seen == 1)
            m_held = text;
        if (nonzero || !m_zero_seen++) {
            if (nonzero) {
                if (nonzero < 0)
                    --m_zero_seen;
                if (m_zero_seen == 2)
                    m_out.write(m_held);
                if (m_zero_seen > 2)
                    m_out.write("*\n");
            }
            if (nonzero >= 0 || m_zero_seen > 0)
                m_out.write(text);
            if (nonzero)
                m_zero_seen = 0;
        }
    }

private:
    Output& m_out;
    bool m_autoskip;
    std::string m_held;
    int m_zero_seen{0};
};

void dump_plain(const Settings& settings, Reader& in, Output& out, const char* digits) {
    long p = settings.cols;
    long n = 0;
    int c;
    while ((settings.length < 0 || n < settings.length) && (c = in.get()) != EOF) {
        out.put(digits[(c >> 4) & 15]);
        out.put(digits[c & 15]);
        ++n;
        if (settings.cols > 0 && !--p) {
            out.put('\n');
            p = settings.cols;
        }
    }
    if (settings.cols == 0 || p < settings.cols)
        out.put('\n');
}

std::string c_name(const Settings& settings, std::string_view file) {
    std::string name = std::isdigit(static_cast<unsigned char>(file.empty() ? 'x' : file[0])) ? "__" : "";
    for (char c : file) {
        auto byte = static_cast<unsigned char>(c);
        name += std::isalnum(byte) ? (settings.capitalize ? static_cast<char>(std::toupper(byte)) : c) : '_';
    }
    return name;
}

void dump_include(const Settings& settings, Reader& in, Output& out, bool from_stdin, std::string_view file) {
    std::string name = settings.name_given ? c_name(settings, settings.name) : c_name(settings, file);
    bool named = !from_stdin || settings.name_given;
    if (named)
        out.write("unsigned char " + name + "[] = {\n");
    long p = 0;
    int c;
    char text[16];
    while ((settings.length < 0 || p < settings.length) && (c = in.get()) != EOF) {
        const char* lead = (p % settings.cols) ? ", " : (!p ? "  " : ",\n  ");
        std::snprintf(text, sizeof text, settings.upper ? "%s0X%02X" : "%s0x%02x", lead, c);
        out.write(text);
        ++p;
    }
    if (p)
        out.write("\n");
    if (named) {
        out.write("};\n");
        out.write("unsigned int " + name + (settings.capitalize ? "_LEN" : "_len") + " = " + std::to_string(p) + ";\n");
    }
}

void dump_lines(const Settings& settings, Reader& in, Output& out, long start, const char* digits) {
    bool bits = settings.style == Style::bits;
    long cols = settings.cols;
    long group = settings.group;
    long group_width = bits ? 8 * group + 1 : 2 * group + 1;
    LineSink sink(out, settings.autoskip);
    std::string line;
    size_t address_length = 0;
    long p = 0;
    long n = 0;
    int nonzero = 0;
    int c;
    auto line_end = [&]() { return address_length + 3 + static_cast<size_t>((group_width * cols - 1) / group) + static_cast<size_t>(p); };
    while ((settings.length < 0 || n < settings.length) && (c = in.get()) != EOF) {
        if (p == 0) {
            char address[32];
            std::snprintf(address, sizeof address, settings.decimal ? "%08ld:" : "%08lx:",
                          static_cast<long>(n + start + settings.display_offset));
            line.assign(address);
            address_length = line.size();
            line.resize(address_length + 3 + static_cast<size_t>((group_width * cols - 1) / group) + static_cast<size_t>(cols) + 2, ' ');
        }
        long x = settings.style == Style::little_endian ? p ^ (group - 1) : p;
        size_t column = address_length + 1 + static_cast<size_t>((group_width * x) / group);
        if (bits) {
            for (int bit = 7; bit >= 0; --bit)
                line[column++] = (c & (1 << bit)) ? '1' : '0';
        } else {
            line[column] = digits[(c >> 4) & 15];
            line[column + 1] = digits[c & 15];
        }
        if (c)
            ++nonzero;
        line[address_length + 3 + static_cast<size_t>((group_width * cols - 1) / group) + static_cast<size_t>(p)] =
            (c > 31 && c < 127) ? static_cast<char>(c) : '.';
        ++n;
        if (++p == cols) {
            line.resize(line_end());
            line += '\n';
            sink.line(line, nonzero);
            nonzero = 0;
            p = 0;
        }
    }
    if (p) {
        line.resize(line_end());
        line += '\n';
        sink.line(line, 1);
    } else if (settings.autoskip) {
        sink.line(line, -1);
    }
}

// A number as xxd reads one (strtol with base 0); bad text is 0, as there.
long number(const char* text) { return std::strtol(text, nullptr, 0); }

// Parses xxd's options; returns -1 to go on, or an exit status.
int parse_options(int& argc, char**& argv, Settings& settings) {
    while (argc > 1 && argv[1][0] == '-') {
        const char* word = argv[1];
        const char* pp = word + ((word[1] == '-' && word[2]) ? 1 : 0);
        auto value_option = [&](char letter, const char* long_name, long& target) -> bool {
            if (pp[1] != letter)
                return false;
            size_t long_length = std::strlen(long_name);
            if (pp[2] && std::strncmp(long_name, pp + 1, long_length) != 0) {
                target = number(pp + 2);
            } else {
                if (!argv[2]) {
                    target = LONG_MIN;
                    return true;
                }
                target = number(argv[2]);
                ++argv;
                --argc;
            }
            return true;
        };
        long value = 0;
        if (!std::strncmp(pp, "-a", 2)) {
            settings.autoskip = !settings.autoskip;
        } else if (!std::strncmp(pp, "-b", 2)) {
            settings.style = Style::bits;
        } else if (!std::strncmp(pp, "-e", 2)) {
            settings.style = Style::little_endian;
        } else if (!std::strncmp(pp, "-u", 2)) {
            settings.upper = true;
        } else if (!std::strncmp(pp, "-p", 2)) {
            settings.style = Style::plain;
        } else if (!std::strncmp(pp, "-i", 2)) {
            settings.style = Style::include;
        } else if (!std::strncmp(pp, "-C", 2)) {
            settings.capitalize = true;
        } else if (!std::strncmp(pp, "-d", 2)) {
            settings.decimal = true;
        } else if (!std::strncmp(pp, "-r", 2)) {
            settings.revert = true;
        } else if (!std::strncmp(pp, "-E", 2)) {
            // EBCDIC is not supported; the ASCII column stays.
        } else if (!std::strncmp(pp, "-v", 2)) {
            write_all(2, "xxd 2022-01-14 by Juergen Weigert et al.\n");
            return 0;
        } else if (pp[1] == 'c' && pp[2] && !std::strncmp("capitalize", pp + 1, 10)) {
            settings.capitalize = true;
        } else if (value_option('c', "cols", value)) {
            if (value == LONG_MIN)
                return usage();
            settings.cols = value;
            settings.cols_given = true;
        } else if (value_option('g', "group", value)) {
            if (value == LONG_MIN)
                return usage();
            settings.group = value;
        } else if (value_option('o', "offset", value)) {
            if (value == LONG_MIN)
                return usage();
            settings.display_offset = value;
        } else if (value_option('l', "len", value)) {
            if (value == LONG_MIN)
                return usage();
            settings.length = value;
        } else if (pp[1] == 's') {
            const char* text = nullptr;
            if (pp[2] && std::strncmp("seek", pp + 1, 4) != 0) {
                text = pp + 2;
            } else {
                if (!argv[2])
                    return usage();
                text = argv[2];
                ++argv;
                --argc;
            }
            settings.seek_given = true;
            settings.seek_relative = *text == '+';
            if (*text == '+')
                ++text;
            settings.seek_negative = *text == '-';
            if (*text == '-')
                ++text;
            settings.seek = number(text);
        } else if (pp[1] == 'n') {
            if (pp[2] && std::strncmp("name", pp + 1, 4) != 0) {
                settings.name = pp + 2;
            } else {
                if (!argv[2])
                    return usage();
                settings.name = argv[2];
                ++argv;
                --argc;
            }
            settings.name_given = true;
        } else if (!std::strcmp(pp, "--")) {
            ++argv;
            --argc;
            break;
        } else if (pp[0] == '-' && pp[1]) {
            return usage();
        } else {
            break;
        }
        ++argv;
        --argc;
    }
    return -1;
}

bool normalize(Settings& settings) {
    if (!settings.cols_given || (settings.cols == 0 && settings.style != Style::plain)) {
        switch (settings.style) {
        case Style::plain: settings.cols = 30; break;
        case Style::include: settings.cols = 12; break;
        case Style::bits: settings.cols = 6; break;
        default: settings.cols = 16; break;
        }
    }
    if (settings.group < 0)
        settings.group = settings.style == Style::bits ? 1 : settings.style == Style::little_endian ? 4 : 2;
    bool lined = settings.style == Style::normal || settings.style == Style::bits || settings.style == Style::little_endian;
    if (settings.cols < 1 && !(settings.style == Style::plain && settings.cols == 0)) {
        write_all(2, "xxd: invalid number of columns (max. 256).\n");
        return false;
    }
    if (lined && settings.cols > 256) {
        write_all(2, "xxd: invalid number of columns (max. 256).\n");
        return false;
    }
    if (settings.group < 1 || settings.group > settings.cols)
        settings.group = settings.cols;
    return true;
}

// Positions the input as -s asks; the start offset shown, or -1 after a message.
long apply_seek(const Settings& settings, int fd, Reader& reader) {
    if (!settings.seek_given || (settings.seek == 0 && !settings.seek_negative))
        return settings.seek_negative ? -settings.seek : settings.seek;
    off_t position;
    if (settings.seek_negative)
        position = ::lseek(fd, -settings.seek, settings.seek_relative ? SEEK_CUR : SEEK_END);
    else
        position = ::lseek(fd, settings.seek, settings.seek_relative ? SEEK_CUR : SEEK_SET);
    if (position >= 0)
        return static_cast<long>(position);
    if (settings.seek_negative) {
        write_all(2, "xxd: Sorry, cannot seek.\n");
        return -1;
    }
    for (long i = 0; i < settings.seek; ++i)
        if (reader.get() == EOF)
            break;
    return settings.seek;
}

}  // namespace

int xxd_main(int argc, char** argv) {
    Settings settings;
    if (int status = parse_options(argc, argv, settings); status >= 0)
        return status;
    if (!normalize(settings))
        return 1;
    if (argc > 3)
        return usage();
    std::string input_name = argc > 1 ? argv[1] : "-";
    bool from_stdin = input_name == "-";
    int fd = from_stdin ? 0 : ::open(input_name.c_str(), O_RDONLY);
    if (fd < 0) {
        write_all(2, "xxd: " + input_name + ": " + strerror_gnu(errno) + "\n");
        return 2;
    }
    int out_fd = 1;
    if (argc > 2 && std::strcmp(argv[2], "-") != 0) {
        int flags = settings.revert ? O_WRONLY | O_CREAT : O_WRONLY | O_CREAT | O_TRUNC;
        out_fd = ::open(argv[2], flags, 0666);
        if (out_fd < 0) {
            write_all(2, std::string("xxd: ") + argv[2] + ": " + strerror_gnu(errno) + "\n");
            return 3;
        }
    }
    Output out(out_fd);
    Reader reader(fd);
    int status = 0;
    const char* digits = settings.upper ? "0123456789ABCDEF" : "0123456789abcdef";
    if (settings.revert) {
        status = revert(settings, reader, out);
    } else {
        long start = apply_seek(settings, fd, reader);
        if (start < 0)
            return 4;
        switch (settings.style) {
        case Style::plain: dump_plain(settings, reader, out, digits); break;
        case Style::include: dump_include(settings, reader, out, from_stdin, input_name); break;
        default:
            if (settings.style == Style::little_endian && (settings.group & (settings.group - 1)) != 0) {
                write_all(2, "xxd: number of octets per group must be a power of 2 with -e.\n");
                return 1;
            }
            dump_lines(settings, reader, out, start, digits);
            break;
        }
    }
    if (fd != 0)
        ::close(fd);
    int result = finish(out, "xxd", status);
    if (out_fd != 1)
        ::close(out_fd);
    return result;
}

}  // namespace toolbox
