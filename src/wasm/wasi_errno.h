// wasi_errno.h — kernel Errno → WASI preview1 errno (wasi_snapshot_preview1 `errno` enum).
#pragma once

#include <cstdint>

#include <secure_exec/errors.h>

namespace secure_exec::wasm {

constexpr uint16_t k_wasi_success = 0;
constexpr uint16_t k_wasi_badf = 8;
constexpr uint16_t k_wasi_fault = 21;
constexpr uint16_t k_wasi_inval = 28;
constexpr uint16_t k_wasi_nosys = 52;

uint16_t to_wasi(Errno error);

}  // namespace secure_exec::wasm
