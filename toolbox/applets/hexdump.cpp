// hexdump, as util-linux 2.38: input (all files as one stream) is cut into blocks and each block
// printed through every format string (-e, -f, or the built-in ones of -b -c -C -d -o -x and the
// default). A format string is units `[ITER][/BYTES] "TEXT with %conversions"`; the last unit
// repeats to fill the block, the last repetition drops one trailing blank, conversions past the
// end of the data print as blanks of their width, %_A prints once at the end, and a block equal
// to the one before becomes '*' (unless -v). Streams a block at a time.
// applet: hexdump hexdump_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "hexdump";

constexpr std::string_view k_usage =
    "\n"
    "Usage:\n"
    " hexdump [options] <file>...\n"
    "\n"
    "Display file contents in hexadecimal, decimal, octal, or ascii.\n"
    "\n"
    "Options:\n"
    " -b, --one-byte-octal      one-byte octal display\n"
    " -c, --one-byte-char       one-byte character display\n"
    " -C, --canonical           canonical hex+ASCII display\n"
    " -d, --two-bytes-decimal   two-byte decimal display\n"
    " -o, --two-bytes-octal     two-byte octal display\n"
    " -x, --two-bytes-hex       two-byte hexadecimal display\n"
    " -L, --color[=<mode>]      interpret color formatting specifiers\n"
    "                             colors are enabled by default\n"
    " -e, --format <format>     format string to be used for displaying data\n"
    " -f, --format-file <file>  file that contains format strings\n"
    " -n, --length <length>     interpret only length bytes of input\n"
    " -s, --skip <offset>       skip offset bytes from the beginning\n"
    " -v, --no-squeezing        output identical lines\n"
    "\n"
    " -h, --help                display this help\n"
    " -V, --version             display version\n"
    "\n"
    "Arguments:\n"
    " <length> and <offset> arguments may be followed by the suffixes for\n"
    "   GiB, TiB, PiB, EiB, ZiB, and YiB (the \"iB\" is optional)\n"
    "\n"
    "For more details see hexdump(1).\n";

constexpr LongOption k_long_options[] = {
    {"one-byte-octal", Argument::none, 'b'},  {"one-byte-char", Argument::none, 'c'},
    {"canonical", Argument::none, 'C'},       {"two-bytes-decimal", Argument::none, 'd'},
    {"two-bytes-octal", Argument::none, 'o'}, {"two-bytes-hex", Argument::none, 'x'},
    {"format", Argument::required, 'e'},      {"format-file", Argument::required, 'f'},
    {"color", Argument::optional, 'L'},       {"length", Argument::required, 'n'},
    {"skip", Argument::required, 's'},        {"no-squeezing", Argument::none, 'v'},
    {"help", Argument::none, 'h'},            {"version", Argument::none, 'V'},
};

enum class Kind { text, address, end_address, signed_int, unsigned_int, floating, character, escaped, printable, named, string };

// One conversion with the literal text before it (or only text), printed with a printf format.
struct Piece {
    Kind kind{Kind::text};
    std::string format;  // printf format: the text, then the conversion rewritten for our types
    size_t bytes{0};
    size_t nospace{std::string::npos};  // where the last repetition cuts one trailing blank
};

struct Unit {
    size_t reps{1};
    bool reps_given{false};
    size_t byte_count{0};  // explicit /BYTES, 0 if none
    std::vector<Piece> pieces;
    bool at_end{false};  // holds %_A: printed once after the data
    size_t size() const {
        if (byte_count)
            return byte_count * reps;
        size_t total = 0;
        for (const Piece& piece : pieces)
            total += piece.bytes;
        return total * reps;
    }
};

using FormatString = std::vector<Unit>;

bool fail_format(std::string_view text) {
    write_all(2, std::string(k_program) + ": bad format {" + std::string(text) + "}\n");
    return false;
}

std::string unescape(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char c = text[++i];
        switch (c) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': out += '\0'; break;
        default: out += c; break;
        }
    }
    return out;
}

