# recursion through command substitution
fact() {
  if [ "$1" -le 1 ]; then echo 1; return; fi
  local sub
  sub=$(fact $(($1 - 1)))
  echo $(($1 * sub))
}
for n in 0 1 5 10 15; do echo "$n! = $(fact $n)"; done
