// base_codec.cpp — see base_codec.h. Mirrors GNU basenc's behaviour for base64 and base32:
// a malformed group still yields the bytes before the fault, then "invalid input" and status 1.
#include "lib/base_codec.h"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr LongOption k_long_options[] = {
    {"decode", Argument::none, 'd'},
    {"ignore-garbage", Argument::none, 'i'},
    {"wrap", Argument::required, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr int k_max_group = 8;

class Encoder final {
public:
    Encoder(const BaseCodec& codec, Output& out, uint64_t wrap) : m_codec(codec), m_out(out), m_wrap(wrap) {}
    void add(std::string_view data) {
        for (char c : data) {
            m_group[m_count++] = static_cast<unsigned char>(c);
            if (m_count == m_codec.group_bytes)
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
    void emit_group() {
        char chars[k_max_group];
        m_codec.encode_group(m_group, m_count, chars);
        for (int i = 0; i < m_codec.group_chars; ++i) {
            m_out.put(chars[i]);
            if (m_wrap > 0 && ++m_column == m_wrap) {
                m_out.put('\n');
                m_column = 0;
            }
        }
        m_count = 0;
    }

    const BaseCodec& m_codec;
    Output& m_out;
    uint64_t m_wrap;
    uint64_t m_column{0};
    unsigned char m_group[k_max_group]{};
    int m_count{0};
};

void read_error(const BaseCodec& codec, int error, Output& out) {
    out.flush();
    write_all(2, std::string(codec.program) + ": read error: " + strerror_gnu(error) + "\n");
}

// 0, or 1 after a message.
int decode(const BaseCodec& codec, int fd, bool ignore_garbage, Output& out) {
    unsigned char group[k_max_group];
    int count = 0;
    bool valid = true;
    int error = read_blocks(fd, [&](std::string_view block) {
        for (char raw : block) {
            unsigned char c = static_cast<unsigned char>(raw);
            if (c == '\n')
                continue;
            if (ignore_garbage && codec.value_of(c) < 0 && c != '=')
                continue;
            group[count++] = c;
            if (count == codec.group_chars) {
                count = 0;
                if (!codec.decode_group(group, codec.group_chars, out)) {
                    valid = false;
                    return false;
                }
            }
        }
        return !out.failed();
    });
    if (error != 0) {
        read_error(codec, error, out);
        return 1;
    }
    if (valid && count > 0)
        valid = codec.decode_group(group, count, out);
    if (!valid) {
        out.flush();
        write_all(2, std::string(codec.program) + ": invalid input\n");
        return 1;
    }
    return 0;
}

int encode(const BaseCodec& codec, int fd, uint64_t wrap, Output& out) {
    Encoder encoder(codec, out, wrap);
    int error = read_blocks(fd, [&](std::string_view block) {
        encoder.add(block);
        return !out.failed();
    });
    if (error != 0) {
        read_error(codec, error, out);
        return 1;
    }
    encoder.finish();
    return 0;
}

}  // namespace

int base_codec_main(const BaseCodec& codec, int argc, char** argv) {
    bool decoding = false;
    bool ignore_garbage = false;
    uint64_t wrap = 76;
    OptionParser parser(codec.program, argc, argv, "diw:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'd': decoding = true; break;
        case 'i': ignore_garbage = true; break;
        case 'w': {
            NumberStatus status = parse_decimal(option.argument, wrap);
            if (status == NumberStatus::invalid) {
                write_all(2, std::string(codec.program) + ": invalid wrap size: " + quote(option.argument) + "\n");
                return 1;
            }
            if (status == NumberStatus::overflow || wrap > INT64_MAX)
                wrap = 0;  // as GNU: too large to ever wrap
            break;
        }
        case k_help: return print_usage(codec.usage);
        case k_version: return print_version(codec.program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 1)
        return extra_operand(codec.program, operands[1]);
    std::string name = operands.empty() ? "-" : std::string(operands[0]);
    int fd = open_input(name);
    if (fd < 0) {
        write_all(2, std::string(codec.program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    Output out;
    int status = decoding ? decode(codec, fd, ignore_garbage, out) : encode(codec, fd, wrap, out);
    if (fd != 0)
        ::close(fd);
    return finish(out, codec.program, status);
}

}  // namespace toolbox
