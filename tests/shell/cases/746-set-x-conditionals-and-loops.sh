# set -x shows each [[ ]] test, (( )), for (( )) parts, case words and for words as written
x="p q"
set -- "a b" c
set -x
[[ $x == p* && -n "$x" ]]
[[ a = "$x" || ! $x =~ ^p.q$ ]]
[[ "" ]] || [[ -z "" ]]
[[ 2 -lt 10 ]]
(( n = ${#x} * 2 ))
for (( i = 0; i < 1; i++ )); do :; done
for ((;;)); do break; done
for arg; do :; done
for w in $x "lit eral"; do :; done
case "$x" in "p q") : yes ;; esac
set +x
echo "n=$n"
