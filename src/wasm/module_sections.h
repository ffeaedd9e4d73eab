// module_sections.h — reading a wasm binary's section structure: LEB128 numbers and custom
// sections (the toolbox lists its commands in one named "secure_exec_commands").
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace secure_exec::wasm {

// An unsigned LEB128 of at most 32 bits at `at`, which advances past it.
std::optional<uint32_t> read_leb(std::string_view bytes, size_t& at);
void write_leb(std::string& out, uint32_t value);

// The payload of the first custom section called `name`; nullopt if there is none or the
// binary is malformed.
std::optional<std::string_view> custom_section(std::string_view module, std::string_view name);

}  // namespace secure_exec::wasm
