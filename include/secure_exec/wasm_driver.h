// wasm_driver.h — the WasmVM driver: runs wasm32-wasi (preview1) programs as kernel processes,
// each on its own thread in its own V8 isolate, with WASI implemented over kernel syscalls.
//
//   WasmDriverOptions options;
//   options.toolbox_path = "build/toolbox/toolbox.wasm";   // its applets become commands
//   MUST(kernel->mount(make_wasm_driver(options)));
//   auto process = MUST(kernel->spawn("echo", {"hello"}, {}));
//
// Any file in the VFS that starts with "\0asm" runs by path too. Compiled modules are cached by
// content and shared across isolates, so a second spawn of the same binary only instantiates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/driver.h>

namespace secure_exec {

struct WasmDriverOptions {
    // Host path of the toolbox multicall binary; its applets become commands. Empty: none.
    std::string toolbox_path;
    // Command names to register for the toolbox. Empty (the default): the names the toolbox lists
    // in its "secure_exec_commands" custom section, i.e. every applet it has.
    std::vector<std::string> toolbox_commands;
    // Per-process limits: the V8 heap and ArrayBuffers; wasm linear memory (memory.grow, and so
    // malloc, fails past it; a module whose minimum is larger cannot run); CPU time (0: unlimited).
    size_t heap_limit_bytes{256u << 20};
    size_t memory_limit_bytes{256u << 20};
    uint64_t cpu_limit_ms{0};
};

std::shared_ptr<Driver> make_wasm_driver(WasmDriverOptions options);

}  // namespace secure_exec
