// od, as GNU coreutils 9.1: dump the files (one concatenated stream) in the formats of -t (and
// the traditional -b -c -d -o -s -x -i -l -f …), each line an address (-A) then one row per
// format, columns aligned across rows the way od.c pads them; -j skips, -N limits, -w sets the
// bytes per line, repeated lines become '*' unless -v, --endian picks the byte order. Floats
// print as the shortest "%g" (from FLT_DIG/DBL_DIG digits up) that reads back exactly, as
// gnulib's ftoastr. Streams a line at a time.
// applet: od od_main
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cfloat>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/argmatch.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "od";

constexpr std::string_view k_usage =
    "Usage: od [OPTION]... [FILE]...\n"
    "  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]\n"
    "  or:  od --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]\n"
    "\n"
    "Write an unambiguous representation, octal bytes by default,\n"
    "of FILE to standard output.  With more than one FILE argument,\n"
    "concatenate them in the listed order to form the input.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "If first and second call formats both apply, the second format is assumed\n"
    "if the last operand begins with + or (if there are 2 operands) a digit.\n"
    "An OFFSET operand means -j OFFSET.  LABEL is the pseudo-address\n"
    "at first byte printed, incremented when dump is progressing.\n"
    "For OFFSET and LABEL, a 0x or 0X prefix indicates hexadecimal;\n"
    "suffixes may be . for octal and b for multiply by 512.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -A, --address-radix=RADIX   output format for file offsets; RADIX is one\n"
    "                                of [doxn], for Decimal, Octal, Hex or None\n"
    "      --endian={big|little}   swap input bytes according the specified order\n"
    "  -j, --skip-bytes=BYTES      skip BYTES input bytes first\n"
    "  -N, --read-bytes=BYTES      limit dump to BYTES input bytes\n"
    "  -S BYTES, --strings[=BYTES]  output strings of at least BYTES graphic chars;\n"
    "                                3 is implied when BYTES is not specified\n"
    "  -t, --format=TYPE           select output format or formats\n"
    "  -v, --output-duplicates     do not use * to mark line suppression\n"
    "  -w[BYTES], --width[=BYTES]  output BYTES bytes per output line;\n"
    "                                32 is implied when BYTES is not specified\n"
    "      --traditional           accept arguments in third form above\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "\n"
    "Traditional format specifications may be intermixed; they accumulate:\n"
    "  -a   same as -t a,  select named characters, ignoring high-order bit\n"
    "  -b   same as -t o1, select octal bytes\n"
    "  -c   same as -t c,  select printable characters or backslash escapes\n"
    "  -d   same as -t u2, select unsigned decimal 2-byte units\n"
    "  -f   same as -t fF, select floats\n"
    "  -i   same as -t dI, select decimal ints\n"
    "  -l   same as -t dL, select decimal longs\n"
    "  -o   same as -t o2, select octal 2-byte units\n"
    "  -s   same as -t d2, select decimal 2-byte units\n"
    "  -x   same as -t x2, select hexadecimal 2-byte units\n"
    "\n"
    "\n"
    "TYPE is made up of one or more of these specifications:\n"
    "  a          named character, ignoring high-order bit\n"
    "  c          printable character or backslash escape\n"
    "  d[SIZE]    signed decimal, SIZE bytes per integer\n"
    "  f[SIZE]    floating point, SIZE bytes per float\n"
    "  o[SIZE]    octal, SIZE bytes per integer\n"
    "  u[SIZE]    unsigned decimal, SIZE bytes per integer\n"
    "  x[SIZE]    hexadecimal, SIZE bytes per integer\n"
    "\n"
    "SIZE is a number.  For TYPE in [doux], SIZE may also be C for\n"
    "sizeof(char), S for sizeof(short), I for sizeof(int) or L for\n"
    "sizeof(long).  If TYPE is f, SIZE may also be F for sizeof(float), D\n"
    "for sizeof(double) or L for sizeof(long double).\n"
    "\n"
    "Adding a z suffix to any type displays printable characters at the end of\n"
    "each output line.\n"
    "\n"
    "\n"
    "BYTES is hex with 0x or 0X prefix, and may have a multiplier suffix:\n"
    "  b    512\n"
    "  KB   1000\n"
    "  K    1024\n"
    "  MB   1000*1000\n"
    "  M    1024*1024\n"
    "and so on for G, T, P, E, Z, Y.\n"
    "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n";

