// base64, as GNU coreutils: encode FILE (or stdin) wrapped at -w COLS (76; 0 for no wrapping),
// or decode it with -d (newlines skipped; -i also skips every byte outside the alphabet). Decoding
// mirrors gnulib base64.c decode_4(): a group that is malformed or cut short at the end still
// yields the bytes before the fault, then "invalid input" and status 1. Streams.
// applet: base64 base64_main
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

constexpr char k_program[] = "base64";

constexpr std::string_view k_usage =
    "Usage: base64 [OPTION]... [FILE]\n"
    "Base64 encode or decode FILE, or standard input, to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
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

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(unsigned char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

class Encoder final {
public:
    Encoder(Output& out, uint64_t wrap) : m_out(out), m_wrap(wrap) {}
    void add(std::string_view data) {
        for (char c : data) {
            m_group[m_count++] = static_cast<unsigned char>(c);
            if (m_count == 3)
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
    void emit_group() {
        unsigned bits = (m_group[0] << 16) | (m_count > 1 ? m_group[1] << 8 : 0) | (m_count > 2 ? m_group[2] : 0);
        emit_char(k_alphabet[(bits >> 18) & 63]);
        emit_char(k_alphabet[(bits >> 12) & 63]);
        emit_char(m_count > 1 ? k_alphabet[(bits >> 6) & 63] : '=');
        emit_char(m_count > 2 ? k_alphabet[bits & 63] : '=');
        m_count = 0;
    }

    Output& m_out;
    uint64_t m_wrap;
    uint64_t m_column{0};
    unsigned char m_group[3]{};
    int m_count{0};
};

// gnulib decode_4(): decodes `length` (<= 4) characters, writing what it can; false if malformed
// or incomplete.
bool decode_group(const unsigned char* in, int length, Output& out) {
    if (length < 2 || value_of(in[0]) < 0 || value_of(in[1]) < 0)
        return false;
    out.put(static_cast<char>((value_of(in[0]) << 2) | (value_of(in[1]) >> 4)));
    if (length == 2)
        return false;
    if (in[2] == '=') {
        return length == 4 && in[3] == '=';
    }
    if (value_of(in[2]) < 0)
        return false;
    out.put(static_cast<char>(((value_of(in[1]) << 4) & 0xf0) | (value_of(in[2]) >> 2)));
    if (length == 3)
        return false;
    if (in[3] == '=')
        return true;
    if (value_of(in[3]) < 0)
        return false;
    out.put(static_cast<char>(((value_of(in[2]) << 6) & 0xc0) | value_of(in[3])));
    return true;
}

// 0, or 1 after a message.
int decode(int fd, bool ignore_garbage, Output& out) {
    unsigned char group[4];
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
            if (count == 4) {
                count = 0;
                if (!decode_group(group, 4, out)) {
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

int base64_main(int argc, char** argv) {
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
