# export -p and readonly -p for a single variable via declare
export MYVAR=1
declare -p MYVAR
