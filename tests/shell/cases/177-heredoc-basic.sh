# a here-document is the command's stdin
cat <<EOF
line one
  indented line
EOF
echo after
