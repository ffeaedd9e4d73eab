# -z and -n, and a bare string
e=
s=text
[[ -z $e ]] && echo "-z empty"
[[ -n $s ]] && echo "-n text"
[[ $s ]] && echo "bare string is true"
[[ $e ]] || echo "bare empty is false"
[[ -z $undefined ]] && echo "unset is empty"
