// command_registry.h — which driver runs which command name.
// A later registration of a name wins, as with upstream's mount order. Thread safety: m_mutex.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <secure_exec/driver.h>

#include "sync/mutex.h"

namespace secure_exec::kernel {

class CommandRegistry {
public:
    void register_driver(Driver& driver);
    Driver* find(std::string_view command) const;
    std::map<std::string, std::string> names() const;  // command → driver name
    std::vector<std::string> commands_of(const Driver& driver) const;

private:
    mutable Mutex m_mutex;
    std::map<std::string, Driver*, std::less<>> m_commands GUARDED_BY(m_mutex);
};

// The content of a /bin entry for a registered command. Copying the file keeps it runnable.
std::string command_stub(std::string_view command);
// The command named by a stub, or "" if `header` is not one.
std::string_view parse_command_stub(std::string_view header);

}  // namespace secure_exec::kernel
