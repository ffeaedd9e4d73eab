# LINENO is the current line of the script
echo "line $LINENO"

echo "line $LINENO"
f() {
  echo "in f: line $LINENO"
}
f
echo "multi
line $LINENO"