// Splits a unit's text into pieces: each conversion (with the text before it) and trailing text.
bool split_pieces(const std::string& text, Unit& unit) {
    size_t position = 0;
    while (position < text.size()) {
        size_t percent = text.find('%', position);
        Piece piece;
        if (percent == std::string::npos) {
            piece.format = text.substr(position);
            unit.pieces.push_back(piece);
            break;
        }
        size_t i = percent + 1;
        while (i < text.size() && std::strchr(" -+#0", text[i]))
            ++i;
        size_t width_end = i;
        while (width_end < text.size() && std::isdigit(static_cast<unsigned char>(text[width_end])))
            ++width_end;
        int precision = -1;
        size_t spec_end = width_end;
        if (spec_end < text.size() && text[spec_end] == '.') {
            ++spec_end;
            precision = 0;
            while (spec_end < text.size() && std::isdigit(static_cast<unsigned char>(text[spec_end])))
                precision = precision * 10 + (text[spec_end++] - '0');
        }
        if (spec_end >= text.size())
            return fail_format(text);
        std::string prefix = text.substr(position, spec_end - position);  // text, '%', flags, width, precision
        char c = text[spec_end];
        size_t next = spec_end + 1;
        size_t count = unit.byte_count;
        auto int_size = [&](size_t fallback) -> bool {
            piece.bytes = count ? count : fallback;
            return piece.bytes == 1 || piece.bytes == 2 || piece.bytes == 4 || piece.bytes == 8;
        };
        switch (c) {
        case 'd':
        case 'i':
            piece.kind = Kind::signed_int;
            if (!int_size(4))
                return fail_format(text);
            piece.format = prefix + "lld";
            break;
        case 'o':
        case 'u':
        case 'x':
        case 'X':
            piece.kind = Kind::unsigned_int;
            if (!int_size(4))
                return fail_format(text);
            piece.format = prefix + "ll" + c;
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
            piece.kind = Kind::floating;
            piece.bytes = count ? count : 8;
            if (piece.bytes != 4 && piece.bytes != 8)
                return fail_format(text);
            piece.format = prefix + c;
            break;
        case 'c':
            piece.kind = Kind::character;
            piece.bytes = 1;
            piece.format = prefix + "c";
            break;
        case 's':
            piece.kind = Kind::string;
            piece.bytes = precision >= 0 ? static_cast<size_t>(precision) : count;
            if (piece.bytes == 0)
                return fail_format(text);
            piece.format = prefix + "s";
            break;
        case '_': {
            if (next >= text.size())
                return fail_format(text);
            char d = text[next++];
            piece.bytes = 1;
            if (d == 'a' || d == 'A') {
                char base = next < text.size() ? text[next] : '\0';
                if (base != 'd' && base != 'o' && base != 'x')
                    return fail_format(text);
                ++next;
                piece.kind = d == 'a' ? Kind::address : Kind::end_address;
                piece.bytes = 0;
                piece.format = prefix + "ll" + (base == 'd' ? 'd' : base);
                if (d == 'A')
                    unit.at_end = true;
            } else if (d == 'c') {
                piece.kind = Kind::escaped;
                piece.format = prefix + "s";
            } else if (d == 'p') {
                piece.kind = Kind::printable;
                piece.format = prefix + "c";
            } else if (d == 'u') {
                piece.kind = Kind::named;
                piece.format = prefix + "s";
            } else {
                return fail_format(text);
            }
            break;
        }
        default: return fail_format(text);
        }
        unit.pieces.push_back(piece);
        position = next;
    }
    return true;
}

