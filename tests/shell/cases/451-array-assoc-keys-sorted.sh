# keys of an associative array, sorted in the script
declare -A m=([zebra]=1 [apple]=2 [mango]=3 [kiwi]=4)
keys=()
for k in "${!m[@]}"; do
  i=${#keys[@]}
  keys+=("$k")
  while ((i > 0)) && [[ ${keys[i-1]} > $k ]]; do
    keys[i]=${keys[i-1]}
    ((i--))
  done
  keys[i]=$k
done
for k in "${keys[@]}"; do echo "$k=${m[$k]}"; done
