# trace prefix repeats for command substitution depth
set -x
x=$(echo inner)
echo "$x"
set +x
