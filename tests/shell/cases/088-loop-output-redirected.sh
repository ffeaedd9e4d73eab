# a loop's output can go to a file
for w in x y z; do echo "$w"; done > out.txt
while read -r w; do echo "[$w]"; done < out.txt