// One -e argument: units separated by blanks.
bool parse_format(std::string_view text, FormatString& format) {
    size_t i = 0;
    while (true) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i >= text.size())
            break;
        Unit unit;
        if (std::isdigit(static_cast<unsigned char>(text[i]))) {
            unit.reps = 0;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
                unit.reps = unit.reps * 10 + static_cast<size_t>(text[i++] - '0');
            unit.reps_given = true;
        }
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i < text.size() && text[i] == '/') {
            ++i;
            while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
                ++i;
            if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
                return fail_format(text);
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
                unit.byte_count = unit.byte_count * 10 + static_cast<size_t>(text[i++] - '0');
        }
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i >= text.size() || text[i] != '"')
            return fail_format(text);
        size_t start = ++i;
        while (i < text.size() && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < text.size())
                ++i;
            ++i;
        }
        if (i >= text.size())
            return fail_format(text);
        std::string body = unescape(text.substr(start, i - start));
        ++i;
        if (!split_pieces(body, unit))
            return false;
        format.push_back(std::move(unit));
    }
    return true;
}

// rewrite(): the last data unit of a short format string repeats to fill the block; a unit
// repeated more than once drops one trailing blank after its last repetition.
size_t finish_formats(std::vector<FormatString>& formats) {
    size_t block = 0;
    for (const FormatString& format : formats) {
        size_t size = 0;
        for (const Unit& unit : format)
            size += unit.size();
        block = std::max(block, size);
    }
    for (FormatString& format : formats) {
        size_t size = 0;
        for (const Unit& unit : format)
            size += unit.size();
        if (!format.empty()) {
            Unit& last = format.back();
            size_t unit_bytes = last.reps ? last.size() / last.reps : 0;
            if (size < block && !last.reps_given && unit_bytes)
                last.reps += (block - size) / unit_bytes;
        }
        for (Unit& unit : format) {
            if (unit.reps > 1 && !unit.pieces.empty()) {
                Piece& piece = unit.pieces.back();
                if (!piece.format.empty() && std::isspace(static_cast<unsigned char>(piece.format.back())))
                    piece.nospace = piece.format.size() - 1;
            }
        }
    }
    return block;
}

constexpr const char* k_control_names[] = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf",
                                           "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4", "nak",
                                           "syn", "etb", "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us"};

uint64_t load(const unsigned char* bytes, size_t size) {
    uint64_t value = 0;
    for (size_t i = 0; i < size; ++i)
        value |= uint64_t{bytes[i]} << (8 * i);
    return value;
}

