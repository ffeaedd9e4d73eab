# eval joins its arguments and runs them
eval echo hello world
cmd='echo "from a string"'
eval "$cmd"
eval 'x=5; y=$((x * 2))'
echo "x=$x y=$y"
