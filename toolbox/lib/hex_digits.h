// hex_digits.h — the value of a hexadecimal digit, for the escape decoders of echo, printf,
// sed, xxd and the shell's $'…' (C locale: ASCII digits and letters only).
// Thread safety: pure function.
#pragma once

namespace toolbox {

// 0-15, or -1 when `c` is not a hexadecimal digit.
constexpr int hex_digit_value(int c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace toolbox
