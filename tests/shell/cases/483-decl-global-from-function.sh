# declare -g creates a global inside a function
f() { declare -g gvar=global-from-f; declare lvar=local-in-f; }
f
echo "gvar=[${gvar-unset}] lvar=[${lvar-unset}]"
