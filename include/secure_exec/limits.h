// limits.h — resource budgets of one kernel. Exceeding one fails the guest operation with the
// errno Linux uses for it (EAGAIN, EMFILE, ENOSPC, ENAMETOOLONG, ELOOP), never the host.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secure_exec {

struct KernelLimits {
    // Live (not yet exited) processes; spawn fails with EAGAIN beyond it.
    uint32_t max_processes{1024};
    // Open descriptors per process; EMFILE beyond it.
    uint32_t max_fds_per_process{1024};
    // Bytes a pipe buffers before writers block (Linux's default pipe size).
    size_t pipe_capacity_bytes{65536};
    // Whole path length and single component length (PATH_MAX, NAME_MAX).
    size_t max_path_bytes{4096};
    size_t max_name_bytes{255};
    // Symlinks followed during one path resolution (Linux's MAXSYMLINKS).
    uint32_t max_symlink_hops{40};
    // dispose(): SIGTERM, wait this long, SIGKILL, wait kill_wait_ms.
    uint32_t dispose_grace_ms{1000};
    uint32_t kill_wait_ms{500};
};

}  // namespace secure_exec
