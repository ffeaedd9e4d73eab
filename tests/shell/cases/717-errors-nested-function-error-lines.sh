# messages carry the line of the failing command
f() {
  local x
  x=$(( 1 / 0 ))
  echo "after error in f"
}
f
echo "status $?"
