# "$@" next to other text joins with the first and last words
set -- a b c
printf '<%s>' "x$@y"; echo
printf '<%s>' "x$*y"; echo
set --
printf '<%s>' "x$@y"; echo
