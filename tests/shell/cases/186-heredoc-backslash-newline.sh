# backslash-newline joins lines in an unquoted body only
cat <<EOF
joined \
line
EOF
cat <<'EOF'
kept \
line
EOF
