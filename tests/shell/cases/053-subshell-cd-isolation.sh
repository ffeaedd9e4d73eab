# cd in a subshell does not move the parent
here=$PWD
(cd /; echo "inside: $PWD")
[ "$PWD" = "$here" ] && echo "parent did not move"
