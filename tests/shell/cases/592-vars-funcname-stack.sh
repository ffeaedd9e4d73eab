# FUNCNAME is the stack of function names
outer() { inner; }
inner() { echo "${FUNCNAME[@]}"; echo "depth ${#FUNCNAME[@]}"; }
outer
echo "top level: [${FUNCNAME[*]}]"