constexpr int k_opt_endian = k_long_only;
constexpr int k_opt_traditional = k_long_only + 1;

constexpr LongOption k_long_options[] = {
    {"address-radix", Argument::required, 'A'},
    {"skip-bytes", Argument::required, 'j'},
    {"read-bytes", Argument::required, 'N'},
    {"format", Argument::required, 't'},
    {"output-duplicates", Argument::none, 'v'},
    {"strings", Argument::optional, 'S'},
    {"width", Argument::optional, 'w'},
    {"endian", Argument::required, k_opt_endian},
    {"traditional", Argument::none, k_opt_traditional},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr ArgWord k_endian_words[] = {{"little", 0}, {"big", 1}};

struct Spec {
    char kind{'o'};  // a c d u o x f
    int size{2};
    int field_width{6};
    int pad_width{0};
    bool trailer{false};
};

struct Settings {
    std::vector<Spec> specs;
    char radix{'o'};
    uint64_t skip{0};
    uint64_t limit{UINT64_MAX};
    size_t width{16};
    bool width_given{false};
    bool squeeze{true};
    bool big_endian{false};
    bool strings_mode{false};  // -S
    uint64_t strings{3};       // -S: the shortest string to show
};

int field_width_of(char kind, int size) {
    switch (kind) {
    case 'a':
    case 'c': return 3;
    case 'f': return size == 4 ? 15 : 24;
    case 'o': return size == 1 ? 3 : size == 2 ? 6 : size == 4 ? 11 : 22;
    case 'x': return size * 2;
    case 'u': return size == 1 ? 3 : size == 2 ? 5 : size == 4 ? 10 : 20;
    default: return size == 1 ? 4 : size == 2 ? 6 : size == 4 ? 11 : 20;
    }
}

// One TYPE argument of -t, which may hold several specifications ("x1z", "d2u4").
bool parse_types(std::string_view text, std::vector<Spec>& specs) {
    size_t i = 0;
    while (i < text.size()) {
        Spec spec;
        spec.kind = text[i];
        size_t start = i++;
        if (std::strchr("acduoxf", spec.kind) == nullptr || spec.kind == '\0') {
            write_all(2, std::string(k_program) + ": invalid character " + quote(text.substr(start, 1)) +
                             " in type string " + quote(text) + "\n");
            return false;
        }
        if (spec.kind == 'a' || spec.kind == 'c') {
            spec.size = 1;
        } else {
            bool is_float = spec.kind == 'f';
            spec.size = is_float ? 8 : 4;
            if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
                unsigned long size = 0;
                while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && size < 1000)
                    size = size * 10 + static_cast<unsigned long>(text[i++] - '0');
                bool valid = is_float ? (size == 4 || size == 8) : (size == 1 || size == 2 || size == 4 || size == 8);
                if (!valid) {
                    write_all(2, std::string(k_program) + ": invalid type string " + quote(text.substr(start)) +
                                     ";\nthis system doesn't provide a " + std::to_string(size) + "-byte " +
                                     (is_float ? "floating point" : "integral") + " type\n");
                    return false;
                }
                spec.size = static_cast<int>(size);
            } else if (i < text.size()) {
                char letter = text[i];
                if (!is_float && std::strchr("CSIL", letter)) {
                    spec.size = letter == 'C' ? 1 : letter == 'S' ? 2 : letter == 'I' ? 4 : 8;
                    ++i;
                } else if (is_float && std::strchr("FD", letter)) {
                    spec.size = letter == 'F' ? 4 : 8;
                    ++i;
                } else if (is_float && letter == 'L') {
                    write_all(2, std::string(k_program) + ": long double (fL) is not supported\n");
                    return false;
                }
            }
        }
        if (i < text.size() && text[i] == 'z') {
            spec.trailer = true;
            ++i;
        }
        spec.field_width = field_width_of(spec.kind, spec.size);
        specs.push_back(spec);
    }
    return true;
}

