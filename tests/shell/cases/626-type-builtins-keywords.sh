# type describes builtins and keywords
type echo
type cd
type if
type '[['
type -t echo
type -t while
