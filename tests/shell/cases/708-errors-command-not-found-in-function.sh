# a missing command inside a function reports the line
f() {
  echo "in f"
  nosuchcmd_in_f
}
f
echo "status $?"
