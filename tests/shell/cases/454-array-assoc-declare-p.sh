# declare -p on a one-key associative array
declare -A m=([only]="one value")
declare -p m
