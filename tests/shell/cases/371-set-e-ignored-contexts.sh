# set -e does not apply to conditions, && || lists and !
set -e
if false; then :; fi
echo "after if condition"
while false; do :; done
echo "after while condition"
false && true
echo "after && list"
false || true
echo "after || list"
! true
echo "after negated command"
until true; do :; done
echo "end"
