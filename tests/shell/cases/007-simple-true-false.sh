# true and false and their statuses
true; echo "true: $?"
false; echo "false: $?"
true false; echo "true with args: $?"
