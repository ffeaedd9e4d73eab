# bash -c with a syntax error names bash -c
bash -c 'echo a; fi'
echo "status $?"
