# a leading : reports errors through opt and OPTARG
set -- -z -f
while getopts ":f:" opt; do
  case $opt in
    \?) echo "unknown option: $OPTARG" ;;
    :) echo "missing argument for: $OPTARG" ;;
    *) echo "opt $opt" ;;
  esac
done
