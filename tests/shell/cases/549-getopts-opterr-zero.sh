# OPTERR=0 silences messages
OPTERR=0
set -- -k
getopts "a" opt
echo "status $? opt=$opt"
getopts "a" opt
echo "end status $?"
