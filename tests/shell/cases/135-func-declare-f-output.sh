# declare -f prints a function's normalized definition
f() { echo "a"; if true; then echo b; fi; for i in 1 2; do echo $i; done; }
declare -f f
g() { local x=1; echo $((x + 1)) | cat; }
declare -f g
