# $(< file) reads a file
printf 'line 1\nline 2\n' > in.txt
x=$(< in.txt)
echo "$x"
echo "[$(< /dev/null)]"
