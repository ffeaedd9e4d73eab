# V8 from Debian's libnode (unpacked by scripts/setup-libnode.sh into third_party/libnode, or
# installed system-wide on machines without a conflicting node). Defines secure_exec::libnode.
set(SECURE_EXEC_LIBNODE_ROOT "${PROJECT_SOURCE_DIR}/third_party/libnode" CACHE PATH
  "Root of the unpacked libnode108 + libnode-dev packages ('/' when apt-installed)")
# Headers and library from the same root only: /usr/include/node may belong to another node
# (node 20's headers with libnode108 build, then every wasm call fails at run time).
find_path(LIBNODE_INCLUDE_DIR v8.h PATHS ${SECURE_EXEC_LIBNODE_ROOT}/usr/include/node NO_DEFAULT_PATH)
find_library(LIBNODE_LIBRARY NAMES libnode.so.108 node
  PATHS ${SECURE_EXEC_LIBNODE_ROOT}/usr/lib/x86_64-linux-gnu NO_DEFAULT_PATH)
if(NOT LIBNODE_INCLUDE_DIR OR NOT LIBNODE_LIBRARY)
  message(FATAL_ERROR "V8 (libnode-dev) not found under ${SECURE_EXEC_LIBNODE_ROOT}: run scripts/setup.sh")
endif()
add_library(secure_exec::libnode INTERFACE IMPORTED)
# V8's headers are treated as system headers: our warnings are for our code.
target_include_directories(secure_exec::libnode SYSTEM INTERFACE ${LIBNODE_INCLUDE_DIR})
target_link_libraries(secure_exec::libnode INTERFACE ${LIBNODE_LIBRARY} Threads::Threads)
get_filename_component(LIBNODE_LIBRARY_DIR ${LIBNODE_LIBRARY} DIRECTORY)
set(SECURE_EXEC_LIBNODE_LIBRARY_DIR ${LIBNODE_LIBRARY_DIR} CACHE INTERNAL "")
