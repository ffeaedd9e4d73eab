# a bad operator reports what it expected
[ -q foo ]
echo "status $?"
[ a -xx b ]
echo "status $?"
