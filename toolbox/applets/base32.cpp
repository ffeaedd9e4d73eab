// base32, as GNU coreutils: encode FILE (or stdin) in RFC 4648 base32 wrapped at -w COLS (76;
// 0 for no wrapping), or decode it with -d (newlines skipped; -i also skips every byte outside
// the alphabet). Decoding mirrors gnulib base32.c decode_8(): a group of 8 that is malformed
// still yields the bytes before the fault, a group cut short yields nothing, then "invalid
// input" and status 1. Streams. The option handling and stream loop follow base64.cpp.
// applet: base32 base32_main
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "base32";

constexpr std::string_view k_usage =
    "Usage: base32 [OPTION]... [FILE]\n"
    "Base32 encode or decode FILE, or standard input, to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -d, --decode          decode data\n"
    "  -i, --ignore-garbage  when decoding, ignore non-alphabet characters\n"
    "  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).\n"
    "                          Use 0 to disable line wrapping\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"decode", Argument::none, 'd'},
    {"ignore-garbage", Argument::none, 'i'},
    {"wrap", Argument::required, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int value_of(unsigned char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

class Encoder final {
public:
    Encoder(Output& out, uint64_t wrap) : m_out(out), m_wrap(wrap) {}
    void add(std::string_view data) {
        for (char c : data) {
            m_group[m_count++] = static_cast<unsigned char>(c);
            if (m_count == 5)
                emit_group();
        }
    }
    void finish() {
        if (m_count > 0)
            emit_group();
        if (m_wrap > 0 && m_column > 0)
            m_out.put('\n');
    }

private:
    void emit_char(char c) {
        m_out.put(c);
        if (m_wrap > 0 && ++m_column == m_wrap) {
            m_out.put('\n');
            m_column = 0;
        }
    }
    // 5 bytes (fewer at the end) as 8 characters, '=' for those that carry no input bits.
    void emit_group() {
        static constexpr int k_used_chars[6] = {0, 2, 4, 5, 7, 8};
        uint64_t bits = 0;
        for (int i = 0; i < 5; ++i)
            bits = (bits << 8) | (i < m_count ? m_group[i] : 0);
        for (int i = 0; i < 8; ++i)
            emit_char(i < k_used_chars[m_count] ? k_alphabet[(bits >> (35 - 5 * i)) & 31] : '=');
        m_count = 0;
    }

    Output& m_out;
    uint64_t m_wrap;
    uint64_t m_column{0};
    unsigned char m_group[5]{};
    int m_count{0};
};

// gnulib decode_8(): decodes `length` (<= 8) characters, writing what it can; false if malformed
// or incomplete (a short group writes nothing).
bool decode_group(const unsigned char* in, int length, Output& out) {
    if (length < 8)
        return false;
    auto v = [&](int i) { return static_cast<unsigned>(value_of(in[i])); };
    auto valid = [&](int i) { return value_of(in[i]) >= 0; };
    auto padded_from = [&](int i) {
        for (; i < 8; ++i)
            if (in[i] != '=')
                return false;
        return true;
    };
    if (!valid(0) || !valid(1))
        return false;
    out.put(static_cast<char>((v(0) << 3) | (v(1) >> 2)));
    if (in[2] == '=')
        return padded_from(3);
    if (!valid(2) || !valid(3))
        return false;
    out.put(static_cast<char>((v(1) << 6) | (v(2) << 1) | (v(3) >> 4)));
    if (in[4] == '=')
        return padded_from(5);
    if (!valid(4))
        return false;
    out.put(static_cast<char>((v(3) << 4) | (v(4) >> 1)));
    if (in[5] == '=')
        return padded_from(6);
    if (!valid(5) || !valid(6))
        return false;
    out.put(static_cast<char>((v(4) << 7) | (v(5) << 2) | (v(6) >> 3)));
    if (in[7] == '=')
        return true;
    if (!valid(7))
        return false;
    out.put(static_cast<char>((v(6) << 5) | v(7)));
    return true;
}

// 0, or 1 after a message.
int decode(int fd, bool ignore_garbage, Output& out) {
    unsigned char group[8];
    int count = 0;
    bool valid = true;
    int error = read_blocks(fd, [&](std::string_view block) {
        for (char raw : block) {
            unsigned char c = static_cast<unsigned char>(raw);
            if (c == '\n')
                continue;
            if (ignore_garbage && value_of(c) < 0 && c != '=')
                continue;
            group[count++] = c;
            if (count == 8) {
                count = 0;
                if (!decode_group(group, 8, out)) {
                    valid = false;
                    return false;
                }
            }
        }
        return !out.failed();
    });
    if (error != 0) {
        out.flush();
        write_all(2, std::string(k_program) + ": read error: " + strerror_gnu(error) + "\n");
        return 1;
    }
    if (valid && count > 0)
        valid = decode_group(group, count, out);
    if (!valid) {
        out.flush();
        write_all(2, std::string(k_program) + ": invalid input\n");
        return 1;
    }
    return 0;
}

}  // namespace

int base32_main(int argc, char** argv) {
    bool decoding = false;
    bool ignore_garbage = false;
    uint64_t wrap = 76;
    OptionParser parser(k_program, argc, argv, "diw:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'd': decoding = true; break;
        case 'i': ignore_garbage = true; break;
        case 'w': {
            NumberStatus status = parse_decimal(option.argument, wrap);
            if (status == NumberStatus::invalid) {
                write_all(2, std::string(k_program) + ": invalid wrap size: " + quote(option.argument) + "\n");
                return 1;
            }
            if (status == NumberStatus::overflow || wrap > INT64_MAX)
                wrap = 0;  // as GNU: too large to ever wrap
            break;
        }
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 1)
        return extra_operand(k_program, operands[1]);
    std::string name = operands.empty() ? "-" : std::string(operands[0]);
    int fd = open_input(name);
    if (fd < 0) {
        write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    Output out;
    int status = 0;
    if (decoding) {
        status = decode(fd, ignore_garbage, out);
    } else {
        Encoder encoder(out, wrap);
        int error = read_blocks(fd, [&](std::string_view block) {
            encoder.add(block);
            return !out.failed();
        });
        if (error != 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": read error: " + strerror_gnu(error) + "\n");
            status = 1;
        } else {
            encoder.finish();
        }
    }
    if (fd != 0)
        ::close(fd);
    return finish(out, k_program, status);
}

}  // namespace toolbox
