# without -r backslashes escape and continue lines
read a <<'EOF'
back\slash \
continued
EOF
echo "[$a]"
read -r b <<'EOF'
back\slash \
EOF
echo "[$b]"
