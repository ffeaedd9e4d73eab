# a here-document inside $( )
x=$(cat <<EOF
captured $((6 * 7))
EOF
)
echo "x=$x"
