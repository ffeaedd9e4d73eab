# several here-documents on one line are read in order
cat <<A; cat <<B
from A
A
from B
B
while read -r -u 3 a && read -r b; do echo "$a $b"; done 3<<X <<Y
x3
X
y0
Y
