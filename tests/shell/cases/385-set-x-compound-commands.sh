# set -x traces loop and test commands
set -x
for i in 1 2; do
  [ "$i" = 2 ] && echo "two"
done
if (( i > 1 )); then echo done; fi
case $i in 2) : matched ;; esac
set +x
