# wc -c of a here-string
# requires: wc
v=abcdef
wc -c <<< "$v"
