# declare -f lays out compound commands, lists and redirections as bash does
f() {
  if [ "$1" ]; then echo one; elif [ "$2" ]; then echo two; else echo none; fi
  while false; do :; done; until true; do break; done
  for x in a "b c"; do echo "$x"; done; for y; do :; done
  for ((i = 0; i < 2; i++)); do echo $i; done; for ((;;)); do break; done
  select s in p q; do break; done
  case $1 in a|b) echo ab;; "c d") ;& *) echo any;;& esac
  [[ -n $1 && ( $2 == x* || ! -f /nonexistent ) ]] && (( n = 1 + 2 ))
  { echo g; echo h; } > /dev/null 2>&1; ( cd / ; pwd ) | cat
  a=(1   2 "3") b=x; echo $((1+2)) ${a[1]} "${b:-d}" <<< str
  ! false || echo no |& cat; echo bg & wait
  cat 3< /dev/null 0<> /dev/null >> /dev/null >| /dev/null <&0 2>&- >&2 &> /dev/null
}
declare -f f
g() ( echo sub ) > /dev/null
function h { echo h; }
typeset -f g h
type g
