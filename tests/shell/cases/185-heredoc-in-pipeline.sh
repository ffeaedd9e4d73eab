# a here-document feeding a pipeline
cat <<EOF | cat | while read -r l; do echo "[$l]"; done
x
y
EOF
