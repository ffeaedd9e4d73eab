# > creates a file
echo "first line" > out.txt
cat out.txt