// BYTES for -j and -N: decimal, 0x hex or 0 octal, then an optional multiplier suffix.
bool parse_bytes(std::string_view text, uint64_t& value) {
    size_t i = 0;
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (text.size() > 1 && text[0] == '0') {
        base = 8;
    }
    size_t digits_start = i;
    value = 0;
    for (; i < text.size(); ++i) {
        int digit = std::isdigit(static_cast<unsigned char>(text[i])) ? text[i] - '0'
                    : base == 16 && std::isxdigit(static_cast<unsigned char>(text[i]))
                        ? std::tolower(static_cast<unsigned char>(text[i])) - 'a' + 10
                        : -1;
        if (digit < 0 || digit >= base)
            break;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    }
    if (i == digits_start)
        return false;
    std::string_view suffix = text.substr(i);
    if (suffix.empty())
        return true;
    if (suffix == "b") {
        value *= 512;
        return true;
    }
    static constexpr std::string_view k_powers = "KMGTPEZY";
    char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(suffix[0])));
    size_t power = k_powers.find(letter);
    if (power == std::string_view::npos || (suffix[0] != 'k' && suffix[0] != letter && suffix[0] != 'm'))
        return false;
    std::string_view rest = suffix.substr(1);
    uint64_t base_unit = rest == "B" ? 1000 : (rest.empty() || rest == "iB") ? 1024 : 0;
    if (base_unit == 0)
        return false;
    for (size_t p = 0; p <= power; ++p)
        value *= base_unit;
    return true;
}

// The input files as one stream, opened as they are reached; names that cannot be opened are
// reported and skipped.
class Input final {
public:
    explicit Input(std::vector<std::string> names) : m_names(std::move(names)) {}
    ~Input() { close_current(); }
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    // Reads up to `size` bytes, across file boundaries; fewer only at the end of all input.
    size_t read(char* buffer, size_t size) {
        size_t got = 0;
        while (got < size) {
            if (m_fd < 0 && !open_next())
                break;
            ssize_t count = ::read(m_fd, buffer + got, size - got);
            if (count < 0 && errno == EINTR)
                continue;
            if (count < 0) {
                report(errno);
                close_current();
                continue;
            }
            if (count == 0) {
                close_current();
                continue;
            }
            got += static_cast<size_t>(count);
        }
        return got;
    }
    // Opens the first file that can be opened, as od does before it reads (so `od -N 0 FILE`
    // still prints the final address, and `od MISSING` prints nothing).
    void open_first() {
        if (m_fd < 0)
            open_next();
    }
    bool ok() const { return m_ok; }
    bool opened_any() const { return m_opened_any; }

private:
    bool open_next() {
        while (m_next < m_names.size()) {
            m_current = m_names[m_next++];
            m_fd = open_input(m_current);
            if (m_fd >= 0) {
                m_opened_any = true;
                return true;
            }
            report(errno);
        }
        return false;
    }
    void close_current() {
        if (m_fd > 0)
            ::close(m_fd);
        m_fd = -1;
    }
    void report(int error) {
        write_all(2, std::string(k_program) + ": " + quote_file(m_current) + ": " + strerror_gnu(error) + "\n");
        m_ok = false;
    }

    std::vector<std::string> m_names;
    size_t m_next{0};
    std::string m_current;
    int m_fd{-1};
    bool m_ok{true};
    bool m_opened_any{false};
};

uint64_t load(const unsigned char* bytes, int size, bool big_endian) {
    uint64_t value = 0;
    for (int i = 0; i < size; ++i)
        value |= uint64_t{bytes[big_endian ? size - 1 - i : i]} << (8 * i);
    return value;
}

