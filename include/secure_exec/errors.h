// errors.h — the one errno list of secure-exec.
//
// Every kernel syscall reports failure as an `Errno`. The list below is written once and generates
// the enum, the messages and the names; other layers (WASI, Node) build their translation tables
// from the same list. Values are the Linux numbers, so `-static_cast<int>(e)` is what Node reports
// as `err.errno` on Linux. Enumerators are lower-case because the upper-case names are <cerrno>
// macros.
#pragma once

#include <cstdint>
#include <string_view>

namespace secure_exec {

// X(name, linux_number, message)
#define SECURE_EXEC_ENUMERATE_ERRNOS(X)                                  \
    X(eperm, 1, "Operation not permitted")                               \
    X(enoent, 2, "No such file or directory")                            \
    X(esrch, 3, "No such process")                                       \
    X(eintr, 4, "Interrupted system call")                               \
    X(eio, 5, "Input/output error")                                      \
    X(enxio, 6, "No such device or address")                             \
    X(e2big, 7, "Argument list too long")                                \
    X(enoexec, 8, "Exec format error")                                   \
    X(ebadf, 9, "Bad file descriptor")                                   \
    X(echild, 10, "No child processes")                                  \
    X(eagain, 11, "Resource temporarily unavailable")                    \
    X(enomem, 12, "Cannot allocate memory")                              \
    X(eacces, 13, "Permission denied")                                   \
    X(efault, 14, "Bad address")                                         \
    X(ebusy, 16, "Device or resource busy")                              \
    X(eexist, 17, "File exists")                                         \
    X(exdev, 18, "Invalid cross-device link")                            \
    X(enodev, 19, "No such device")                                      \
    X(enotdir, 20, "Not a directory")                                    \
    X(eisdir, 21, "Is a directory")                                      \
    X(einval, 22, "Invalid argument")                                    \
    X(enfile, 23, "Too many open files in system")                       \
    X(emfile, 24, "Too many open files")                                 \
    X(enotty, 25, "Inappropriate ioctl for device")                      \
    X(etxtbsy, 26, "Text file busy")                                     \
    X(efbig, 27, "File too large")                                       \
    X(enospc, 28, "No space left on device")                             \
    X(espipe, 29, "Illegal seek")                                        \
    X(erofs, 30, "Read-only file system")                                \
    X(emlink, 31, "Too many links")                                      \
    X(epipe, 32, "Broken pipe")                                          \
    X(edom, 33, "Numerical argument out of domain")                      \
    X(erange, 34, "Numerical result out of range")                       \
    X(edeadlk, 35, "Resource deadlock avoided")                          \
    X(enametoolong, 36, "File name too long")                            \
    X(enolck, 37, "No locks available")                                  \
    X(enosys, 38, "Function not implemented")                            \
    X(enotempty, 39, "Directory not empty")                              \
    X(eloop, 40, "Too many levels of symbolic links")                    \
    X(enodata, 61, "No data available")                                  \
    X(etime, 62, "Timer expired")                                        \
    X(eoverflow, 75, "Value too large for defined data type")            \
    X(eilseq, 84, "Invalid or incomplete multibyte or wide character")   \
    X(enotsock, 88, "Socket operation on non-socket")                    \
    X(edestaddrreq, 89, "Destination address required")                  \
    X(emsgsize, 90, "Message too long")                                  \
    X(eprototype, 91, "Protocol wrong type for socket")                  \
    X(enoprotoopt, 92, "Protocol not available")                         \
    X(eprotonosupport, 93, "Protocol not supported")                     \
    X(eopnotsupp, 95, "Operation not supported")                         \
    X(eafnosupport, 97, "Address family not supported by protocol")      \
    X(eaddrinuse, 98, "Address already in use")                          \
    X(eaddrnotavail, 99, "Cannot assign requested address")              \
    X(enetdown, 100, "Network is down")                                  \
    X(enetunreach, 101, "Network is unreachable")                        \
    X(econnaborted, 103, "Software caused connection abort")             \
    X(econnreset, 104, "Connection reset by peer")                       \
    X(enobufs, 105, "No buffer space available")                         \
    X(eisconn, 106, "Transport endpoint is already connected")           \
    X(enotconn, 107, "Transport endpoint is not connected")              \
    X(etimedout, 110, "Connection timed out")                            \
    X(econnrefused, 111, "Connection refused")                           \
    X(ehostunreach, 113, "No route to host")                             \
    X(ealready, 114, "Operation already in progress")                    \
    X(einprogress, 115, "Operation now in progress")                     \
    X(estale, 116, "Stale file handle")                                  \
    X(edquot, 122, "Disk quota exceeded")                                \
    X(ecanceled, 125, "Operation canceled")

// A POSIX error number with its Linux value. Never zero: success is not an error.
enum class Errno : int32_t {
#define SECURE_EXEC_ERRNO_ENUM(name, number, message) name = number,
    SECURE_EXEC_ENUMERATE_ERRNOS(SECURE_EXEC_ERRNO_ENUM)
#undef SECURE_EXEC_ERRNO_ENUM
};

// "ENOENT" for Errno::enoent; "EUNKNOWN" for a value outside the list.
std::string_view errno_name(Errno error);

// "No such file or directory" for Errno::enoent, as glibc's strerror prints it.
std::string_view errno_message(Errno error);

// The Errno for a Linux errno number, or Errno::eio when the number is not in the list.
Errno errno_from_linux(int number);

constexpr int to_linux(Errno error) { return static_cast<int>(error); }

}  // namespace secure_exec
