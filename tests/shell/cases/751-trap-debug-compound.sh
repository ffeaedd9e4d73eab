# the DEBUG trap runs before simple commands, for, case, [[ ]], (( )) and arithmetic for; BASH_COMMAND as bash prints it
trap 'echo "debug $LINENO: [$BASH_COMMAND] status $?"' DEBUG
for i in a b; do :; done
case "$i" in b) false ;; esac
[[ $i  ==  b && -n  $i ]]
((  i = 2  ))
for ((j = 0;  j < 1; j++)); do :; done
echo   spaced    words  >/dev/null 2>&1
x=1    y=2
if true; then :; fi
echo piped | cat
trap - DEBUG
echo done
