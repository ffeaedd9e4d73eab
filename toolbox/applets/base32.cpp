// base32, as GNU coreutils: encode FILE (or stdin) in RFC 4648 base32 wrapped at -w COLS (76;
// 0 for no wrapping), or decode it with -d (newlines skipped; -i also skips every byte outside
// the alphabet). Decoding mirrors gnulib base32.c decode_8(): a group of 8 that is malformed
// still yields the bytes before the fault, a group cut short yields nothing, then "invalid
// input" and status 1. Streams. The options, wrapping and decoding loop are
// lib/base_codec's, shared with base64.
// applet: base32 base32_main
#include <cstdint>

#include "applet.h"
#include "lib/base_codec.h"

namespace toolbox {

namespace {

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

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int value_of(unsigned char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

// 5 bytes (fewer at the end) as 8 characters, '=' for those that carry no input bits.
void encode_group(const unsigned char* bytes, int count, char* chars) {
    static constexpr int k_used_chars[6] = {0, 2, 4, 5, 7, 8};
    uint64_t bits = 0;
    for (int i = 0; i < 5; ++i)
        bits = (bits << 8) | (i < count ? bytes[i] : 0);
    for (int i = 0; i < 8; ++i)
        chars[i] = i < k_used_chars[count] ? k_alphabet[(bits >> (35 - 5 * i)) & 31] : '=';
}

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

}  // namespace

int base32_main(int argc, char** argv) {
    static constexpr BaseCodec k_codec{"base32", k_usage, 5, 8, value_of, encode_group, decode_group};
    return base_codec_main(k_codec, argc, argv);
}

}  // namespace toolbox
