# declare NAME without value leaves it unset but declared
declare lonely
echo "[${lonely-unset}]"
declare -p lonely
lonely=now
declare -p lonely
