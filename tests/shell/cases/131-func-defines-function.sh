# a function can define another function
outer() { inner() { echo "inner defined by outer"; }; }
inner 2>/dev/null || echo "inner not yet defined"
outer
inner
