# mapfile reads lines into an array, keeping newlines without -t
mapfile arr <<< $'a\nb'
printf '[%s]' "${arr[@]}"
echo
mapfile -t arr <<< $'a\nb'
printf '[%s]' "${arr[@]}"
echo
