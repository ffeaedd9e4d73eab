# IFS set to newline splits lines but keeps spaces
IFS=$'\n'
lines=$(printf 'first line\nsecond  line\n')
for l in $lines; do echo "[$l]"; done
