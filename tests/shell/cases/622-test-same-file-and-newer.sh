# -ef between names of one file
: > a
[ a -ef ./a ] && echo "a -ef ./a"
[ a -ef . ] || echo "a is not ."
