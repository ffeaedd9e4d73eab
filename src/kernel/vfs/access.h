// access.h — Unix permission checks, modelled on Linux fs/namei.c generic_permission().
#pragma once

#include <secure_exec/error_or.h>
#include <secure_exec/fs_types.h>

namespace secure_exec::kernel {

// `wanted` is a mask of Access::read/write/execute bits. Root passes every check except execute
// of a file with no execute bit at all, as on Linux.
ErrorOr<void> check_access(const Credentials& credentials, const Stat& status, uint8_t wanted);

// Whether `credentials` may remove or rename `victim` out of `directory` (the sticky-bit rule of
// Linux may_delete(): in a sticky directory only the owner of the file or directory, or root).
ErrorOr<void> check_sticky(const Credentials& credentials, const Stat& directory, const Stat& victim);

}  // namespace secure_exec::kernel
