# Cross-compiling the toolbox to wasm32-wasi with Debian's clang-19, lld-19, wasi-libc and
# libc++-19-dev-wasm32. Debian's wasm32-wasi include path ends with the host's /usr/include, so
# a missing wasi header would silently fall back to glibc's; a sysroot of two symlinks that holds
# only wasi-libc (and the wasm32 libc++ inside it) prevents that.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(WASI_SYSROOT ${CMAKE_BINARY_DIR}/wasi-sysroot)
file(MAKE_DIRECTORY ${WASI_SYSROOT}/include ${WASI_SYSROOT}/lib)
file(CREATE_LINK /usr/include/wasm32-wasi ${WASI_SYSROOT}/include/wasm32-wasi SYMBOLIC)
file(CREATE_LINK /usr/lib/wasm32-wasi ${WASI_SYSROOT}/lib/wasm32-wasi SYMBOLIC)
set(CMAKE_SYSROOT ${WASI_SYSROOT})
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_CXX_FLAGS_INIT "-fno-exceptions")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--strip-all")
