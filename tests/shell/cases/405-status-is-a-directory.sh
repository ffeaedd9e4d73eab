# running a directory gives 126
/
echo "status $?"
./
echo "status $?"
