// sort_keys.h — GNU sort's ordering in the C locale: key fields (-k POS1[,POS2] with -t or
// blank-separated fields), the per-key orders (-n -g -h -M -V -R, plain bytes), the modifiers
// (-b -d -f -i -r), and the last-resort comparison of whole lines (off with -s and -u).
// Mirrors coreutils sort.c begfield(), limfield(), keycompare() and compare().
//
//   SortOrder order;                      // filled by parse_key() and the global options
//   int c = compare_lines(order, a, b);   // lines without their delimiter
//
// Thread safety: a SortOrder is immutable once sorting starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace toolbox {

// Which comparison a key uses; several may be asked for (GNU rejects most pairs, see
// incompatible_letters(), but allows R and V together, R winning).
enum KeyOrder : uint8_t {
    k_order_numeric = 1,
    k_order_general_numeric = 2,
    k_order_human_numeric = 4,
    k_order_month = 8,
    k_order_random = 16,
    k_order_version = 32,
};
enum class KeyIgnore : uint8_t { none, nondictionary, nonprinting };

inline constexpr size_t k_whole_line = static_cast<size_t>(-1);

struct SortKey {
    size_t start_field{k_whole_line};  // 0-based; k_whole_line: the line's start
    size_t start_char{0};              // 0-based offset in the start field
    size_t end_field{k_whole_line};    // 0-based; k_whole_line: the line's end
    size_t end_char{0};                // 1-based last char in the end field; 0: the whole field
    bool skip_start_blanks{false};     // b on POS1
    bool skip_end_blanks{false};       // b on POS2
    KeyIgnore ignore{KeyIgnore::none};
    bool fold{false};
    bool reverse{false};
    uint8_t orders{0};  // KeyOrder bits; 0 is plain byte order
    // Whether any ordering option was given for this key (else it takes the global ones).
    bool has_options() const;
};

struct SortOrder {
    std::vector<SortKey> keys;
    int tab{-1};  // the -t byte, or -1 for blank-separated fields
    bool stable{false};
    bool unique{false};
    bool reverse{false};  // global -r: also reverses the last-resort comparison
    uint64_t random_salt{0};
};

// Parses a -k value into `key`; on error returns GNU's message ("field number is zero: invalid
// field specification '0'"), else an empty string.
std::string parse_key(std::string_view spec, SortKey& key);
// Applies one ordering letter (b d f g h i M n R r V) to `key`; false if it is not one.
// `end` says whether it follows POS2 (b then skips blanks at the key's end).
bool apply_order_letter(char letter, SortKey& key, bool end);
// The letters of a key's incompatible options, as GNU prints them ("-gn"), or "" when compatible.
std::string incompatible_letters(const SortKey& key);

// <0, 0, >0 comparing two lines (without delimiters) by the keys, then the last resort.
int compare_lines(const SortOrder& order, std::string_view a, std::string_view b);
// Whether two lines are equal for -u (keys only; the whole line when there are no keys).
inline bool same_for_unique(const SortOrder& order, std::string_view a, std::string_view b) {
    return compare_lines(order, a, b) == 0;
}

}  // namespace toolbox
