# times prints two lines of user and system times
times > t.txt
n=0
while read -r u s; do
  [[ $u =~ ^[0-9]+m[0-9]+\.[0-9]{3}s$ && $s =~ ^[0-9]+m[0-9]+\.[0-9]{3}s$ ]] && n=$((n + 1))
done < t.txt
echo "well-formed lines: $n"
