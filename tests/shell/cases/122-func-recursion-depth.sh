# deep recursion with a counter
depth() {
  if [ "$1" -eq 0 ]; then echo "bottom"; return 0; fi
  depth $(($1 - 1))
  return $(( $? + 0 ))
}
depth 200
echo "status $?"
