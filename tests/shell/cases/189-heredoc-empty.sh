# an empty here-document
cat <<EOF
EOF
echo "status $?"
