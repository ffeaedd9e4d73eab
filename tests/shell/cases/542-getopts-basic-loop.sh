# getopts walks options and their arguments
set -- -a -b value -c file1 file2
while getopts "ab:c" opt; do
  case $opt in
    a) echo "option a" ;;
    b) echo "option b with [$OPTARG]" ;;
    c) echo "option c" ;;
  esac
done
shift $((OPTIND - 1))
echo "OPTIND=$OPTIND rest: $*"
