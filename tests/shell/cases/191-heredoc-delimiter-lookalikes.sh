# only a line equal to the delimiter ends the body
cat <<EOF
 EOF
EOF 
EOFX
xEOF
EOF
echo done
