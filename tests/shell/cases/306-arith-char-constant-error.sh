# letters that are not names are errors
( echo $((3a)) )
echo "status $?"
( echo $((08)) )
echo "status $?"
