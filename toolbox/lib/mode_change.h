// mode_change.h — chmod-style modes, as gnulib modechange.c reads and applies them: octal
// ("755", "4755") or symbolic ("u+x,go-w", "a=rX", "g=u", "+t"), for chmod, mkdir -m,
// mkfifo -m and install -m.
//
//   auto changes = compile_mode("u+x,g-w");           // std::nullopt: invalid
//   mode_t mode = adjust_mode(old, is_dir, umask, *changes, nullptr);
//
// Thread safety: stateless.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string_view>
#include <vector>

namespace toolbox {

struct ModeChange {
    char op{'='};             // '=', '+' or '-'
    enum Flag { ordinary, copy_existing, x_if_any_x } flag{ordinary};
    mode_t affected{0};       // the bits WHO selects; 0 when no WHO was given (the umask applies)
    mode_t value{0};
    mode_t mentioned{0};      // bits the change names (octal modes keep a directory's set-id bits)
};

// The changes a mode string describes, or nullopt if it is not a valid mode.
std::optional<std::vector<ModeChange>> compile_mode(std::string_view text);
// The mode `old_mode` becomes; `changed_bits` (if not null) gets the bits the changes set or
// cleared (gnulib's mode_adjust()).
mode_t adjust_mode(mode_t old_mode, bool directory, mode_t umask_value, const std::vector<ModeChange>& changes,
                   mode_t* changed_bits);

}  // namespace toolbox
