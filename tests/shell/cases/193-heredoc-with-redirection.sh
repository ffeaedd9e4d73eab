# here-document combined with output redirection
cat <<EOF > out.txt
saved
EOF
cat out.txt
cat > out2.txt <<EOF
also saved
EOF
cat out2.txt
