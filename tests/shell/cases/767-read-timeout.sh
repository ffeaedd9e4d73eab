# read -t: a timeout returns 142 and keeps the partial input; -t 0 only tests for input
# requires: sleep
read -t 0.2 x < <(sleep 2; echo late); echo "status $? [$x]"
read -t 5 x < <(echo quick); echo "status $? [$x]"
read -t 0.3 x < <(printf part; sleep 2); echo "status $? [$x]"
read -t 0 x < /dev/null; echo "zero $?"
echo data | { sleep 0.3; read -t 0 x; echo "zero with input waiting: $?"; }
read -t 1 a b < <(echo "1 2 3"); echo "$? [$a] [$b]"
