# telling unset from empty with ${x+set}
check() {
  if [ -z "${1+x}" ]; then echo "unset"; elif [ -z "$1" ]; then echo "empty"; else echo "set: $1"; fi
}
unset v; check ${v+"$v"}
v=; check ${v+"$v"}
v=val; check ${v+"$v"}
