// host_name.h — the sandbox's host name, as uname -n, hostname and friends print it: the
// kernel's /proc/sys/kernel/hostname (trailing newline dropped), "localhost" when unreadable.
// Thread safety: stateless.
#pragma once

#include <string>

namespace toolbox {

std::string host_name();

}  // namespace toolbox
