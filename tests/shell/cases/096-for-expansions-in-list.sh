# the word list is expanded and split
list="x y  z"
for w in $list "$list" ${undefined} "" pre{1,2}; do echo "[$w]"; done
