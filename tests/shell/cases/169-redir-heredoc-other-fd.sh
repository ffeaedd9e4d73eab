# a here-document on another descriptor
cat 3<<EOF <&3
on descriptor three
EOF
read -r -u 4 v 4<<<"here-string on four"
echo "$v"
