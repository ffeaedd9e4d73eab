# a background job in a script reads /dev/null, not the script's stdin
echo data > in.txt
exec < in.txt
cat &
wait
echo "[background cat read nothing]"
cat < in.txt &
wait
echo "[an explicit redirection wins]"
