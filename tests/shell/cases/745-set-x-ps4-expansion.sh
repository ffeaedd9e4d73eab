# PS4 is expanded for every trace line: parameters, arithmetic, $( ) (untraced), $? kept
n=0
PS4='[$((n+=1)) $LINENO${FUNCNAME:+ $FUNCNAME}] '
f() {
  echo "in f"
}
set -x
false
echo "status $?"
f
PS4='$(echo sub)+ '
true
s=$?
set +x
echo "n=$n s=$s"
