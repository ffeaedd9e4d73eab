# declare -p shows arrays
arr=(x 'y z' "")
declare -p arr
declare -a empty=()
declare -p empty
