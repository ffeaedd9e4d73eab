# . runs a file in the current shell
cat > lib.sh <<'EOF'
lib_var="set by lib"
lib_func() { echo "lib_func called"; }
EOF
. ./lib.sh
echo "$lib_var"
lib_func
