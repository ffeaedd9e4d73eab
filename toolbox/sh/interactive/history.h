// history.h — the interactive shell's command history: kept in memory while the shell runs,
// loaded from HISTFILE (~/.bash_history) at start and written back at exit, as bash does.
// Thread safety: single-threaded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sh {

class History {
public:
    // Reads `path` (one entry a line); a missing file is an empty history.
    void load(const std::string& path);
    // Writes the last `keep` entries to `path`, replacing it. False when it cannot be written.
    bool save(const std::string& path, size_t keep) const;
    // Adds a command line; HISTCONTROL's ignorespace/ignoredups/ignoreboth apply.
    void add(std::string_view line, std::string_view control);
    // Keeps only the last `keep` entries (HISTSIZE).
    void trim(size_t keep);
    void clear() { m_entries.clear(); }

    const std::vector<std::string>& entries() const { return m_entries; }
    size_t size() const { return m_entries.size(); }
    // The number `history` shows for entries()[0]: entries dropped by trim() keep their numbers.
    size_t first_number() const { return m_dropped + 1; }

private:
    std::vector<std::string> m_entries;
    size_t m_dropped{0};
};

}  // namespace sh
