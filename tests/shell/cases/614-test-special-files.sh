# -c for /dev/null, -d for /, -L on a regular file
[ -c /dev/null ] && echo "/dev/null is a character device"
[ -d / ] && echo "/ is a directory"
: > f
[ -L f ] || echo "f is not a symlink"
[ -h f ] || echo "-h agrees"
[ -p f ] || echo "f is not a fifo"
