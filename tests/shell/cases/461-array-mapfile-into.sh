# mapfile creates an array from lines
mapfile -t lines <<'EOF'
first
second line
third
EOF
echo "${#lines[@]}"
printf '<%s>\n' "${lines[@]}"
