#!/usr/bin/env bash
# Installs every Debian package the build and tests need. Idempotent and non-interactive; when
# everything is present it only checks (well under a second).
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache pkg-config   # build
  libcli11-dev                              # the secure-exec command's options
  clang                                     # thread-safety analysis build (-Wthread-safety)
  libgtest-dev libgmock-dev                 # tests
  libvterm-dev                              # terminal tests render PTY output into a screen
  tree                                      # the oracle for the toolbox's tree (tests/coreutils)
  clang-19 lld-19 wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32  # toolbox
  libuv1 libicu72 libc-ares2 libnghttp2-14 libbrotli1 libssl3 zlib1g   # what libnode.so.108 links
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# V8 (Debian's libnode, unpacked locally; see the script for why).
"$(dirname "$0")/setup-libnode.sh"

# Third-party wasm32-wasi programs from npm, pinned by tests/third_party/package-lock.json.
"$(dirname "$0")/setup-npm.sh"
