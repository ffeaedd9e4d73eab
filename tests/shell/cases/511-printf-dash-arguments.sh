# arguments starting with - and --
printf -- '-%s-\n' x
printf '%s\n' -n -e --
