# a function body can be a subshell
f() ( x=changed; echo "inside x=$x" )
x=orig
f
echo "outside x=$x"