// gnulib ftoastr: the fewest digits (from FLT_DIG/DBL_DIG up) that read back as the same value.
std::string float_text(uint64_t bits, int size) {
    char text[64];
    if (size == 4) {
        uint32_t raw = static_cast<uint32_t>(bits);
        float value;
        std::memcpy(&value, &raw, sizeof value);
        int start = (value != 0 && std::fabs(value) < FLT_MIN) ? 1 : FLT_DIG;
        for (int precision = start; precision <= 9; ++precision) {
            std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
            if (std::strtof(text, nullptr) == value || value != value)
                break;
        }
        return text;
    }
    double value;
    std::memcpy(&value, &bits, sizeof value);
    int start = (value != 0 && std::fabs(value) < DBL_MIN) ? 1 : DBL_DIG;
    for (int precision = start; precision <= 17; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::strtod(text, nullptr) == value || value != value)
            break;
    }
    return text;
}

constexpr const char* k_names[] = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl",
                                   "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4", "nak",
                                   "syn", "etb", "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us",  "sp"};

std::string char_text(unsigned char byte, char kind) {
    if (kind == 'a') {
        unsigned char c = byte & 0x7f;
        if (c <= 32)
            return k_names[c];
        if (c == 127)
            return "del";
        return std::string(1, static_cast<char>(c));
    }
    switch (byte) {
    case '\0': return "\\0";
    case '\a': return "\\a";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\v': return "\\v";
    default: break;
    }
    if (byte >= 32 && byte < 127)
        return std::string(1, static_cast<char>(byte));
    char text[8];
    std::snprintf(text, sizeof text, "%03o", byte);
    return text;
}

std::string value_text(const Spec& spec, const unsigned char* bytes, bool big_endian) {
    if (spec.kind == 'a' || spec.kind == 'c')
        return char_text(bytes[0], spec.kind);
    uint64_t value = load(bytes, spec.size, big_endian);
    if (spec.kind == 'f')
        return float_text(value, spec.size);
    char text[64];
    switch (spec.kind) {
    case 'o': std::snprintf(text, sizeof text, "%0*llo", spec.field_width, static_cast<unsigned long long>(value)); break;
    case 'x': std::snprintf(text, sizeof text, "%0*llx", spec.field_width, static_cast<unsigned long long>(value)); break;
    case 'u': std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(value)); break;
    default: {
        int shift = 64 - 8 * spec.size;
        long long signed_value = static_cast<long long>(value << shift) >> shift;
        std::snprintf(text, sizeof text, "%lld", signed_value);
        break;
    }
    }
    return text;
}

class Dumper final {
public:
    Dumper(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}

