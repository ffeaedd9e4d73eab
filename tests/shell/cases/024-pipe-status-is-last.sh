# a pipeline's status is the last command's
false | true
echo "false|true: $?"
true | false
echo "true|false: $?"
true | (exit 7)
echo "true|(exit 7): $?"
