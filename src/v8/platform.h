// platform.h — the process-wide V8 platform.
//
// V8 allows one platform per process, initialised once and never torn down while isolates may
// exist, so this is the one deliberate global of the V8 layer. Flags that must be set before
// initialisation (the wasm memory cap: every WebAssembly.Memory would otherwise reserve 4-10 GiB
// of address space) are set here.
// Thread safety: initialise() is idempotent and thread-safe; platform() after it is immutable.
#pragma once

#include <v8-platform.h>

namespace secure_exec::v8_layer {

struct PlatformOptions {
    // Largest wasm memory any isolate may create, in 64 KiB pages (65536 = 4 GiB, wasm32's max).
    uint32_t max_wasm_memory_pages{16384};  // 1 GiB
};

// Initialises V8 once per process (later calls with other options are ignored).
v8::Platform& initialise_platform(const PlatformOptions& options = {});

// "10.2.154.26-node.37"
const char* engine_version();

}  // namespace secure_exec::v8_layer
