# export -f makes a function visible to child bash
greet() { echo "hello from exported function"; }
export -f greet
bash -c greet
