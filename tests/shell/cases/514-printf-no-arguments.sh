# printf without a format is a usage error
printf
echo "status $?"
