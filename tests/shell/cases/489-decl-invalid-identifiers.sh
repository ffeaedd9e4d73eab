# invalid names are rejected with a message
declare 1abc=value
echo "status $?"
export 'bad-name=1'
echo "status $?"
readonly '9x'
echo "status $?"
