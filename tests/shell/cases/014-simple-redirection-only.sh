# a command made only of a redirection creates or truncates a file
echo content > out.txt
> out.txt
echo "[$(cat out.txt)]"
> new.txt
[ -f new.txt ] && echo "new.txt exists"
