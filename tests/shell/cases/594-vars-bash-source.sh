# BASH_SOURCE is the script name as given
echo "${BASH_SOURCE[0]}"
f() { echo "in f: ${BASH_SOURCE[0]} ${#BASH_SOURCE[@]}"; }
f
