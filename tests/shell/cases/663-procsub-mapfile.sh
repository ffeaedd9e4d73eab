# mapfile from a process substitution
mapfile -t arr < <(echo x; echo y; echo z)
echo "${#arr[@]}: ${arr[*]}"
