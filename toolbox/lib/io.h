// io.h — what every applet does with descriptors: write all of a buffer, read a whole stream in
// blocks, open an operand ("-" is stdin). Errors as errno values, never exceptions.
// Thread safety: stateless.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace toolbox {

// Writes all of `data` to `fd`, retrying on EINTR; false (errno set) if it could not.
bool write_all(int fd, std::string_view data);
// Calls `block` for each chunk read from `fd` until EOF; returns 0 or the errno of a failed read.
// `block` returns false to stop early.
int read_blocks(int fd, const std::function<bool(std::string_view)>& block);
// The whole content of `fd`; `error` gets the errno of a failed read (0 otherwise).
std::string read_all(int fd, int& error);
// Opens an input operand: "-" is stdin (returned as 0, not to be closed). -1 with errno on failure.
int open_input(const std::string& path);

}  // namespace toolbox
