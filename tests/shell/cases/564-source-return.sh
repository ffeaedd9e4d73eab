# return ends a sourced file early
cat > ret.sh <<'EOF'
echo "first part"
return 3
echo "not reached"
EOF
. ./ret.sh
echo "status $?"
