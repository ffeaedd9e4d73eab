# the ERR trap runs after a failing simple command
trap 'echo "ERR trap: status $? at line $LINENO"' ERR
true
false
echo "after false"
if false; then :; fi
false || true
echo "conditions do not trigger it"
