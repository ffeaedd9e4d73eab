# the RETURN trap runs when a function returns
f() {
  trap 'echo "returning from f"; trap - RETURN' RETURN
  echo "in f"
}
f
echo "after f"
