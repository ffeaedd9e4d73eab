// module_cache.h — compiled wasm modules, shared across isolates, keyed by content.
// A binary is compiled once per host process; later spawns turn the cached native code into a
// module object of their own isolate (WasmModuleObject::FromCompiledModule), which is cheap.
// Bytes are shared, not copied: the toolbox image is one string for the whole process, found by
// its address before any hashing.
// Thread safety: m_mutex guards the map; two first spawns of one binary may both compile (the
// second result is dropped), which is cheaper than holding the lock across a compile.
#pragma once

#include <v8.h>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace secure_exec::wasm {

class ModuleCache {
public:
    // Binaries come from guests too, so the cache is bounded: past the budget the entries cached
    // first are dropped (a module object already made from one stays valid).
    explicit ModuleCache(size_t max_bytes = size_t{512} << 20, size_t max_entries = 64)
        : m_max_bytes(max_bytes), m_max_entries(max_entries) {}

    // A module object for `isolate`, compiling `bytes` the first time they are seen. Empty on a
    // compile error (which is left in `try_catch` by the caller's TryCatch).
    v8::MaybeLocal<v8::WasmModuleObject> module_for(v8::Isolate* isolate, const std::shared_ptr<const std::string>& bytes);
    size_t size() const;

private:
    struct Entry {
        std::shared_ptr<const std::string> bytes;  // compared in full: the hash only narrows the search
        std::shared_ptr<v8::CompiledWasmModule> compiled;
    };
    using Entries = std::multimap<size_t, Entry>;
    std::shared_ptr<v8::CompiledWasmModule> find_locked(const std::shared_ptr<const std::string>& bytes, size_t& hash);
    void evict_locked();

    const size_t m_max_bytes;
    const size_t m_max_entries;
    mutable std::mutex m_mutex;
    Entries m_entries;
    std::map<const std::string*, Entries::iterator> m_by_address;  // entries whose bytes are shared
    std::deque<Entries::iterator> m_order;  // insertion order, for eviction
    size_t m_bytes{0};
};

}  // namespace secure_exec::wasm
