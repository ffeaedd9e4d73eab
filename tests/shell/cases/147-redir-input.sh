# < reads a file as stdin
printf 'line a\nline b\n' > in.txt
cat < in.txt
read -r first < in.txt
echo "first=$first"
