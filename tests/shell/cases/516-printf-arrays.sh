# printing arrays one element per line
arr=(one 'two words' three)
printf '%s\n' "${arr[@]}"
printf '%s,' "${arr[@]}"
echo
