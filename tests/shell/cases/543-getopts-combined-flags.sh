# combined flags and attached arguments
set -- -xy -ofile -- -notanoption
while getopts "xyo:" opt; do
  echo "$opt ${OPTARG-}"
done
shift $((OPTIND - 1))
echo "rest: $*"
