#include "wasm/module_cache.h"

#include <functional>
#include <string_view>

namespace secure_exec::wasm {

// `hash` is computed only when the address is not known (and is left for the insert).
std::shared_ptr<v8::CompiledWasmModule> ModuleCache::find_locked(const std::shared_ptr<const std::string>& bytes,
                                                                 size_t& hash) {
    if (auto known = m_by_address.find(bytes.get()); known != m_by_address.end())
        return known->second->second.compiled;
    hash = std::hash<std::string_view>{}(*bytes);
    auto [first, last] = m_entries.equal_range(hash);
    for (auto it = first; it != last; ++it)
        if (*it->second.bytes == *bytes)
            return it->second.compiled;
    return nullptr;
}

v8::MaybeLocal<v8::WasmModuleObject> ModuleCache::module_for(v8::Isolate* isolate,
                                                             const std::shared_ptr<const std::string>& bytes) {
    size_t hash = 0;
    {
        std::lock_guard lock(m_mutex);
        if (auto compiled = find_locked(bytes, hash))
            return v8::WasmModuleObject::FromCompiledModule(isolate, *compiled);
    }
    auto span = v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
    v8::Local<v8::WasmModuleObject> module;
    if (!v8::WasmModuleObject::Compile(isolate, span).ToLocal(&module))
        return {};
    auto compiled = std::make_shared<v8::CompiledWasmModule>(module->GetCompiledModule());
    std::lock_guard lock(m_mutex);
    if (m_by_address.contains(bytes.get()))
        return module;  // another thread compiled the same image meanwhile
    auto entry = m_entries.emplace(hash, Entry{bytes, std::move(compiled)});
    m_order.push_back(entry);
    m_by_address.emplace(bytes.get(), entry);
    m_bytes += bytes->size();
    evict_locked();
    return module;
}

void ModuleCache::evict_locked() {
    while (m_order.size() > 1 && (m_bytes > m_max_bytes || m_order.size() > m_max_entries)) {
        auto oldest = m_order.front();
        m_order.pop_front();
        m_bytes -= oldest->second.bytes->size();
        m_by_address.erase(oldest->second.bytes.get());
        m_entries.erase(oldest);
    }
}

size_t ModuleCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

}  // namespace secure_exec::wasm
