# ${x:-y} substitutes for unset or empty
unset u; e=; s=set
echo "[${u:-default}] [${e:-default}] [${s:-default}]"
echo "u still [${u-unset}]"
