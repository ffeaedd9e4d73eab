# a substitution as a for-loop list
for w in $(echo one two three); do echo "word $w"; done
