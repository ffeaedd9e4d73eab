# sort -u and uniq-like counting in the shell
# requires: sort
printf '%s\n' b a b c a b | sort -u
