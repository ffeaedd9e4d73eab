// command_hash.h — bash's table of remembered command paths, what `hash` shows and edits: each
// external command this shell itself ran (not a pipeline stage or $( ), which bash runs in a
// forked copy), where it was found and how often it ran since.
//
// The table lists in bash's order (its hash buckets, newest first within one) so `hash` prints
// what bash prints. It belongs to one PATH: when PATH changes, it empties (bash empties it on any
// assignment to PATH; this notices a changed value when it is next used).
// Thread safety: single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sh {

class CommandHash final {
public:
    struct Entry {
        std::string name;
        std::string path;
        int hits{0};
        bool given{false};     // hash -p: runs from there, not from where PATH finds it
        uint64_t sequence{0};  // when it was added: newer entries list first within a bucket
    };

    // The entry for `name` under PATH `path_variable`, or null.
    const Entry* find(std::string_view name, std::string_view path_variable);
    // The same as a search bash makes (type, hash -t): each one found counts a hit, as in bash.
    const Entry* lookup(std::string_view name, std::string_view path_variable);
    // A run of `name` found at `path`: adds it (one hit) or counts one more hit.
    void record_run(const std::string& name, const std::string& path, std::string_view path_variable);
    // hash NAME / hash -p PATH NAME (`given`): remembers it with no hits.
    void remember(const std::string& name, const std::string& path, bool given, std::string_view path_variable);
    bool forget(const std::string& name);
    void clear() { m_entries.clear(); }
    // Every entry in bash's listing order.
    std::vector<const Entry*> listing(std::string_view path_variable);

private:
    void follow(std::string_view path_variable);

    std::map<std::string, Entry, std::less<>> m_entries;
    std::string m_path_variable;
    uint64_t m_sequence{0};
};

}  // namespace sh
