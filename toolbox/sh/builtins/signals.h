// signals.h — signal names and numbers (Linux's), for trap and kill.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sh {

// "INT", "SIGINT", "2", and trap's EXIT/ERR/RETURN/DEBUG pseudo-signals.
std::optional<int> signal_number(std::string_view name, bool allow_pseudo);
std::string signal_name(int number);  // "INT"; "EXIT" for 0

}  // namespace sh
