# help -s prints a builtin's synopsis; unknown topics and bad options fail as in bash
help -s cd echo read pushd popd dirs mapfile printf
help -s 'ex*'
help nosuchtopic; echo "status $?"
help -x; echo "status $?"
help -d cd >/dev/null; echo "status $?"
type help
