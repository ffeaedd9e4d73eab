/* Debian's clang-rt-19 wasm32 builtins reference the stack protector, which the 2022 wasi-libc
 * lacks; a trap is the right failure for a smashed stack in a guest. */
unsigned long __stack_chk_guard = 0x5a5aa5a5UL;
void __stack_chk_fail(void) { __builtin_trap(); }
