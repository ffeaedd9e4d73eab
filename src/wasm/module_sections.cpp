#include "wasm/module_sections.h"

namespace secure_exec::wasm {

std::optional<uint32_t> read_leb(std::string_view bytes, size_t& at) {
    uint64_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (at >= bytes.size())
            return std::nullopt;
        auto byte = static_cast<uint8_t>(bytes[at++]);
        value |= uint64_t{byte & 0x7fu} << shift;
        if (!(byte & 0x80))
            return value <= UINT32_MAX ? std::optional<uint32_t>(static_cast<uint32_t>(value)) : std::nullopt;
    }
    return std::nullopt;
}

void write_leb(std::string& out, uint32_t value) {
    do {
        uint8_t byte = value & 0x7f;
        value >>= 7;
        out.push_back(static_cast<char>(value ? byte | 0x80 : byte));
    } while (value);
}

std::optional<std::string_view> custom_section(std::string_view module, std::string_view name) {
    constexpr size_t k_header = 8;
    size_t at = k_header;
    while (at < module.size()) {
        auto id = static_cast<uint8_t>(module[at++]);
        auto size = read_leb(module, at);
        if (!size || *size > module.size() - at)
            return std::nullopt;
        std::string_view payload = module.substr(at, *size);
        at += *size;
        if (id != 0)
            continue;
        size_t name_at = 0;
        auto name_length = read_leb(payload, name_at);
        if (!name_length || *name_length > payload.size() - name_at)
            return std::nullopt;
        if (payload.substr(name_at, *name_length) == name)
            return payload.substr(name_at + *name_length);
    }
    return std::nullopt;
}

}  // namespace secure_exec::wasm
