# a (( )) that evaluates to zero triggers set -e
set -e
((1 + 1))
echo "after ((2))"
i=0
((i++))
echo "not reached"
