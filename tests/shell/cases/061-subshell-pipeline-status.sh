# a subshell around a pipeline
(false | true)
echo "status $?"
(true | false)
echo "status $?"
