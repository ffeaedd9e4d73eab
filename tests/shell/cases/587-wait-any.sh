# wait -n returns when one job finishes
(exit 4) &
wait -n
echo "status $?"
