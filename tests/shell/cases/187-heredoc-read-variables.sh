# read from a here-document
read -r a b c <<EOF
1 2 3 4
EOF
echo "a=$a b=$b c=$c"
