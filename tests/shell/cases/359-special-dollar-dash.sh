# $- lists the set option letters
echo "$-"
set -e
echo "$-"
set +e -u
echo "$-"
set -f
case $- in *f*) echo "f is in \$-" ;; esac
