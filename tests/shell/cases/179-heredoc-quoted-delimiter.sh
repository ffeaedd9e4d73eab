# a quoted delimiter turns expansion off
name=world
cat <<'EOF'
hello $name $(echo no) `no` \$ \\
EOF
cat <<"END"
double quoted $name
END
