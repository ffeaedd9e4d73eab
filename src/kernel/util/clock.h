// clock.h — the wall clock as file timestamps use it.
#pragma once

#include <ctime>

#include <secure_exec/fs_types.h>

namespace secure_exec::kernel {

inline Timespec now_realtime() {
    struct timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    return {now.tv_sec, now.tv_nsec};
}

}  // namespace secure_exec::kernel
