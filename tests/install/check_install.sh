#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds the consumer project against it with
# find_package(secure_exec COMPONENTS kernel), runs it, and checks it links no JavaScript engine.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/tests/install/consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"
if ldd "$work/build/consumer" | grep -Eq 'libnode|libv8'; then
  echo "consumer of the kernel component links a JavaScript engine" >&2
  exit 1
fi
