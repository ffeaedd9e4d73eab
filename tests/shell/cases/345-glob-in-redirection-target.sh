# a glob in a redirection is expanded when it matches one file
: > target.out
echo written > *.out
cat target.out
