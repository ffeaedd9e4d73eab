# return inside a loop leaves the function
find_first() {
  for w in "$@"; do
    if [ "$w" = target ]; then echo "found at $i"; return 0; fi
    i=$((i + 1))
  done
  return 1
}
i=0
find_first a b target c
find_first a b || echo "not found"
