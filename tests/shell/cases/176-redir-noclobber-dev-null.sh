# noclobber still allows writing to /dev/null
set -o noclobber
echo x > /dev/null && echo "dev null ok"
echo a > n.txt
echo b > n.txt 2>/dev/null || echo "n.txt protected"
