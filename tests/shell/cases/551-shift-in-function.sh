# shift in a function shifts only the function's arguments
f() { shift; echo "f: $*"; }
set -- a b c
f x y z
echo "script: $*"
