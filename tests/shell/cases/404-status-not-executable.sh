# a file without execute permission gives 126
: > plain.txt
./plain.txt
echo "status $?"
