#include "command_registry.h"

namespace secure_exec::kernel {

namespace {
constexpr std::string_view k_stub_prefix = "#!/bin/sh\n# secure-exec command: ";
}

void CommandRegistry::register_driver(Driver& driver) {
    MutexLocker lock(m_mutex);
    for (auto& name : driver.commands())
        m_commands.insert_or_assign(name, &driver);
}

Driver* CommandRegistry::find(std::string_view command) const {
    MutexLocker lock(m_mutex);
    auto it = m_commands.find(command);
    return it == m_commands.end() ? nullptr : it->second;
}

std::map<std::string, std::string> CommandRegistry::names() const {
    std::map<std::string, std::string> result;
    MutexLocker lock(m_mutex);
    for (const auto& [name, driver] : m_commands)
        result.emplace(name, std::string(driver->name()));
    return result;
}

std::vector<std::string> CommandRegistry::commands_of(const Driver& driver) const {
    std::vector<std::string> result;
    MutexLocker lock(m_mutex);
    for (const auto& [name, owner] : m_commands)
        if (owner == &driver)
            result.push_back(name);
    return result;
}

std::string command_stub(std::string_view command) {
    std::string stub(k_stub_prefix);
    stub.append(command);
    stub.push_back('\n');
    return stub;
}

std::string_view parse_command_stub(std::string_view header) {
    if (header.substr(0, k_stub_prefix.size()) != k_stub_prefix)
        return {};
    header.remove_prefix(k_stub_prefix.size());
    size_t end = header.find('\n');
    if (end == std::string_view::npos)
        return {};
    return header.substr(0, end);
}

}  // namespace secure_exec::kernel
