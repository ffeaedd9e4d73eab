# a child bash's exit code
bash -c 'exit 21'
echo "bash -c: $?"
bash -c 'false'
echo "bash -c false: $?"
bash -c 'nosuch_in_child' 2>/dev/null
echo "bash -c missing: $?"
