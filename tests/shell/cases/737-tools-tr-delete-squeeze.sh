# tr -d and -s
# requires: tr
echo "a  b   c" | tr -s ' '
echo "h-e-l-l-o" | tr -d -
