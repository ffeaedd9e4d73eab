# exit inside $( ) ends only the substitution
x=$(echo before; exit 3; echo after)
echo "x=$x status=$?"
echo "script continues"
