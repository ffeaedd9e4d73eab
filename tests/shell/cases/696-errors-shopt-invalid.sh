# shopt with an unknown option
shopt -s nosuchopt
echo "status $?"
shopt -q extglob
echo "extglob query status $?"
