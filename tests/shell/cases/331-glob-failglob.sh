# failglob makes a non-matching pattern an error
shopt -s failglob
: > only.txt
echo *.txt
echo *.none
echo "status $?"
