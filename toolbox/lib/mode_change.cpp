#include "lib/mode_change.h"

#include <sys/stat.h>

namespace toolbox {

namespace {

constexpr mode_t k_all_bits = 07777;  // CHMOD_MODE_BITS
constexpr mode_t k_read = 0444, k_write = 0222, k_exec = 0111;

// A numeric mode: at most 07777, digits only. With fewer than five digits a directory keeps
// set-id bits the number does not set (coreutils chmod 8.x and later).
std::optional<std::vector<ModeChange>> compile_octal(std::string_view text) {
    mode_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '7')
            return std::nullopt;
        value = value * 8 + static_cast<mode_t>(c - '0');
        if (value > k_all_bits)
            return std::nullopt;
    }
    ModeChange change;
    change.op = '=';
    change.affected = k_all_bits;
    change.value = value;
    change.mentioned = text.size() < 5 ? (value & (S_ISUID | S_ISGID)) | S_ISVTX | 0777 : k_all_bits;
    return std::vector<ModeChange>{change};
}

}  // namespace

// Mirrors gnulib modechange.c mode_compile().
std::optional<std::vector<ModeChange>> compile_mode(std::string_view text) {
    if (!text.empty() && text[0] >= '0' && text[0] <= '7')
        return compile_octal(text);
    std::vector<ModeChange> changes;
    size_t i = 0;
    auto at = [&](size_t index) { return index < text.size() ? text[index] : '\0'; };
    while (true) {
        mode_t affected = 0;
        for (;; ++i) {
            char c = at(i);
            if (c == 'u')
                affected |= S_ISUID | 0700;
            else if (c == 'g')
                affected |= S_ISGID | 0070;
            else if (c == 'o')
                affected |= S_ISVTX | 0007;
            else if (c == 'a')
                affected |= k_all_bits;
            else if (c == '=' || c == '+' || c == '-')
                break;
            else
                return std::nullopt;
        }
        do {
            ModeChange change;
            change.op = at(i++);
            change.affected = affected;
            change.flag = ModeChange::copy_existing;
            switch (at(i)) {
            case 'u': change.value = 0700; ++i; break;
            case 'g': change.value = 0070; ++i; break;
            case 'o': change.value = 0007; ++i; break;
            default:
                change.flag = ModeChange::ordinary;
                for (bool more = true; more; ) {
                    switch (at(i)) {
                    case 'r': change.value |= k_read; ++i; break;
                    case 'w': change.value |= k_write; ++i; break;
                    case 'x': change.value |= k_exec; ++i; break;
                    case 'X': change.flag = ModeChange::x_if_any_x; ++i; break;
                    case 's': change.value |= S_ISUID | S_ISGID; ++i; break;
                    case 't': change.value |= S_ISVTX; ++i; break;
                    default: more = false;
                    }
                }
            }
            change.mentioned = affected ? affected & change.value : change.value;
            changes.push_back(change);
        } while (at(i) == '=' || at(i) == '+' || at(i) == '-');
        if (at(i) != ',')
            break;
        ++i;
    }
    if (i != text.size())
        return std::nullopt;
    return changes;
}

// Mirrors gnulib modechange.c mode_adjust().
mode_t adjust_mode(mode_t old_mode, bool directory, mode_t umask_value, const std::vector<ModeChange>& changes,
                   mode_t* changed_bits) {
    mode_t mode = old_mode & k_all_bits;
    mode_t bits = 0;
    for (const auto& change : changes) {
        mode_t omit = (directory ? S_ISUID | S_ISGID : 0) & ~change.mentioned;
        mode_t value = change.value;
        if (change.flag == ModeChange::copy_existing) {
            value &= mode;
            value |= ((value & k_read) ? k_read : 0) | ((value & k_write) ? k_write : 0) |
                     ((value & k_exec) ? k_exec : 0);
        } else if (change.flag == ModeChange::x_if_any_x) {
            if ((mode & k_exec) || directory)
                value |= k_exec;
        }
        value &= (change.affected ? change.affected : ~umask_value) & ~omit;
        switch (change.op) {
        case '=': {
            mode_t preserved = (change.affected ? ~change.affected : 0) | omit;
            bits |= k_all_bits & ~preserved;
            mode = (mode & preserved) | value;
            break;
        }
        case '+':
            bits |= value;
            mode |= value;
            break;
        case '-':
            bits |= value;
            mode &= ~value;
            break;
        }
    }
    if (changed_bits)
        *changed_bits = bits;
    return mode;
}

}  // namespace toolbox
