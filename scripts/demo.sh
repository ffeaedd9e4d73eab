#!/usr/bin/env bash
# The main job: builds secure-exec and runs the kernel demo (two processes talking through a
# pipe, a signal, a denied access).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build
exec build/examples/kernel_demo "$@"
