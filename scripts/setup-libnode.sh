#!/usr/bin/env bash
# V8 comes from Debian's libnode108/libnode-dev (Node 18's V8 10.2). They cannot be apt-installed
# next to the NodeSource node 20 these machines carry (libnode108 Conflicts: nodejs-legacy, which
# that node Provides), so the two packages are downloaded with apt and unpacked into
# third_party/libnode (git-ignored); only their runtime dependencies are apt-installed.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=third_party/libnode
if [ -f "$prefix/usr/include/node/v8.h" ] && [ -e "$prefix/usr/lib/x86_64-linux-gnu/libnode.so.108" ]; then
  exit 0
fi
echo "setup: unpacking Debian's libnode108 + libnode-dev into $prefix"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
(cd "$work" && apt-get download libnode108 libnode-dev >/dev/null 2>&1) || {
  apt-get update -qq && (cd "$work" && apt-get download libnode108 libnode-dev >/dev/null)
}
rm -rf "$prefix"
mkdir -p "$prefix"
for deb in "$work"/libnode*.deb; do dpkg-deb -x "$deb" "$prefix"; done
test -f "$prefix/usr/include/node/v8.h"
