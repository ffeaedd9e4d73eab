# declare -f of an unknown function returns 1 silently
declare -f nosuch_function_xyz
echo "status $?"
