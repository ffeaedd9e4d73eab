# a here-document inside a substitution
x=$(cat <<'EOF'
here ) in (doc
EOF
)
echo "$x"
