# each recursive call has its own locals
fib() {
  local n=$1 a b
  if [ "$n" -lt 2 ]; then result=$n; return; fi
  fib $((n - 1)); a=$result
  fib $((n - 2)); b=$result
  result=$((a + b))
}
for n in 0 1 2 10 15; do fib $n; echo "fib($n)=$result"; done
