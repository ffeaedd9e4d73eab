# enable -n turns builtins off and lists them; builtin refuses them; enable -s lists specials
enable -n let shift
enable -n
builtin let 1; echo "status $?"
let 1 2>/dev/null || echo "let is off"
type -t let; echo "status $?"
enable let
enable -n
enable shift
enable -n
let 1 && echo "let is back"
enable -s
enable -q 2>/dev/null; echo "status $?"