    // One output line of `count` bytes (the buffer is zero-padded past them).
    void write_line(uint64_t offset, const std::string& line, size_t count) {
        size_t width = m_settings.width;
        if (m_settings.squeeze && !m_first && count == width && line == m_previous) {
            if (!m_in_squeeze)
                m_out.write("*\n");
            m_in_squeeze = true;
            return;
        }
        m_in_squeeze = false;
        m_first = false;
        m_previous = line;
        for (size_t i = 0; i < m_settings.specs.size(); ++i) {
            if (i == 0)
                write_address(offset, "");
            else
                m_out.write(std::string(address_width(), ' '));
            write_row(m_settings.specs[i], line, count);
            m_out.put('\n');
        }
    }
    void write_address(uint64_t offset, std::string_view after) {
        char text[32];
        auto value = static_cast<unsigned long long>(offset);
        switch (m_settings.radix) {
        case 'd': std::snprintf(text, sizeof text, "%07llu", value); break;
        case 'x': std::snprintf(text, sizeof text, "%06llx", value); break;
        case 'o': std::snprintf(text, sizeof text, "%07llo", value); break;
        default: return;
        }
        m_out.write(text);
        m_out.write(after);
    }

private:
    size_t address_width() const {
        return m_settings.radix == 'n' ? 0 : m_settings.radix == 'x' ? 6 : 7;
    }
    void write_row(const Spec& spec, const std::string& line, size_t count) {
        size_t width = m_settings.width;
        size_t fields = width / static_cast<size_t>(spec.size);
        size_t blank = (width - count) / static_cast<size_t>(spec.size);
        const auto* bytes = reinterpret_cast<const unsigned char*>(line.data());
        size_t pad_remaining = static_cast<size_t>(spec.pad_width);
        for (size_t i = fields; i > blank; --i) {
            size_t next_pad = static_cast<size_t>(spec.pad_width) * (i - 1) / fields;
            size_t field = pad_remaining - next_pad + static_cast<size_t>(spec.field_width);
            std::string text = value_text(spec, bytes + (fields - i) * static_cast<size_t>(spec.size), m_settings.big_endian);
            if (text.size() < field)
                m_out.write(std::string(field - text.size(), ' '));
            m_out.write(text);
            pad_remaining = next_pad;
        }
        if (spec.trailer) {
            size_t pad = static_cast<size_t>(spec.pad_width) * blank / fields;
            m_out.write(std::string(blank * static_cast<size_t>(spec.field_width) + pad, ' '));
            m_out.write("  >");
            for (size_t i = 0; i < count; ++i)
                m_out.put(bytes[i] >= 32 && bytes[i] < 127 ? static_cast<char>(bytes[i]) : '.');
            m_out.put('<');
        }
    }

    const Settings& m_settings;
    Output& m_out;
    std::string m_previous;
    bool m_first{true};
    bool m_in_squeeze{false};
};

// Lines of the line width and the padding that aligns the rows of all formats.
bool layout(Settings& settings) {
    size_t unit = 1;
    for (const Spec& spec : settings.specs)
        unit = std::lcm(unit, static_cast<size_t>(spec.size));
    if (settings.width_given) {
        if (settings.width == 0 || settings.width % unit != 0) {
            write_all(2, std::string(k_program) + ": warning: invalid width " + std::to_string(settings.width) +
                             "; using " + std::to_string(unit) + " instead\n");
            settings.width = unit;
        }
    } else {
        settings.width = unit < 16 ? unit * (16 / unit) : unit;
    }
    size_t widest = 0;
    for (const Spec& spec : settings.specs) {
        size_t fields = settings.width / static_cast<size_t>(spec.size);
        widest = std::max(widest, (static_cast<size_t>(spec.field_width) + 1) * fields);
    }
    for (Spec& spec : settings.specs) {
        size_t fields = settings.width / static_cast<size_t>(spec.size);
        spec.pad_width = static_cast<int>(widest - static_cast<size_t>(spec.field_width) * fields);
    }
    return true;
}

// Reads and drops `count` bytes; false when the input ends first.
bool skip_input(Input& input, uint64_t count) {
    static char buffer[65536];
    while (count > 0) {
        size_t want = count < sizeof buffer ? static_cast<size_t>(count) : sizeof buffer;
        size_t got = input.read(buffer, want);
        count -= got;
        if (got < want)
            return count == 0;
    }
    return true;
}

int dump(Settings& settings, const std::vector<std::string>& names) {
    layout(settings);
    Input input(names);
    input.open_first();
    Output out;
    if (!skip_input(input, settings.skip)) {
        out.flush();
        write_all(2, std::string(k_program) + ": cannot skip past end of combined input\n");
        return 1;
    }
    size_t unit = 1;
    for (const Spec& spec : settings.specs)
        unit = std::lcm(unit, static_cast<size_t>(spec.size));
    Dumper dumper(settings, out);
    uint64_t offset = settings.skip;
    uint64_t remaining = settings.limit;
    std::string line(settings.width, '\0');
    while (remaining > 0 && !out.failed()) {
        size_t want = remaining < settings.width ? static_cast<size_t>(remaining) : settings.width;
        size_t got = input.read(line.data(), want);
        if (got == 0)
            break;
        size_t padded = (got + unit - 1) / unit * unit;
        std::fill(line.begin() + static_cast<std::ptrdiff_t>(got), line.begin() + static_cast<std::ptrdiff_t>(padded), '\0');
        std::fill(line.begin() + static_cast<std::ptrdiff_t>(padded), line.end(), '\0');
        dumper.write_line(offset, line, got);
        offset += got;
        remaining -= got;
        if (got < want)
            break;
    }
    if (input.opened_any())
        dumper.write_address(offset, "\n");
    return finish(out, k_program, input.ok() ? 0 : 1);
}

