# "$@" with no parameters produces no words
set --
printf '<%s>' "$@"; echo "|"
printf '<%s>' "$*"; echo "|"
f() { echo "$#"; }
f "$@"
f "$*"
