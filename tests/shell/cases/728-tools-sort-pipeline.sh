# sorting lines in a pipeline
# requires: sort
printf '%s\n' pear apple fig | sort
printf '%s\n' 10 9 100 | sort -n
