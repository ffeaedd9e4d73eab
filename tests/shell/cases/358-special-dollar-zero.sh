# $0 is the script name as given to bash
echo "$0"
echo "${0##*/}"
