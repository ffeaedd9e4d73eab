# the format is reused for extra arguments
printf '%s=%s\n' a 1 b 2 c
printf '<%s>' x y z
echo
