# consecutive reads from a file descriptor
{
  read -r l1
  read -r l2
  echo "1=$l1 2=$l2"
} <<'EOF'
first
second
third
EOF
