# %c prints the first character
printf '%c' hello world
echo
printf '[%c]\n' ''
