# quotes and operators in a body are plain text
cat <<EOF
a | b ; c & d > e < f "g" 'h' (i) {j}
EOF
