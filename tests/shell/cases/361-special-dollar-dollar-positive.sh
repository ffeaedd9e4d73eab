# $$ is a positive integer
[ "$$" -gt 0 ] && echo "positive"
case $$ in *[!0-9]*) echo "not numeric" ;; *) echo "numeric" ;; esac
