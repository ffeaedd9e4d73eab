# getopts can parse given words instead of $@
OPTIND=1
while getopts "n:v" opt -v -n 5 extra; do
  echo "$opt ${OPTARG-}"
done
echo "OPTIND=$OPTIND"