// od -S (dump_strings): each run of at least `strings` printable bytes that ends in a NUL (or
// at the -N limit), after its address.
int dump_strings(const Settings& settings, const std::vector<std::string>& names) {
    Input input(names);
    input.open_first();
    Output out;
    if (!skip_input(input, settings.skip)) {
        out.flush();
        write_all(2, std::string(k_program) + ": cannot skip past end of combined input\n");
        return 1;
    }
    Dumper dumper(settings, out);
    bool limited = settings.limit != UINT64_MAX;
    uint64_t end = settings.skip + settings.limit;
    uint64_t address = settings.skip;
    std::string text;
    auto next = [&](int& c) {
        char byte;
        if (input.read(&byte, 1) != 1)
            return false;
        c = static_cast<unsigned char>(byte);
        ++address;
        return true;
    };
    int c = 0;
    while (!out.failed()) {
        if (limited && (end < settings.strings || end - settings.strings <= address))
            break;
        text.clear();
        bool candidate = true;
        while (text.size() < settings.strings) {
            if (!next(c))
                return finish(out, k_program, input.ok() ? 0 : 1);
            if (c < 32 || c > 126) {
                candidate = false;
                break;
            }
            text += static_cast<char>(c);
        }
        if (!candidate)
            continue;
        // Reaching the -N limit counts as the end of the string, as in GNU.
        bool terminated = true;
        while (!limited || address < end) {
            if (!next(c))
                return finish(out, k_program, input.ok() ? 0 : 1);
            if (c == '\0')
                break;
            if (c < 32 || c > 126) {
                terminated = false;
                break;
            }
            text += static_cast<char>(c);
        }
        if (!terminated)
            continue;
        dumper.write_address(address - text.size() - 1, " ");
        out.write(text);
        out.put('\n');
    }
    return finish(out, k_program, input.ok() ? 0 : 1);
}

// parse_old_offset(): the traditional [+]OFFSET operand, octal unless it starts with 0x, with a
// 'b' (512) or 'B' (1024) multiplier. (GNU's '.' for decimal ends up refused by the number
// parser, so such an operand is a file name there too.)
bool parse_old_offset(std::string_view text, uint64_t& value) {
    if (!text.empty() && text[0] == '+')
        text.remove_prefix(1);
    if (text.empty() || text.find('.') != std::string_view::npos)
        return false;
    int base = 8;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    size_t i = 0;
    value = 0;
    for (; i < text.size(); ++i) {
        int digit = std::isdigit(static_cast<unsigned char>(text[i])) ? text[i] - '0'
                    : std::isxdigit(static_cast<unsigned char>(text[i])) ? std::tolower(static_cast<unsigned char>(text[i])) - 'a' + 10
                                                                         : 99;
        if (digit >= base)
            break;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    }
    if (i == 0)
        return false;
    std::string_view suffix = text.substr(i);
    if (suffix == "b")
        value *= 512;
    else if (suffix == "B")
        value *= 1024;
    else if (!suffix.empty())
        return false;
    return true;
}

int bad_argument(std::string_view option, std::string_view value) {
    write_all(2, std::string(k_program) + ": invalid " + std::string(option) + " argument " + quote(value) + "\n");
    return 1;
}

