# four-argument tests with !
[ ! a = b ] && echo "! a = b"
[ ! ! a ] 2>/dev/null; echo "status $?"
[ ! -z "" ] || echo "! -z empty is false"
