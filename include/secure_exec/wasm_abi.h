/* wasm_abi.h — the `secure_exec` import module: what WASI preview1 lacks, declared once for both
 * sides. The host (the WasmVM driver, C++) takes the module and function names from here; guests
 * (the toolbox, C or C++ compiled to wasm32-wasi) get the declarations. Every function returns 0
 * or a WASI errno. Plain C so either side can include it.
 *
 * Today: getcwd, so a guest starts in the kernel process's working directory (wasi-libc keeps its
 * own cwd, "/" by default). Process, pipe, dup and terminal calls for the shell follow. */
#ifndef SECURE_EXEC_WASM_ABI_H
#define SECURE_EXEC_WASM_ABI_H

#include <stdint.h>

#define SECURE_EXEC_ABI_MODULE "secure_exec"
#define SECURE_EXEC_ABI_GETCWD "getcwd"

#if defined(__wasm__)
#define SECURE_EXEC_IMPORT(name) __attribute__((import_module(SECURE_EXEC_ABI_MODULE), import_name(name)))
#ifdef __cplusplus
extern "C" {
#endif

/* Writes the working directory (no NUL) to buffer[0..capacity) and its length to *length.
 * ERANGE (68) when it does not fit; *length then says how much room is needed. */
SECURE_EXEC_IMPORT(SECURE_EXEC_ABI_GETCWD)
uint32_t secure_exec_getcwd(char* buffer, uint32_t capacity, uint32_t* length);

#ifdef __cplusplus
}
#endif
#endif /* __wasm__ */

#endif /* SECURE_EXEC_WASM_ABI_H */
