# BASH_SOURCE and FUNCNAME inside a sourced file
cat > who.sh <<'EOF'
echo "BASH_SOURCE[0]=${BASH_SOURCE[0]}"
echo "BASH_SOURCE[1]=${BASH_SOURCE[1]}"
echo "FUNCNAME[0]=${FUNCNAME[0]}"
EOF
. ./who.sh
