# command NAME skips functions and aliases
true() { echo "function true"; return 1; }
true
echo "status $?"
command true
echo "status $?"
