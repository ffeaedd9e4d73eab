// gnu_errors.h — error texts as glibc words them, which GNU tools print: wasi-libc's strerror()
// says "I/O error", "Not a tty", "Resource busy", "Symbolic link loop" where glibc says
// "Input/output error", "Inappropriate ioctl for device", "Device or resource busy", "Too many
// levels of symbolic links". Takes wasi-libc's errno values.
// Thread safety: stateless.
#pragma once

namespace toolbox {

const char* strerror_gnu(int error);

}  // namespace toolbox
