# empty parts of for (( )) default to true
n=0
for ((;;)); do n=$((n + 1)); [ $n -ge 3 ] && break; done
echo "n=$n"
for ((i = 0; ; i++)); do [ $i -ge 2 ] && break; echo "i=$i"; done
