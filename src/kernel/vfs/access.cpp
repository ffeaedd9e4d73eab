#include "vfs/access.h"

namespace secure_exec::kernel {

ErrorOr<void> check_access(const Credentials& credentials, const Stat& status, uint8_t wanted) {
    constexpr uint8_t execute = static_cast<uint8_t>(Access::execute);
    if (credentials.is_root()) {
        bool any_execute = (status.permissions & 0111) != 0;
        if ((wanted & execute) && !status.is_directory() && !any_execute)
            return Errno::eacces;
        return {};
    }
    uint32_t bits = status.permissions;
    uint32_t granted;
    if (credentials.uid == status.uid)
        granted = (bits >> 6) & 7;
    else if (credentials.gid == status.gid)
        granted = (bits >> 3) & 7;
    else
        granted = bits & 7;
    if ((wanted & granted) != wanted)
        return Errno::eacces;
    return {};
}

ErrorOr<void> check_sticky(const Credentials& credentials, const Stat& directory, const Stat& victim) {
    if (!(directory.permissions & k_sticky_bit) || credentials.is_root())
        return {};
    if (credentials.uid == victim.uid || credentials.uid == directory.uid)
        return {};
    return Errno::eperm;
}

}  // namespace secure_exec::kernel
