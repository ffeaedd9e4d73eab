# /dev/stdout and /dev/stderr as targets
echo "via /dev/stderr" > /dev/stderr
echo "via /dev/stdout" > /dev/stdout
