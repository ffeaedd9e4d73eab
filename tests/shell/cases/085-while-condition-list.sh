# the condition can be a list of commands
i=0
while echo "check $i"; [ $i -lt 2 ]; do
  i=$((i + 1))
done
