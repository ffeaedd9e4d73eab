// numbers.h — gnulib's xstrtoumax for option values: decimal digits after optional blanks and
// '+', then at most one multiplier suffix from the allowed set (b 512; k K 1024; m M 1024^2;
// G T P E Z Y; with '0' in the set, "KB"/"KD" mean powers of 1000 and "KiB" of 1024). A bare
// suffix ("k") counts as 1 of it, as in gnulib.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <string_view>

namespace toolbox {

enum class NumberStatus { ok, invalid, overflow };

// Parses `text` into `value`; on overflow `value` is UINT64_MAX.
NumberStatus parse_count(std::string_view text, std::string_view suffixes, uint64_t& value);
// Plain decimal with optional leading '+' and blanks, no suffix (as xstrtoumax with no suffixes).
NumberStatus parse_decimal(std::string_view text, uint64_t& value);

}  // namespace toolbox
