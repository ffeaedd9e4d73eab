# a syntax error in eval is reported and returns 2
eval 'if then'
echo "status $?"
eval 'echo ok; ('
echo "status $?"
