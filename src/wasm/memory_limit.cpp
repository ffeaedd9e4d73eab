#include "wasm/memory_limit.h"

#include <optional>

#include "wasm/module_sections.h"

namespace secure_exec::wasm {

namespace {

constexpr uint8_t k_memory_section = 5;
constexpr uint8_t k_has_maximum = 0x01;
constexpr uint8_t k_known_flags = 0x03;  // has-maximum and shared; memory64 (0x04) is left alone

// The memory section's payload with each maximum capped; nullopt when it cannot be parsed.
std::optional<ErrorOr<std::string>> capped_memories(std::string_view payload, uint32_t max_pages) {
    size_t at = 0;
    auto count = read_leb(payload, at);
    if (!count)
        return std::nullopt;
    std::string out;
    write_leb(out, *count);
    for (uint32_t i = 0; i < *count; ++i) {
        if (at >= payload.size())
            return std::nullopt;
        auto flags = static_cast<uint8_t>(payload[at++]);
        auto minimum = read_leb(payload, at);
        std::optional<uint32_t> maximum;
        if (flags & k_has_maximum)
            maximum = read_leb(payload, at);
        if ((flags & ~k_known_flags) || !minimum || ((flags & k_has_maximum) && !maximum))
            return std::nullopt;
        if (*minimum > max_pages)
            return ErrorOr<std::string>(Errno::enomem);
        out.push_back(static_cast<char>(flags | k_has_maximum));
        write_leb(out, *minimum);
        write_leb(out, maximum && *maximum < max_pages ? *maximum : max_pages);
    }
    if (at != payload.size())
        return std::nullopt;
    return ErrorOr<std::string>(std::move(out));
}

}  // namespace

ErrorOr<std::string> with_memory_limit(std::string_view module, uint32_t max_pages) {
    constexpr size_t k_header = 8;  // "\0asm" and the version
    if (module.size() < k_header)
        return std::string(module);
    std::string out(module.substr(0, k_header));
    size_t at = k_header;
    while (at < module.size()) {
        size_t section_start = at;
        auto id = static_cast<uint8_t>(module[at++]);
        auto size = read_leb(module, at);
        if (!size || *size > module.size() - at)
            return std::string(module);
        std::string_view payload = module.substr(at, *size);
        at += *size;
        if (id != k_memory_section) {
            out.append(module.substr(section_start, at - section_start));
            continue;
        }
        auto capped = capped_memories(payload, max_pages);
        if (!capped)
            return std::string(module);
        if (capped->is_error())
            return capped->error();
        out.push_back(static_cast<char>(id));
        write_leb(out, static_cast<uint32_t>(capped->value().size()));
        out.append(capped->value());
    }
    return out;
}

}  // namespace secure_exec::wasm
