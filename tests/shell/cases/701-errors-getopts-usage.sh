# getopts without arguments
getopts
echo "status $?"