class Printer final {
public:
    explicit Printer(Output& out) : m_out(out) {}
    void print(const Piece& piece, std::string_view format, const unsigned char* data, uint64_t address, bool blank) {
        std::string fmt(format);
        if (blank && piece.kind != Kind::text) {
            print_blank(fmt);
            return;
        }
        switch (piece.kind) {
        case Kind::text: emit(fmt, nullptr); break;
        case Kind::address:
        case Kind::end_address: emit(fmt, static_cast<long long>(address)); break;
        case Kind::signed_int: {
            uint64_t value = load(data, piece.bytes);
            int shift = static_cast<int>(64 - 8 * piece.bytes);
            emit(fmt, static_cast<long long>(value << shift) >> shift);
            break;
        }
        case Kind::unsigned_int: emit(fmt, static_cast<unsigned long long>(load(data, piece.bytes))); break;
        case Kind::floating: {
            uint64_t bits = load(data, piece.bytes);
            double value;
            if (piece.bytes == 4) {
                float single;
                uint32_t raw = static_cast<uint32_t>(bits);
                std::memcpy(&single, &raw, sizeof single);
                value = single;
            } else {
                std::memcpy(&value, &bits, sizeof value);
            }
            emit(fmt, value);
            break;
        }
        case Kind::character: emit(fmt, static_cast<int>(data[0])); break;
        case Kind::printable: emit(fmt, std::isprint(data[0]) ? static_cast<int>(data[0]) : '.'); break;
        case Kind::escaped: emit(fmt, escaped_text(data[0]).c_str()); break;
        case Kind::named: emit(fmt, named_text(data[0]).c_str()); break;
        case Kind::string: {
            std::string text(reinterpret_cast<const char*>(data), piece.bytes);
            emit(fmt, text.c_str());
            break;
        }
        }
    }

private:
    static std::string escaped_text(unsigned char c) {
        switch (c) {
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
        if (std::isprint(c))
            return std::string(1, static_cast<char>(c));
        char text[8];
        std::snprintf(text, sizeof text, "%03o", c);
        return text;
    }
    static std::string named_text(unsigned char c) {
        if (c < 32)
            return k_control_names[c];
        if (c == 127)
            return "del";
        if (c > 127) {
            char text[8];
            std::snprintf(text, sizeof text, "%02x", c);
            return text;
        }
        return std::string(1, static_cast<char>(c));
    }
    // bpad(): the conversion becomes %s of nothing, keeping its width, dropping its flags.
    void print_blank(std::string& fmt) {
        size_t percent = fmt.rfind('%');
        size_t i = percent + 1;
        while (i < fmt.size() && std::strchr(" -0+#", fmt[i]))
            ++i;
        size_t end = i;
        while (end < fmt.size() && (std::isdigit(static_cast<unsigned char>(fmt[end])) || fmt[end] == '.'))
            ++end;
        std::string spec = fmt.substr(i, end - i);
        size_t after = end;
        while (after < fmt.size() && std::isalpha(static_cast<unsigned char>(fmt[after])))
            ++after;
        std::string rewritten = fmt.substr(0, percent + 1) + spec + "s" + fmt.substr(after);
        emit(rewritten, "");
    }
    template <typename T>
    void emit(const std::string& fmt, T value) {
        char small[512];
        int length = std::snprintf(small, sizeof small, fmt.c_str(), value);
        if (length < 0)
            return;
        if (static_cast<size_t>(length) < sizeof small) {
            m_out.write(std::string_view(small, static_cast<size_t>(length)));
            return;
        }
        std::string big(static_cast<size_t>(length) + 1, '\0');
        std::snprintf(big.data(), big.size(), fmt.c_str(), value);
        big.resize(static_cast<size_t>(length));
        m_out.write(big);
    }
    void emit(const std::string& fmt, std::nullptr_t) {
        // Text only: '%%' is the one conversion it may hold.
        std::string text;
        for (size_t i = 0; i < fmt.size(); ++i) {
            text += fmt[i];
            if (fmt[i] == '%' && i + 1 < fmt.size() && fmt[i + 1] == '%')
                ++i;
        }
        m_out.write(text);
    }

    Output& m_out;
};

// The inputs as one stream; -s skips over whole files by their size when it can.
class Input final {
public:
    explicit Input(std::vector<std::string> names) : m_names(std::move(names)) {}
    ~Input() {
        if (m_fd > 0)
            ::close(m_fd);
    }
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    size_t read(unsigned char* buffer, size_t size) {
        size_t got = 0;
        while (got < size) {
            if (m_fd < 0 && !open_next())
                break;
            ssize_t count = ::read(m_fd, buffer + got, size - got);
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0) {
                if (count < 0)
                    report(errno);
                close_current();
                continue;
            }
            got += static_cast<size_t>(count);
        }
        return got;
    }
    // doskip(): moves past `skip` bytes (whole files by their size, then a seek), adding what
    // it passed to `address`; false after "Illegal seek" on a pipe.
    bool skip(uint64_t& skip, uint64_t& address) {
        while (skip > 0) {
            if (m_fd < 0 && !open_next())
                return true;
            struct stat info;
            if (::fstat(m_fd, &info) == 0 && S_ISREG(info.st_mode)) {
                uint64_t size = static_cast<uint64_t>(info.st_size);
                if (skip >= size) {
                    address += size;
                    skip -= size;
                    close_current();
                    continue;
                }
            }
            if (::lseek(m_fd, static_cast<off_t>(skip), SEEK_SET) < 0) {
                report(errno == ESPIPE ? ESPIPE : errno);
                return false;
            }
            address += skip;
            skip = 0;
        }
        return true;
    }
    bool ok() const { return m_ok; }
    bool all_failed() const { return m_failures == m_names.size(); }

private:
    bool open_next() {
        while (m_next < m_names.size()) {
            m_current = m_names[m_next++];
            // util-linux reads stdin only when no file is named; "-" is a file name.
            m_fd = m_current.empty() ? 0 : ::open(m_current.c_str(), O_RDONLY);
            if (m_fd >= 0)
                return true;
            ++m_failures;
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
        std::string name = m_current.empty() ? "stdin" : m_current;
        const char* reason = error == ESPIPE ? "Illegal seek" : strerror_gnu(error);
        write_all(2, std::string(k_program) + ": " + name + ": " + reason + "\n");
        m_ok = false;
    }

    std::vector<std::string> m_names;
    size_t m_next{0};
    size_t m_failures{0};
    std::string m_current;
    int m_fd{-1};
    bool m_ok{true};
};

struct Settings {
    std::vector<FormatString> formats;
    uint64_t skip{0};
    uint64_t length{UINT64_MAX};
    bool squeeze{true};
};

void display_block(const std::vector<FormatString>& formats, const std::vector<unsigned char>& block, uint64_t address,
                   uint64_t end, Printer& printer) {
    for (const FormatString& format : formats) {
        uint64_t at = address;
        const unsigned char* data = block.data();
        for (const Unit& unit : format) {
            if (unit.at_end)
                continue;
            for (size_t rep = unit.reps; rep > 0; --rep) {
                for (const Piece& piece : unit.pieces) {
                    std::string_view fmt = piece.format;
                    if (rep == 1 && piece.nospace != std::string::npos)
                        fmt = fmt.substr(0, piece.nospace);
                    printer.print(piece, fmt, data, at, at >= end);
                    size_t step = piece.bytes;
                    at += step;
                    data += step;
                }
            }
        }
    }
}

int run(Settings& settings, const std::vector<std::string>& names) {
    size_t block_size = finish_formats(settings.formats);
    Input input(names);
    Output out;
    Printer printer(out);
    uint64_t address = 0;
    uint64_t skip = settings.skip;
    if (!input.skip(skip, address))
        return 1;
    const Unit* end_unit = nullptr;
    for (const FormatString& format : settings.formats)
        for (const Unit& unit : format)
            if (unit.at_end)
                end_unit = &unit;
    uint64_t end_address = 0;
    bool have_end = false;
    uint64_t remaining = settings.length;
    std::vector<unsigned char> block(block_size + 16, 0), previous(block_size + 16, 0);
    bool first = true, waiting = false;
    while (block_size > 0 && remaining > 0) {
        size_t want = remaining < block_size ? static_cast<size_t>(remaining) : block_size;
        std::fill(block.begin(), block.end(), 0);
        size_t got = input.read(block.data(), want);
        remaining -= got;
        if (got == 0)
            break;
        if (got == block_size) {
            if (settings.squeeze && !first && std::equal(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(block_size), previous.begin())) {
                if (!waiting)
                    out.write("*\n");
                waiting = true;
                address += block_size;
                continue;
            }
            waiting = false;
            first = false;
            display_block(settings.formats, block, address, UINT64_MAX, printer);
            previous.swap(block);
            address += block_size;
            continue;
        }
        end_address = address + got;
        have_end = true;
        display_block(settings.formats, block, address, end_address, printer);
        address += block_size;
        break;
    }
    if (input.all_failed() && !names.empty()) {
        out.flush();
        write_all(2, std::string(k_program) + ": all input file arguments failed\n");
        return finish(out, k_program, 1);
    }
    if (end_unit != nullptr) {
        if (!have_end)
            end_address = address;
        if (end_address != 0 || have_end) {
            for (const Piece& piece : end_unit->pieces)
                printer.print(piece, piece.format, nullptr, end_address, false);
        }
    }
    return finish(out, k_program, input.ok() ? 0 : 1);
}

// strtosize(): a number (0x hex, 0 octal) and an optional K/M/G… suffix, "iB" or "B" after it.
bool parse_size(std::string_view text, uint64_t& value) {
    std::string copy(text);
    char* end = nullptr;
    errno = 0;
    unsigned long long parsed = std::strtoull(copy.c_str(), &end, 0);
    if (errno != 0 || end == copy.c_str() || copy[0] == '-')
        return false;
    std::string_view suffix(end);
    value = parsed;
    if (suffix.empty())
        return true;
    static constexpr std::string_view k_powers = "KMGTPEZY";
    size_t power = k_powers.find(static_cast<char>(std::toupper(static_cast<unsigned char>(suffix[0]))));
    if (power == std::string_view::npos)
        return false;
    std::string_view rest = suffix.substr(1);
    uint64_t unit = rest.empty() || rest == "iB" ? 1024 : rest == "B" ? 1000 : 0;
    if (unit == 0)
        return false;
    for (size_t i = 0; i <= power; ++i)
        value *= unit;
    return true;
}

bool add_format(Settings& settings, std::string_view text) {
    FormatString format;
    if (!parse_format(text, format))
        return false;
    settings.formats.push_back(std::move(format));
    return true;
}

}  // namespace

