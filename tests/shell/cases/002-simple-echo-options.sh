# the echo builtin's -n -e -E options and what is not an option
echo -e 'a\tb\x41\0101'
echo -E 'a\tb'
echo -n; echo '[after -n]'
echo -- -n
echo -en 'x\n'
echo -nX
echo -e 'stop\c here'
echo
