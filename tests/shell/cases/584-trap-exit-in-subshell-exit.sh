# exit inside ( ) runs the subshell's trap only
trap 'echo "main EXIT"' EXIT
( trap 'echo "sub EXIT"' EXIT; exit 3 )
echo "subshell status $?"
