# type prints a function's definition
greet() { echo "hi $1"; }
type greet
type -t greet
