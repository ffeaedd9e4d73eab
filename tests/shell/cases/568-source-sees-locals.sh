# a file sourced in a function sees its locals
echo 'echo "sourced sees [$loc]"; loc=modified' > see.sh
f() { local loc=function-local; . ./see.sh; echo "f has [$loc]"; }
f
echo "global [${loc-unset}]"
