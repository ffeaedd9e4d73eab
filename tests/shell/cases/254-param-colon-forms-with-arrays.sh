# defaults with empty and unset arrays
arr=()
echo "[${arr[@]:-empty-array}]"
arr=("")
echo "[${arr[0]:-empty-element}]"
echo "[${undefined_arr[@]-unset-array}]"
