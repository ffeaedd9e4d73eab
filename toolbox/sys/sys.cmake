# The guest library: POSIX calls wasi-libc lacks, over the secure_exec import module. Included by
# every wasm32-wasi project of ours (the toolbox, the WASI test programs), each with its own build.
set(SX_SYS_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(sx_sys STATIC
  ${SX_SYS_DIR}/process.c
  ${SX_SYS_DIR}/descriptors.c
  ${SX_SYS_DIR}/terminal.c
  ${SX_SYS_DIR}/signals.c
  ${SX_SYS_DIR}/working_directory.c
  ${SX_SYS_DIR}/wasi_libc_fixes.c
  ${SX_SYS_DIR}/file_status.c
  ${SX_SYS_DIR}/creation.c)
target_include_directories(sx_sys PUBLIC ${SX_SYS_DIR}/include ${SX_SYS_DIR}/../../include)
# getpid is ours, and signal.h's numbers are Linux's, as the kernel's.
target_compile_definitions(sx_sys PUBLIC _WASI_EMULATED_GETPID _WASI_EMULATED_SIGNAL)
target_compile_options(sx_sys PRIVATE -O2 -Wall -Wextra -Werror)
# The constructor that syncs the working directory is compiled into each program (an archive
# member nothing refers to would be left out). The wrapped libc calls are listed with the files
# that wrap them; chdir is not wrapped because wasm-ld 19 mislinks a __real_ symbol that nothing
# else pulls from libc.a (the call goes to function 0), so sx_chdir is the kernel-aware chdir.
target_sources(sx_sys INTERFACE ${SX_SYS_DIR}/startup.c)
target_link_options(sx_sys INTERFACE -Wl,--wrap=linkat
  -Wl,--wrap=stat -Wl,--wrap=lstat -Wl,--wrap=fstat -Wl,--wrap=fstatat
  -Wl,--wrap=access -Wl,--wrap=faccessat
  -Wl,--wrap=open -Wl,--wrap=openat -Wl,--wrap=mkdir -Wl,--wrap=mkdirat)