// od FILE +OFFSET, od +OFFSET: the last operand is where to start when it looks like an offset.
void take_old_offset(std::vector<std::string>& names, bool traditional, uint64_t& skip) {
    uint64_t offset = 0;
    if (names.size() == 1) {
        if ((traditional || names[0][0] == '+') && parse_old_offset(names[0], offset)) {
            skip = offset;
            names.clear();
        }
    } else if (names.size() == 2) {
        const std::string& last = names[1];
        if ((traditional || last[0] == '+' || std::isdigit(static_cast<unsigned char>(last[0]))) &&
            parse_old_offset(last, offset)) {
            skip = offset;
            names.pop_back();
        }
    }
}

}  // namespace

int od_main(int argc, char** argv) {
    Settings settings;
    bool modern = false;  // an option only the modern syntax has: no [+]OFFSET operand then
    bool traditional_syntax = false;
    OptionParser parser(k_program, argc, argv, "A:aBbcDdeFfHhIij:LlN:OosS:t:vw::Xx", k_long_options);
    while (auto option = parser.next()) {
        const char* traditional = nullptr;
        if (option.id > 0 && option.id < 256 && std::strchr("AjNStvw", option.id) != nullptr)
            modern = true;
        switch (option.id) {
        case 'A': {
            std::string_view value(option.argument);
            if (value.empty() || std::strchr("doxn", value[0]) == nullptr) {
                write_all(2, std::string(k_program) + ": invalid output address radix " + quote(value) +
                                 "; it must be one character from [doxn]\n");
                return 1;
            }
            settings.radix = value[0];
            break;
        }
        case 'j':
            if (!parse_bytes(option.argument, settings.skip))
                return bad_argument("-j", option.argument);
            break;
        case 'N':
            if (!parse_bytes(option.argument, settings.limit))
                return bad_argument("-N", option.argument);
            break;
        case 't':
            if (!parse_types(option.argument, settings.specs))
                return 1;
            break;
        case 'v': settings.squeeze = false; break;
        case 'w': {
            settings.width_given = true;
            settings.width = 32;
            if (option.argument != nullptr) {
                uint64_t width = 0;
                if (!parse_bytes(option.argument, width))
                    return bad_argument("-w", option.argument);
                settings.width = static_cast<size_t>(width);
            }
            break;
        }
        case 'S':
            settings.strings_mode = true;
            settings.strings = 3;
            if (option.argument != nullptr && !parse_bytes(option.argument, settings.strings))
                return bad_argument("-S", option.argument);
            break;
        case k_opt_endian: {
            int value = argmatch(k_program, "--endian", option.argument, k_endian_words);
            if (value < 0)
                return 1;
            settings.big_endian = value == 1;
            break;
        }
        case k_opt_traditional: traditional_syntax = true; break;
        case 'a': traditional = "a"; break;
        case 'B': case 'o': traditional = "o2"; break;
        case 'b': traditional = "o1"; break;
        case 'c': traditional = "c"; break;
        case 'D': traditional = "u4"; break;
        case 'd': traditional = "u2"; break;
        case 'e': case 'F': traditional = "fD"; break;
        case 'f': traditional = "fF"; break;
        case 'H': case 'X': traditional = "x4"; break;
        case 'h': case 'x': traditional = "x2"; break;
        case 'i': traditional = "dI"; break;
        case 'I': case 'L': case 'l': traditional = "dL"; break;
        case 'O': traditional = "o4"; break;
        case 's': traditional = "d2"; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
        if (traditional != nullptr)
            parse_types(traditional, settings.specs);
    }
    if (settings.specs.empty())
        parse_types("o2", settings.specs);
    std::vector<std::string> names;
    for (auto operand : parser.operands())
        names.emplace_back(operand);
    if (!modern || traditional_syntax)
        take_old_offset(names, traditional_syntax, settings.skip);
    if (names.empty())
        names.emplace_back("-");
    if (settings.strings_mode)
        return dump_strings(settings, names);
    return dump(settings, names);
}

}  // namespace toolbox
