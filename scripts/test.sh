#!/usr/bin/env bash
# Builds and runs every test: the regular build, the kernel tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer, and a clang build that checks thread-safety annotations.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/setup.sh

echo "== clang build with -Wthread-safety (kernel library)"
scripts/build.sh build-clang -DCMAKE_CXX_COMPILER=clang++ -DSECURE_EXEC_BUILD_TESTS=OFF \
  -DSECURE_EXEC_BUILD_BENCH=OFF -DSECURE_EXEC_BUILD_EXAMPLES=OFF -DSECURE_EXEC_BUILD_TOOLBOX=OFF

echo "== sanitizer build (ASan + UBSan): kernel tests"
scripts/build.sh build-asan -DSECURE_EXEC_SANITIZE=ON -DSECURE_EXEC_BUILD_BENCH=OFF \
  -DSECURE_EXEC_BUILD_EXAMPLES=OFF -DSECURE_EXEC_BUILD_V8=OFF -DSECURE_EXEC_BUILD_TOOLBOX=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -L "kernel|shell"

echo "== regular build: all tests"
scripts/build.sh build
ctest --test-dir build --output-on-failure -j "$jobs"
