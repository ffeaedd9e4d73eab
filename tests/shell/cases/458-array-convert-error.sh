# an indexed array cannot become associative
declare -a idx=(1 2)
declare -A idx
echo "status $?"
echo "${idx[@]}"
