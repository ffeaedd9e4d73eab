# <> opens a file for reading and writing
printf 'hello world\n' > rw.txt
exec 3<> rw.txt
read -r -n 5 word <&3
echo "read: $word"
echo -n "_" >&3
exec 3>&-
cat rw.txt