int hexdump_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "bcCde:f:L::n:os:vxhV", k_long_options);
    while (auto option = parser.next()) {
        bool ok = true;
        switch (option.id) {
        case 'b': ok = add_format(settings, R"("%07.7_Ax\n")") && add_format(settings, R"("%07.7_ax " 16/1 "%03o " "\n")"); break;
        case 'c': ok = add_format(settings, R"("%07.7_Ax\n")") && add_format(settings, R"("%07.7_ax " 16/1 "%3_c " "\n")"); break;
        case 'C':
            ok = add_format(settings, R"("%08.8_Ax\n")") &&
                 add_format(settings, R"("%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " )") &&
                 add_format(settings, R"("  |" 16/1 "%_p" "|\n")");
            break;
        case 'd': ok = add_format(settings, R"("%07.7_Ax\n")") && add_format(settings, R"("%07.7_ax " 8/2 "  %05u " "\n")"); break;
        case 'o': ok = add_format(settings, R"("%07.7_Ax\n")") && add_format(settings, R"("%07.7_ax " 8/2 " %06o " "\n")"); break;
        case 'x': ok = add_format(settings, R"("%07.7_Ax\n")") && add_format(settings, R"("%07.7_ax " 8/2 "   %04x " "\n")"); break;
        case 'e': ok = add_format(settings, option.argument); break;
        case 'f': {
            int fd = open_input(option.argument);
            if (fd < 0) {
                write_all(2, std::string(k_program) + ": can't read " + option.argument + ": " + strerror_gnu(errno) + "\n");
                return 1;
            }
            int error = 0;
            std::string text = read_all(fd, error);
            if (fd != 0)
                ::close(fd);
            size_t start = 0;
            while (ok && start < text.size()) {
                size_t end = text.find('\n', start);
                std::string_view line = std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
                size_t first = line.find_first_not_of(" \t");
                if (first != std::string_view::npos && line[first] != '#')
                    ok = add_format(settings, line);
                start = end == std::string::npos ? text.size() : end + 1;
            }
            break;
        }
        case 'L': break;
        case 'n':
            if (!parse_size(option.argument, settings.length)) {
                write_all(2, std::string(k_program) + ": failed to parse length: '" + option.argument + "': Invalid argument\n");
                return 1;
            }
            break;
        case 's':
            if (!parse_size(option.argument, settings.skip)) {
                write_all(2, std::string(k_program) + ": failed to parse offset: '" + option.argument + "': Invalid argument\n");
                return 1;
            }
            break;
        case 'v': settings.squeeze = false; break;
        case 'h': return print_usage(k_usage);
        case 'V': {
            Output out;
            out.write("hexdump from util-linux 2.38.1\n");
            return finish(out, k_program, 0);
        }
        default: return 1;
        }
        if (!ok)
            return 1;
    }
    if (settings.formats.empty()) {
        add_format(settings, R"("%07.7_Ax\n")");
        add_format(settings, R"("%07.7_ax " 8/2 "%04x " "\n")");
    }
    if (settings.length == 0)
        return 0;  // -n 0: util-linux reads nothing and prints nothing, not even the end address
    std::vector<std::string> names;
    for (auto operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("");  // stdin
    return run(settings, names);
}

}  // namespace toolbox
