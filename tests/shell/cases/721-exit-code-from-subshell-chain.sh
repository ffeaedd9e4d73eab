# exit codes through nested subshells
( ( exit 12 ) )
echo "nested: $?"
( ( exit 12 ); echo "inner done: $?" )
exit 13
