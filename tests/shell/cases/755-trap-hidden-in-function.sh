# a function without set -E/-T does not see ERR, DEBUG or RETURN traps; one it sets itself stays
trap 'echo "err trap"' ERR
trap 'echo "return trap"' RETURN
f() {
  trap -p ERR RETURN
  echo "in f"
}
f
echo "after f: $?"
trap - ERR RETURN
g() { trap 'echo "g err: $BASH_COMMAND"' ERR; false; }
g
false
h() { trap - ERR; false; }
h
