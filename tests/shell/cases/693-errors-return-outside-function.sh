# return at the top level of a script
return 3
echo "status $?"
