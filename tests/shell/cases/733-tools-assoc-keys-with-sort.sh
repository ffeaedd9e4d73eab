# associative array keys sorted with sort
# requires: sort
declare -A m=([b]=2 [c]=3 [a]=1)
for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done | sort
