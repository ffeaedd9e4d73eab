# an unknown conversion is an error
printf 'before%ylost\n' x
echo " status $?"
printf '%5k\n'
echo "status $?"
