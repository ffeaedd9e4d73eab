# $! is set after starting a background job
[ -z "$!" ] && echo "\$! is empty before any job"
true &
p=$!
wait
[ "$p" -gt 0 ] && echo "\$! is a positive number"
