# $? after builtins, functions and substitutions
f() { return 3; }
f; echo "$?"
echo "$(exit 4)" >/dev/null; echo "$?"
[ 1 = 2 ]; echo "$?"
