// open_flags.h — open(2), fcntl(2) and lseek(2) constants with their Linux x86-64 values.
// Guests and drivers pass these numbers unchanged; the kernel honours each one it lists.
#pragma once

#include <cstdint>

namespace secure_exec::flags {

// open(2)
constexpr int o_rdonly = 00;
constexpr int o_wronly = 01;
constexpr int o_rdwr = 02;
constexpr int o_accmode = 03;
constexpr int o_creat = 0100;
constexpr int o_excl = 0200;
constexpr int o_noctty = 0400;
constexpr int o_trunc = 01000;
constexpr int o_append = 02000;
constexpr int o_nonblock = 04000;
constexpr int o_dsync = 010000;
constexpr int o_directory = 0200000;
constexpr int o_nofollow = 0400000;
constexpr int o_cloexec = 02000000;
constexpr int o_sync = 04010000;
constexpr int o_path = 010000000;
constexpr int o_tmpfile = 020200000;
// Flags that F_SETFL may change; the rest of the status flags are fixed at open.
constexpr int k_setfl_mask = o_append | o_nonblock;

// fcntl(2)
constexpr int f_dupfd = 0;
constexpr int f_getfd = 1;
constexpr int f_setfd = 2;
constexpr int f_getfl = 3;
constexpr int f_setfl = 4;
constexpr int f_dupfd_cloexec = 1030;
constexpr int fd_cloexec = 1;

// lseek(2)
constexpr int seek_set = 0;
constexpr int seek_cur = 1;
constexpr int seek_end = 2;

// waitpid(2)
constexpr int wnohang = 1;
constexpr int wuntraced = 2;
constexpr int wcontinued = 8;

// renameat2(2)
constexpr unsigned rename_noreplace = 1;

// unlinkat(2), fstatat(2)
constexpr int at_removedir = 0x200;
constexpr int at_symlink_nofollow = 0x100;

}  // namespace secure_exec::flags
