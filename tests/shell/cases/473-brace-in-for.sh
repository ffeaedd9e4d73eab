# braces in loop lists
for i in {1..3}; do echo "i=$i"; done
for w in {x,y}-{1,2}; do echo "$w"; done
