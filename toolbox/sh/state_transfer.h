// state_transfer.h — what a forked shell would share with its parent, as bytes: variables (with
// attributes and arrays), functions (as source text), options, positional parameters, $?, $$,
// aliases and ignored traps. The parent writes it to a pipe; the child shell reads it first.
// Thread safety: pure functions over the Shell passed in.
#pragma once

#include <string>
#include <string_view>

#include "sh/shell.h"

namespace sh {

// The descriptor a child shell reads its state from (bash keeps its script on 255 too).
constexpr int k_state_fd = 255;

std::string serialize_state(const Shell& shell);
// Restores into a fresh shell; false if the bytes are malformed.
bool restore_state(Shell& shell, std::string_view bytes);

}  // namespace sh
