# the target word is expanded
name=out
n=2
echo x > "$name-$n.txt"
echo y > ${name}$((n + 1)).txt
cat out-2.txt out3.txt
