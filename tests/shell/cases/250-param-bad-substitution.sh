# an invalid expansion is an error
echo before
echo "${x!y}"
echo "status $?"
