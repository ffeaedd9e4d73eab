# counting lines and words from a here-document
# requires: wc
wc -l <<'EOF'
one
two
three
EOF
echo "a b c" | wc -w
