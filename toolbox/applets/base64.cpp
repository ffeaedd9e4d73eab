// base64, as GNU coreutils: encode FILE (or stdin) wrapped at -w COLS (76; 0 for no wrapping),
// or decode it with -d (newlines skipped; -i also skips every byte outside the alphabet). Decoding
// mirrors gnulib base64.c decode_4(): a group that is malformed or cut short at the end still
// yields the bytes before the fault, then "invalid input" and status 1. Streams; the options,
// wrapping and decoding loop are lib/base_codec's, shared with base32.
// applet: base64 base64_main
#include "applet.h"
#include "lib/base_codec.h"

namespace toolbox {

namespace {

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

void encode_group(const unsigned char* bytes, int count, char* chars) {
    unsigned bits = (bytes[0] << 16) | (count > 1 ? bytes[1] << 8 : 0) | (count > 2 ? bytes[2] : 0);
    chars[0] = k_alphabet[(bits >> 18) & 63];
    chars[1] = k_alphabet[(bits >> 12) & 63];
    chars[2] = count > 1 ? k_alphabet[(bits >> 6) & 63] : '=';
    chars[3] = count > 2 ? k_alphabet[bits & 63] : '=';
}

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

}  // namespace

int base64_main(int argc, char** argv) {
    static constexpr BaseCodec k_codec{"base64", k_usage, 3, 4, value_of, encode_group, decode_group};
    return base_codec_main(k_codec, argc, argv);
}

}  // namespace toolbox
