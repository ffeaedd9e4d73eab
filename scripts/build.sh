#!/usr/bin/env bash
# Configures and builds one build tree: scripts/build.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache hits across clones in other folders (CI builds a fresh clone): hash relative paths.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
build_dir=${1:-build}
shift || true
# Configured every time (about a second when nothing changed) so the options given here apply.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
