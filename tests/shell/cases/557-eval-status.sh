# eval returns the status of the last command
eval 'false'
echo "status $?"
eval 'true; (exit 6)'
echo "status $?"
eval ''
echo "empty: $?"
