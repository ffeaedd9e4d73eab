# nocasematch affects == and =~
shopt -s nocasematch
[[ HELLO == hello ]] && echo "== ignores case"
[[ HELLO =~ ^h ]] && echo "=~ ignores case"
shopt -u nocasematch
[[ HELLO == hello ]] || echo "case matters again"
