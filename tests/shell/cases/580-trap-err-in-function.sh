# ERR with set -E is inherited by functions
set -E
trap 'echo "ERR in ${FUNCNAME[0]:-main}"' ERR
f() { false; echo "f continues"; }
f
