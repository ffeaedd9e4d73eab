# source FILE ARGS sets positional parameters for the file
echo 'echo "in file: $# [$*]"' > args.sh
set -- outer
source ./args.sh one two
echo "after: $# [$*]"
source ./args.sh
