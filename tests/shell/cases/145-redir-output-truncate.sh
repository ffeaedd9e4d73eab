# > truncates an existing file
echo "long original content" > out.txt
echo short > out.txt
cat out.txt
