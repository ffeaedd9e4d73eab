# ${x@Q} quotes a value
x="it's a \$test"
echo "${x@Q}"
set -- a 'b c'
echo "${@@Q}"
