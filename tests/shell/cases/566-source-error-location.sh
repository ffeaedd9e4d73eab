# errors in a sourced file name that file and its line
cat > bad.sh <<'EOF'
echo "in bad.sh"
nosuchcmd_in_sourced
echo "line $LINENO of bad.sh"
EOF
. ./bad.sh
echo "back at line $LINENO"
