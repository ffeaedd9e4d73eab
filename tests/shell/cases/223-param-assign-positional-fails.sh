# ${1:=x} cannot assign to a positional parameter
echo "${1:=value}"
echo "status $? and \$1 is [${1-unset}]"
