# quoting any part of the delimiter counts
x=1
cat <<E"O"F
partly quoted $x
EOF
cat <<\STOP
backslash quoted $x
STOP
