# Warnings for the project's own targets (not for third-party code).
function(secure_exec_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wnon-virtual-dtor -Wimplicit-fallthrough
    -Wno-missing-field-initializers)  # designated initializers leave defaulted members out on purpose
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports -Wrestrict false positives inside std::string appends (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wshadow=local -Wno-restrict)
  endif()
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${target} PRIVATE -Wshadow-uncaptured-local -Wthread-safety)
  endif()
  if(SECURE_EXEC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
