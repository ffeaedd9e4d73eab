# ${x?msg} fails only when unset, and ends the script
e=
echo "[${e?not shown}]"
echo "${missing?custom message here}"
echo "not reached"
