#include "wasm/module_cache.h"

#include <functional>
#include <string_view>

namespace secure_exec::wasm {

v8::MaybeLocal<v8::WasmModuleObject> ModuleCache::module_for(v8::Isolate* isolate, const std::string& bytes) {
    size_t hash = std::hash<std::string_view>{}(bytes);
    {
        std::lock_guard lock(m_mutex);
        auto [first, last] = m_entries.equal_range(hash);
        for (auto it = first; it != last; ++it)
            if (it->second.bytes == bytes)
                return v8::WasmModuleObject::FromCompiledModule(isolate, *it->second.compiled);
    }
    auto span = v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    v8::Local<v8::WasmModuleObject> module;
    if (!v8::WasmModuleObject::Compile(isolate, span).ToLocal(&module))
        return {};
    auto compiled = std::make_shared<v8::CompiledWasmModule>(module->GetCompiledModule());
    std::lock_guard lock(m_mutex);
    m_order.push_back(m_entries.emplace(hash, Entry{bytes, std::move(compiled)}));
    m_bytes += bytes.size();
    evict_locked();
    return module;
}

void ModuleCache::evict_locked() {
    while (m_order.size() > 1 && (m_bytes > m_max_bytes || m_order.size() > m_max_entries)) {
        auto oldest = m_order.front();
        m_order.pop_front();
        m_bytes -= oldest->second.bytes.size();
        m_entries.erase(oldest);
    }
}

size_t ModuleCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

}  // namespace secure_exec::wasm
