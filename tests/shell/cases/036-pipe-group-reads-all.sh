# a group reads the rest of the pipe after read
printf 'first\nsecond\nthird\n' | { read -r one; echo "one=$one"; cat; }
