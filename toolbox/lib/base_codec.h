// base_codec.h — what base64 and base32 share: GNU's option handling (-d -i -w COLS, one FILE
// or stdin), the streaming encoder that wraps lines, and the decoding loop that skips newlines
// (and, with -i, bytes outside the alphabet), hands each full group to the codec and reports
// "invalid input" / "read error" as GNU does. A codec supplies its alphabet and group coders.
// Thread safety: stateless; each call owns its state.
#pragma once

#include <string_view>

#include "lib/output.h"

namespace toolbox {

struct BaseCodec {
    std::string_view program;
    std::string_view usage;
    int group_bytes;  // input bytes per group: 3 (base64), 5 (base32)
    int group_chars;  // characters per group: 4, 8
    // The value of an alphabet character, or -1.
    int (*value_of)(unsigned char c);
    // Writes group_chars characters (with '=' padding) for `count` (1..group_bytes) bytes.
    void (*encode_group)(const unsigned char* bytes, int count, char* chars);
    // Decodes `length` (<= group_chars) characters, writing what it can; false if malformed or
    // incomplete (gnulib's decode_4 / decode_8).
    bool (*decode_group)(const unsigned char* chars, int length, Output& out);
};

// The whole command: parses argv, encodes or decodes, returns the exit status.
int base_codec_main(const BaseCodec& codec, int argc, char** argv);

}  // namespace toolbox
