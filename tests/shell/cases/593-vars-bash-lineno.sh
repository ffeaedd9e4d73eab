# BASH_LINENO holds the lines functions were called from
f() { echo "called from line ${BASH_LINENO[0]}"; g; }
g() { echo "g called from ${BASH_LINENO[0]}, f from ${BASH_LINENO[1]}"; }
f
