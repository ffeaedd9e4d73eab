// sums.h — what the checksum applets (sums.cpp: md5sum … b2sum, cksum) share between computing
// sums (sums_print.cpp) and checking lists of them (sums_check.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/output.h"

namespace toolbox {

// In cksum -a's order (its values are argmatch values).
enum class SumAlgorithm { bsd, sysv, crc, md5, sha1, sha224, sha256, sha384, sha512, blake2b, sm3 };

struct SumSettings {
    std::string_view program;
    SumAlgorithm algorithm{SumAlgorithm::crc};
    bool algorithm_specified{false};
    bool is_cksum{false};
    uint64_t digest_bits{512};  // BLAKE2b only
    int binary{-1};             // -1 unset, 0 text (-t), 1 binary (-b, --tag)
    bool tagged{false};
    char delimiter{'\n'};
    bool check{false};
    bool ignore_missing{false};
    bool quiet{false};
    bool status_only{false};
    bool strict{false};
    bool warn{false};
    // -c: whether the "HASH NAME" form is in use, remembered across lists as GNU does
    // (-1 not known yet, 0 no, 1 yes).
    int bsd_reversed{-1};
};

bool is_legacy(SumAlgorithm algorithm);
// The BSD tag: "MD5", "SHA256", "BLAKE2b", …
std::string_view algorithm_tag(SumAlgorithm algorithm);
// The digest's size in bits (BLAKE2b: its maximum, 512).
uint64_t algorithm_bits(SumAlgorithm algorithm);

// Hashes file `name` ("-" is stdin) with a digest algorithm into raw bytes. On failure returns
// false with `error` set; the caller words the message.
bool digest_file(SumAlgorithm algorithm, uint64_t bits, const std::string& name, std::string& digest, int& error);
// True when a name must be escaped in an output line (backslash, newline, CR).
bool needs_escape(std::string_view name);
// The name with \\, \n, \r written as escapes.
std::string escape_name(std::string_view name);

// Computes and prints one line for `name`; false after a diagnostic.
bool print_sum(SumSettings& settings, const std::string& name, bool named_operands, Output& out);
// Checks the list in file `name` (-c); false when anything failed.
bool check_list(SumSettings& settings, const std::string& name, Output& out);

}  // namespace toolbox
