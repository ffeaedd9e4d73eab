# a syntax error in a sourced file
printf 'echo start\nif then\n' > syn.sh
. ./syn.sh
echo "status $?"
