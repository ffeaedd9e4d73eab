# ${@:n:m} slices positional parameters
set -- a b c d e
echo "${@:2}"
echo "${@:2:2}"
echo "${@: -2}"
echo "${*:0:2}" | { read -r first second; echo "$second"; }
echo "${@:7}"
