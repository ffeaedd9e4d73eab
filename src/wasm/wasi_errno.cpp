#include "wasm/wasi_errno.h"

namespace secure_exec::wasm {

uint16_t to_wasi(Errno error) {
    switch (error) {
    case Errno::e2big: return 1;
    case Errno::eacces: return 2;
    case Errno::eaddrinuse: return 3;
    case Errno::eaddrnotavail: return 4;
    case Errno::eafnosupport: return 5;
    case Errno::eagain: return 6;
    case Errno::ealready: return 7;
    case Errno::ebadf: return 8;
    case Errno::ebusy: return 10;
    case Errno::ecanceled: return 11;
    case Errno::echild: return 12;
    case Errno::econnaborted: return 13;
    case Errno::econnrefused: return 14;
    case Errno::econnreset: return 15;
    case Errno::edeadlk: return 16;
    case Errno::edestaddrreq: return 17;
    case Errno::edom: return 18;
    case Errno::edquot: return 19;
    case Errno::eexist: return 20;
    case Errno::efault: return 21;
    case Errno::efbig: return 22;
    case Errno::ehostunreach: return 23;
    case Errno::eilseq: return 25;
    case Errno::einprogress: return 26;
    case Errno::eintr: return 27;
    case Errno::einval: return 28;
    case Errno::eio: return 29;
    case Errno::eisconn: return 30;
    case Errno::eisdir: return 31;
    case Errno::eloop: return 32;
    case Errno::emfile: return 33;
    case Errno::emlink: return 34;
    case Errno::emsgsize: return 35;
    case Errno::enametoolong: return 37;
    case Errno::enetdown: return 38;
    case Errno::enetunreach: return 40;
    case Errno::enfile: return 41;
    case Errno::enobufs: return 42;
    case Errno::enodev: return 43;
    case Errno::enoent: return 44;
    case Errno::enoexec: return 45;
    case Errno::enolck: return 46;
    case Errno::enomem: return 48;
    case Errno::enoprotoopt: return 50;
    case Errno::enospc: return 51;
    case Errno::enosys: return 52;
    case Errno::enotconn: return 53;
    case Errno::enotdir: return 54;
    case Errno::enotempty: return 55;
    case Errno::enotsock: return 57;
    case Errno::eopnotsupp: return 58;
    case Errno::enotty: return 59;
    case Errno::enxio: return 60;
    case Errno::eoverflow: return 61;
    case Errno::eperm: return 63;
    case Errno::epipe: return 64;
    case Errno::eprotonosupport: return 66;
    case Errno::eprototype: return 67;
    case Errno::erange: return 68;
    case Errno::erofs: return 69;
    case Errno::espipe: return 70;
    case Errno::esrch: return 71;
    case Errno::estale: return 72;
    case Errno::etimedout: return 73;
    case Errno::etxtbsy: return 74;
    case Errno::exdev: return 75;
    case Errno::enodata:
    case Errno::etime:
        return 29;  // no WASI counterpart: EIO
    }
    return 29;
}

}  // namespace secure_exec::wasm
