# ; runs regardless and $? is the last status
false; echo "after false: $?"
true; echo "after true: $?"
