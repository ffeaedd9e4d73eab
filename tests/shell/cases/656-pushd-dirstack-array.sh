# DIRSTACK holds the stack
# requires: mkdir
mkdir d1 d2
pushd d1 > /dev/null
pushd ../d2 > /dev/null
for d in "${DIRSTACK[@]}"; do echo "${d##*/}"; done | { read -r a; read -r b; echo "$a $b"; }
popd > /dev/null
echo "${PWD##*/}"
