// signal_names.h — Linux's signal numbers and names (HUP..SYS, RTMIN..RTMAX) for applets that
// take a signal (kill, timeout): coreutils' str2sig/sig2str rules.
// Thread safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace toolbox {

inline constexpr int k_signal_max = 64;   // SIGRTMAX
inline constexpr int k_signal_rtmin = 34;  // SIGRTMIN as glibc reports it

// The signal's name without "SIG" ("TERM"), "RTMIN+N"/"RTMAX-N" for real-time ones; nullopt when
// the number names no signal (0 is "0" in coreutils' eyes only, so nullopt here too).
std::optional<std::string> signal_to_name(int number);
// A name without "SIG" (exact case: "TERM", "RTMIN+2") or a decimal number, as str2sig.
std::optional<int> name_to_signal(std::string_view name);
// The name of a classic signal 1-31 from Linux's table ("POLL" for 29), or nullopt.
std::optional<std::string_view> classic_signal_name(int number);

}  // namespace toolbox
