// file_times.h — utimensat/futimens that work: Debian 12's wasi-libc (2022-05-10) reads only
// times[0] for UTIME_NOW/UTIME_OMIT and rejects them in times[1] with EINVAL (its
// utimens_get_timestamps always sets __WASI_FSTFLAGS_MTIM), so "touch -a", "touch" (both now)
// and cp -p of an omitted time fail. These call WASI's fd_/path_filestat_set_times directly.
// Both return 0, or -1 with errno set, as the libc calls do; UTIME_NOW and UTIME_OMIT work.
// Thread safety: stateless.
#pragma once

#include <ctime>

namespace toolbox {

int set_file_times(const char* path, const timespec times[2], bool follow_symlinks);
int set_fd_times(int fd, const timespec times[2]);

}  // namespace toolbox
