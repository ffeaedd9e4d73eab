#include "sh/command_hash.h"

#include <algorithm>

namespace sh {

namespace {

// bash keeps command paths in 256 buckets chosen by the 32-bit FNV-1 hash of the name; its
// listing walks the buckets in order.
uint32_t bucket_of(std::string_view name) {
    uint32_t hash = 2166136261u;
    for (unsigned char c : name) {
        hash *= 16777619u;
        hash ^= c;
    }
    return hash & 255u;
}

}  // namespace

void CommandHash::follow(std::string_view path_variable) {
    if (path_variable != m_path_variable) {
        m_entries.clear();
        m_path_variable = std::string(path_variable);
    }
}

const CommandHash::Entry* CommandHash::find(std::string_view name, std::string_view path_variable) {
    follow(path_variable);
    auto it = m_entries.find(name);
    return it == m_entries.end() ? nullptr : &it->second;
}

const CommandHash::Entry* CommandHash::lookup(std::string_view name, std::string_view path_variable) {
    follow(path_variable);
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        return nullptr;
    ++it->second.hits;
    return &it->second;
}

void CommandHash::record_run(const std::string& name, const std::string& path, std::string_view path_variable) {
    follow(path_variable);
    auto [it, added] = m_entries.try_emplace(name, Entry{name, path, 0, false, ++m_sequence});
    ++it->second.hits;
}

void CommandHash::remember(const std::string& name, const std::string& path, bool given,
                           std::string_view path_variable) {
    follow(path_variable);
    m_entries.insert_or_assign(name, Entry{name, path, 0, given, ++m_sequence});
}

bool CommandHash::forget(const std::string& name) { return m_entries.erase(name) > 0; }

std::vector<const CommandHash::Entry*> CommandHash::listing(std::string_view path_variable) {
    follow(path_variable);
    std::vector<const Entry*> entries;
    for (const auto& [name, entry] : m_entries)
        entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
        uint32_t bucket_a = bucket_of(a->name), bucket_b = bucket_of(b->name);
        return bucket_a != bucket_b ? bucket_a < bucket_b : a->sequence > b->sequence;
    });
    return entries;
}

}  // namespace sh
