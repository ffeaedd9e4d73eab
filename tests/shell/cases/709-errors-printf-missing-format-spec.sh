# printf with an incomplete specifier
printf '%'
echo "status $?"
