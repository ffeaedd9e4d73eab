# unset on a local reveals the global in bash
x=global
f() {
  local x=local
  unset x
  echo "after unset in f: [${x-unset}]"
}
f
g() {
  local x=local
  h
  echo "g after h: [${x-unset}]"
}
h() { unset x; }
g
echo "global: $x"
