# expansions in a body keep their newlines
v=$'first\nsecond'
cat <<EOF
[$v]
EOF
